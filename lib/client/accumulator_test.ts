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
