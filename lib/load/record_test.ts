import assert from "node:assert/strict";
import type { CompletionResult } from "../client/types.ts";
import { loadTokenizer } from "../tokenizer/mod.ts";
import { chunkGaps, outcomeOf, recordExchange } from "./record.ts";
import type { PreparedRequest } from "./request_builder.ts";

function streamed(
  events: number[],
  opts: { usage?: boolean; tokenEvents?: number[]; choiceEvents?: number[] } = {},
): CompletionResult {
  return {
    outcome: "success",
    httpStatus: 200,
    streamed: true,
    text: "hello world",
    reasoning: "",
    finishReason: "length",
    usage: opts.usage === false ? null : { promptTokens: 10, completionTokens: 4, totalTokens: 14 },
    chunks: events.length,
    attempts: 1,
    timing: {
      intendedSend: 990,
      wallStart: 0,
      sent: 1000,
      connectMs: 0,
      newConnection: false,
      written: 1001,
      headers: 1050,
      firstByte: 1100,
      firstChoiceEvent: events[0],
      firstToken: (opts.tokenEvents ?? events)[0] ?? null,
      events,
      choiceEvents: opts.choiceEvents ?? events,
      tokenEvents: opts.tokenEvents ?? events,
      lastEvent: events[events.length - 1],
      end: events[events.length - 1] + 1,
    },
  };
}

const prepared: PreparedRequest = {
  body: { model: "m", messages: [{ role: "user", content: "hi" }] },
  maxTokens: 4,
  exactOutput: true,
  targetPromptTokens: null,
};

Deno.test("recordExchange() measures TTFT, latency and TPOT from the send like EvalScope", async () => {
  // role chunk at 1100, tokens at 1120/1140/1160/1180, usage-only event at 1185.
  const r = streamed([1100, 1120, 1140, 1160, 1180, 1185], {
    tokenEvents: [1120, 1140, 1160, 1180],
    choiceEvents: [1100, 1120, 1140, 1160, 1180],
  });
  const rec = recordExchange(prepared, r, { tokenizer: await loadTokenizer() });
  assert.equal(rec.sample.ttftMs, 100);
  assert.equal(rec.sample.contentTtftMs, 120);
  assert.equal(rec.sample.latencyMs, 185); // the usage-only event ends the stream
  assert.equal(rec.sample.tpotMs, (185 - 100) / 3);
  // Gaps between tokens only: none from the role chunk, none to the usage event.
  assert.deepEqual(Array.from(rec.sample.itlMs), [20, 20, 20]);
  assert.equal(rec.sample.choiceChunks, 5);
  assert.equal(rec.sample.intendedMs, 990);
  assert.equal(rec.tokenSource, "usage");
});

Deno.test("chunkGaps() keeps every gap between tokens when usage rides on the last content event", () => {
  const r = streamed([10, 20, 30], {});
  assert.deepEqual([...chunkGaps(r).gaps], [10, 10]);
});

Deno.test("chunkGaps() adds no gap for finish-only and usage-only events read together with the last token", () => {
  // llama-server: role chunk, tokens, then last token + finish chunk + usage chunk in one read.
  const r = streamed([1100, 1120, 1140, 1160, 1180, 1180, 1180], {
    tokenEvents: [1120, 1140, 1160, 1180],
    choiceEvents: [1100, 1120, 1140, 1160, 1180, 1180],
  });
  const g = chunkGaps(r);
  assert.deepEqual([...g.gaps], [20, 20, 20]); // no 0 ms gaps to the finish or usage chunk
  assert.equal(g.choiceChunks, 6);
  // The same stream read with the usage event a little later: the same gaps.
  const later = streamed([1100, 1120, 1140, 1160, 1180, 1180, 1181], {
    tokenEvents: [1120, 1140, 1160, 1180],
    choiceEvents: [1100, 1120, 1140, 1160, 1180, 1180],
  });
  assert.deepEqual([...chunkGaps(later).gaps], [...g.gaps]);
  // The role chunk written with the first token: no 0 ms gap from it either.
  const together = streamed([1120, 1120, 1140, 1160, 1180, 1180, 1180], {
    tokenEvents: [1120, 1140, 1160, 1180],
    choiceEvents: [1120, 1120, 1140, 1160, 1180, 1180],
  });
  assert.deepEqual([...chunkGaps(together).gaps], [20, 20, 20]);
});

Deno.test("recordExchange() counts tokens with the tokenizer when the server sent no usage", async () => {
  const tok = await loadTokenizer();
  const r = streamed([1100, 1120], { usage: false });
  const rec = recordExchange(prepared, r, { tokenizer: tok });
  assert.equal(rec.tokenSource, "tokenizer");
  assert.equal(rec.sample.completionTokens, tok.count("hello world"));
  assert.equal(rec.sample.promptTokens, tok.count("hi") + 5 + 3);
  assert.equal(rec.tokens?.usageCompletion, null);
});

Deno.test("recordExchange() records failures with their reason and no timings", async () => {
  const r = streamed([1100]);
  r.outcome = "incomplete";
  r.errorKind = "cut";
  r.error = "the stream ended after 1 events without [DONE]";
  const rec = recordExchange(prepared, r, { tokenizer: await loadTokenizer() });
  assert.equal(rec.sample.outcome, "incomplete");
  assert.equal(rec.sample.errorKind, "cut");
  assert.ok(Number.isNaN(rec.sample.ttftMs));
  assert.equal(rec.tokens, undefined);
  const aborted = { ...r, outcome: "error" as const, errorKind: "aborted" as const };
  assert.equal(outcomeOf(aborted), "aborted");
});

Deno.test("recordExchange() of a non-streamed answer sets TTFT to the latency and no gaps", async () => {
  const r = streamed([1300]);
  r.streamed = false;
  r.timing.firstChoiceEvent = 1300;
  const rec = recordExchange(prepared, r, { tokenizer: await loadTokenizer() });
  assert.equal(rec.sample.ttftMs, 300);
  assert.equal(rec.sample.latencyMs, 300);
  assert.equal(rec.sample.itlMs.length, 0);
});
