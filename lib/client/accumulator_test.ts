import assert from "node:assert/strict";
import { ResponseAccumulator } from "./accumulator.ts";

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ choices: [{ index: 0, delta, finish_reason: null }], ...extra });

Deno.test("ResponseAccumulator marks the first choices event (a role-only chunk) apart from the first token", () => {
  const acc = new ResponseAccumulator();
  acc.onEventData(chunk({ role: "assistant", content: "" }), 100);
  acc.onEventData(chunk({ content: "Hel" }), 120);
  acc.onEventData(chunk({ reasoning_content: "hm" }), 130);
  acc.onEventData(chunk({ content: "lo" }), 140);
  acc.onEventData(
    JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
    150,
  );
  acc.onEventData(
    JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 3 } }),
    155,
  );
  assert.equal(acc.onEventData("[DONE]", 160), "done");
  // TTFT's mark is the role-only chunk; the first content token comes 20 ms later.
  assert.equal(acc.firstChoiceEvent, 100);
  assert.equal(acc.firstToken, 120);
  // Token events carry content or reasoning: no role-only, finish-only or usage-only event.
  assert.deepEqual(acc.tokenEvents, [120, 130, 140]);
  assert.deepEqual(acc.choiceEvents, [100, 120, 130, 140, 150]);
  assert.equal(acc.lastEvent, 155);
  assert.equal(acc.text, "Hello");
  assert.equal(acc.reasoning, "hm");
  assert.equal(acc.finishReason, "stop");
  assert.equal(acc.usage?.completionTokens, 3);
});

const ev = (type: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type, ...extra });

Deno.test("ResponseAccumulator reads Responses API events: TTFT at the first output-text delta, reasoning apart, usage from response.completed", () => {
  const acc = new ResponseAccumulator();
  acc.onEventData(ev("response.created", { response: { id: "resp_1", model: "m" } }), 100);
  acc.onEventData(ev("response.reasoning_text.delta", { delta: "think" }), 110);
  acc.onEventData(ev("response.output_text.delta", { delta: "" }), 115);
  acc.onEventData(ev("response.output_text.delta", { delta: "Hel" }), 120);
  acc.onEventData(ev("response.output_text.delta", { delta: "lo" }), 130);
  acc.onEventData(ev("response.output_text.done", { text: "Hello" }), 131);
  const usage = {
    input_tokens: 7,
    output_tokens: 3,
    input_tokens_details: { cached_tokens: 4 },
    output_tokens_details: { reasoning_tokens: 1 },
  };
  assert.equal(acc.onEventData(ev("response.completed", { response: { usage } }), 140), "done");
  assert.equal(acc.done, true);
  assert.equal(acc.id, "resp_1");
  assert.equal(acc.firstChoiceEvent, 120);
  assert.equal(acc.firstToken, 110);
  assert.deepEqual(acc.tokenEvents, [110, 120, 130]);
  assert.equal(acc.text, "Hello");
  assert.equal(acc.reasoning, "think");
  assert.equal(acc.finishReason, "stop");
  assert.deepEqual(acc.usage, {
    promptTokens: 7,
    completionTokens: 3,
    totalTokens: 10,
    cachedTokens: 4,
    reasoningTokens: 1,
  });
  assert.equal(acc.lastEvent, 140);
});

Deno.test("ResponseAccumulator: response.incomplete ends with its reason, response.failed and error fail", () => {
  const cut = new ResponseAccumulator();
  cut.onEventData(ev("response.reasoning_text.delta", { delta: "only thinking" }), 10);
  const incomplete = { incomplete_details: { reason: "max_output_tokens" } };
  assert.equal(cut.onEventData(ev("response.incomplete", { response: incomplete }), 20), "done");
  assert.equal(cut.finishReason, "max_output_tokens");
  // No output text ever came: TTFT falls back on the first reasoning delta.
  assert.equal(cut.firstChoiceEvent, 10);
  const failed = new ResponseAccumulator();
  const error = { error: { code: "server_error", message: "boom" } };
  assert.equal(failed.onEventData(ev("response.failed", { response: error }), 5), "error");
  assert.equal(failed.errorKind, "stream_error");
  assert.match(failed.error ?? "", /boom/);
  const bare = new ResponseAccumulator();
  assert.equal(bare.onEventData(ev("error", { message: "rate limited" }), 5), "error");
  assert.match(bare.error ?? "", /rate limited/);
});

Deno.test("ResponseAccumulator reads a whole Responses API body", () => {
  const acc = new ResponseAccumulator();
  const body = {
    id: "resp_2",
    object: "response",
    status: "completed",
    output: [
      { type: "reasoning", content: [{ type: "reasoning_text", text: "hm" }] },
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "Hi" }] },
    ],
    usage: { input_tokens: 5, output_tokens: 2 },
  };
  assert.equal(acc.onBody(JSON.stringify(body), 50), "done");
  assert.equal(acc.text, "Hi");
  assert.equal(acc.reasoning, "hm");
  assert.equal(acc.usage?.promptTokens, 5);
  assert.equal(acc.firstChoiceEvent, 50);
});
