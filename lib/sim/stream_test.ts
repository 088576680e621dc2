import assert from "node:assert/strict";
import { ChunkEncoder } from "./events.ts";
import { NO_PIECES } from "./pieces.ts";
import type { GenerationPlan } from "./plan.ts";
import { streamEvents } from "./stream.ts";

const plan: GenerationPlan = {
  promptText: "hi",
  promptSha256: "",
  promptTokens: 1,
  reasoning: NO_PIECES,
  content: { texts: ["a", "b", "c"], tokens: [1, 1, 1] },
  reasoningTokens: 0,
  completionTokens: 3,
  finishReason: "stop",
  answer: "unmatched",
};

/** The due times of a chat stream's events, ms after arrival, with the first word of each. */
function timeline(options: { roleGapMs?: number; llama?: boolean }) {
  const meta = { id: "x", created: 0, model: "m", fingerprint: "fp", endpoint: "chat" as const };
  const events = streamEvents(plan, {
    encoder: new ChunkEncoder(meta),
    chat: true,
    arrival: 1000,
    offsets: Float64Array.from([100, 110, 120]),
    includeUsage: false,
    ...(options.roleGapMs === undefined ? {} : { roleGapMs: options.roleGapMs }),
    fault: null,
    faultAfter: 0,
    ...(options.llama
      ? {
        llamaTimings: {
          cache_n: 0,
          prompt_n: 1,
          prompt_ms: 100,
          prompt_per_token_ms: 100,
          prompt_per_second: 10,
          predicted_n: 3,
          predicted_ms: 20,
          predicted_per_token_ms: 10,
          predicted_per_second: 100,
        },
      }
      : {}),
  });
  return [...events].map((e) => ({
    at: e.at - 1000,
    kind: e.data?.includes('"role"') ? "role" : e.data?.includes("[DONE]") ? "done" : "event",
    joined: e.withPrevious === true,
  }));
}

Deno.test("streamEvents() sends the role chunk with the first token unless told a gap", () => {
  const together = timeline({});
  assert.deepEqual(together.slice(0, 2).map((e) => [e.kind, e.at]), [["role", 100], [
    "event",
    100,
  ]]);
  const apart = timeline({ roleGapMs: 60 });
  assert.deepEqual(apart.map((e) => [e.kind, e.at]), [
    ["role", 40],
    ["event", 100],
    ["event", 110],
    ["event", 120],
    ["done", 120],
  ]);
  // Never before the request arrived.
  assert.equal(timeline({ roleGapMs: 500 })[0].at, 0);
});

Deno.test("streamEvents() joins llama-server's role chunk to the first token only without a gap", () => {
  assert.deepEqual(timeline({ llama: true }).slice(0, 2).map((e) => e.joined), [false, true]);
  const apart = timeline({ llama: true, roleGapMs: 30 });
  assert.deepEqual(apart.slice(0, 2).map((e) => [e.at, e.joined]), [[70, false], [100, false]]);
});
