import assert from "node:assert/strict";
import type { CompletionResult } from "../client/types.ts";
import { calibrate, ceilingUsedPct } from "./calibrate.ts";
import type { Timer } from "./timer.ts";

// A client on a virtual clock whose cost is exactly known: every request takes PER_REQUEST_MS
// plus PER_EVENT_MS for each streamed event (max_tokens tokens + the role and usage events), and
// its first event comes TTFT_MS after the send. Calibration must recover those numbers exactly.
const PER_REQUEST_MS = 0.2;
const PER_EVENT_MS = 0.003;
const TTFT_MS = 0.5;

function virtualClient() {
  let now = 1000;
  const timer: Timer = {
    now: () => now,
    sleepUntil: (t) => {
      now = Math.max(now, t);
      return Promise.resolve();
    },
  };
  const client = {
    post(_url: string, body: unknown): Promise<CompletionResult> {
      const chunks = (body as { max_tokens: number }).max_tokens + 2;
      const sent = now;
      now += PER_REQUEST_MS + PER_EVENT_MS * chunks;
      return Promise.resolve({
        outcome: "success",
        chunks,
        timing: { sent, firstChoiceEvent: sent + TTFT_MS },
      } as unknown as CompletionResult);
    },
  };
  return { timer, client };
}

Deno.test("calibrate() recovers a client's known cost per request and per event", async () => {
  const { timer, client } = virtualClient();
  const c = await calibrate({ url: "http://127.0.0.1:9/v1", client, concurrency: 1, timer });
  assert.ok(c !== null);
  // Short answers: 1 token + 2 events = 3 events, 0.2 + 3 × 0.003 = 0.209 ms a request.
  assert.equal(c.maxReqPerS, Math.round(1000 / 0.209 * 10) / 10); // 4784.7
  // Long answers: 96 tokens + 2 = 98 events in 0.2 + 98 × 0.003 = 0.494 ms.
  assert.equal(c.maxEventsPerS, Math.round(98 * 1000 / 0.494)); // 198381
  assert.equal(c.costPerRequestUs, 200);
  assert.equal(c.costPerEventUs, 3);
  assert.deepEqual(c.addedTtftMs, { avg: TTFT_MS, p50: TTFT_MS, p99: TTFT_MS });
  assert.equal(c.addedTtftNewConnectionMs, null);
  assert.equal(c.concurrency, 1);
});

Deno.test("ceilingUsedPct() is (req/s · cost per request + events/s · cost per event) × 100%", () => {
  // 50 req/s at 400 µs each is 2% of a second; 20 000 events/s at 15 µs each is 30%.
  const cal = { costPerRequestUs: 400, costPerEventUs: 15 };
  assert.equal(ceilingUsedPct({ reqPerS: 50, eventsPerS: 20_000 }, cal), 32);
  assert.equal(ceilingUsedPct({ reqPerS: 50, eventsPerS: 0 }, cal), 2);
  assert.equal(ceilingUsedPct({ reqPerS: 0, eventsPerS: 20_000 }, cal), 30);
  // Rounded to two decimals: 3 req/s at 1 µs and 1000 events/s at 1.234 µs are 0.1237%.
  const small = { costPerRequestUs: 1, costPerEventUs: 1.234 };
  assert.equal(ceilingUsedPct({ reqPerS: 3, eventsPerS: 1000 }, small), 0.12);
});
