import assert from "node:assert/strict";
import { dispatch, type PostClient, SendGate, traceClock } from "./dispatch.ts";
import type { PreparedRequest } from "./request_builder.ts";
import { fakeResult } from "./test_result.ts";
import type { Timer } from "./timer.ts";

/** A virtual clock: sleeping jumps time forward. */
function virtualTimer(start = 1000): Timer & { t: number } {
  const v = {
    t: start,
    now: () => v.t,
    sleepUntil(t: number) {
      if (t > v.t) v.t = t;
      return Promise.resolve();
    },
  };
  return v;
}

function source(n: number) {
  let i = 0;
  return {
    next(): Promise<PreparedRequest | undefined> {
      if (i >= n) return Promise.resolve(undefined);
      const body = { i: i++ };
      return Promise.resolve({
        body,
        maxTokens: null,
        exactOutput: false,
        targetPromptTokens: null,
      });
    },
  };
}

const ok = (intended: number) => fakeResult(intended);

/** A client whose requests stay open until `release()` is called. */
/** Waits (real time) until `cond` holds; fails after 5 s. Other load on the box may slow the
 * dispatcher's event-loop turns, so tests wait for what they expect instead of a fixed time. */
async function until(cond: () => boolean, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

function heldClient() {
  const held: (() => void)[] = [];
  const intended: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client: PostClient = {
    post(_url, _body, opts) {
      intended.push(opts?.intendedSend ?? NaN);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise((resolve) => {
        held.push(() => {
          inFlight--;
          resolve(ok(opts?.intendedSend ?? 0));
        });
      });
    },
  };
  return {
    client,
    intended,
    get maxInFlight() {
      return maxInFlight;
    },
    async releaseAll() {
      while (held.length) held.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    },
    held,
  };
}

Deno.test("dispatch() paced by arrivals sends each request at its absolute instant", async () => {
  const timer = virtualTimer(5000);
  const arrivals = Float64Array.from([10, 25, 25, 100]);
  const h = heldClient();
  const run = dispatch({
    client: h.client,
    url: "x",
    source: source(10),
    parallel: -1,
    arrivals,
    timer,
    onResult() {},
  });
  await until(() => h.intended.length >= 4, "four sends");
  assert.deepEqual(h.intended, [5010, 5025, 5025, 5100]);
  await h.releaseAll();
  const stats = await run;
  assert.equal(stats.dispatched, 4);
  assert.equal(stats.stopReason, "completed");
});

Deno.test("dispatch() closed loop never has more than `parallel` requests in flight", async () => {
  const h = heldClient();
  let results = 0;
  const run = dispatch({
    client: h.client,
    url: "x",
    source: source(10),
    parallel: 3,
    arrivals: null,
    timer: virtualTimer(),
    onResult() {
      results++;
    },
  });
  for (let round = 0; round < 6 && results < 10; round++) {
    await until(() => h.held.length === 3 || results + h.held.length === 10, "a full round");
    assert.ok(h.held.length <= 3);
    await h.releaseAll();
  }
  const stats = await run;
  assert.equal(stats.dispatched, 10);
  assert.equal(results, 10);
  assert.equal(h.maxInFlight, 3);
});

Deno.test("dispatch() with a rate and a cap waits for a free slot but keeps the intended time", async () => {
  const timer = virtualTimer(0);
  const h = heldClient();
  const run = dispatch({
    client: h.client,
    url: "x",
    source: source(3),
    parallel: 1,
    arrivals: Float64Array.from([1, 2, 3]),
    timer,
    onResult() {},
  });
  await until(() => h.intended.length >= 1, "the first send");
  await new Promise((r) => setTimeout(r, 1));
  assert.deepEqual(h.intended, [1]); // the second waits for the slot
  timer.t = 50;
  await h.releaseAll();
  await until(() => h.intended.length >= 2, "the second send");
  assert.deepEqual(h.intended, [1, 2]); // sent late, but its intended time is the schedule's
  await h.releaseAll();
  await until(() => h.intended.length >= 3, "the third send");
  await h.releaseAll();
  assert.equal((await run).dispatched, 3);
});

Deno.test("dispatch() stops sending at the duration limit and lets in-flight requests finish", async () => {
  const timer = virtualTimer(0);
  const h = heldClient();
  let results = 0;
  const run = dispatch({
    client: h.client,
    url: "x",
    source: source(100),
    parallel: -1,
    arrivals: Float64Array.from({ length: 100 }, (_, i) => i * 10),
    durationMs: 45,
    timer,
    onResult() {
      results++;
    },
  });
  await until(() => h.intended.length >= 5, "five sends");
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(h.intended.length, 5); // 0, 10, 20, 30, 40; none at 50, past the duration
  await h.releaseAll();
  const stats = await run;
  assert.equal(stats.stopReason, "duration");
  assert.equal(results, 5);
});

Deno.test("dispatch() stops on abort and reports it", async () => {
  const controller = new AbortController();
  let started = 0;
  const client: PostClient = {
    post(_u, _b, opts) {
      started++;
      return new Promise((resolve) => {
        opts?.signal?.addEventListener("abort", () => {
          const r = ok(0);
          r.outcome = "error";
          r.errorKind = "aborted";
          resolve(r);
        });
      });
    },
  };
  const kinds: string[] = [];
  const run = dispatch({
    client,
    url: "x",
    source: source(100),
    parallel: 4,
    arrivals: null,
    signal: controller.signal,
    onResult(d) {
      kinds.push(d.result.errorKind ?? "");
    },
  });
  await until(() => started >= 4, "four requests in flight");
  controller.abort();
  const stats = await run;
  assert.equal(stats.stopReason, "interrupted");
  assert.deepEqual(kinds, ["aborted", "aborted", "aborted", "aborted"]);
});

/** A SendGate on a fake event loop: `turn()` runs the callbacks deferred before it began. */
function gateOnFakeLoop(options: { maxPolling?: number; burst?: number } = {}) {
  let pending: (() => void)[] = [];
  let deferred = 0;
  const gate = new SendGate({
    ...options,
    defer: (fn) => {
      deferred++;
      pending.push(fn);
    },
  });
  const settle = () => new Promise<void>((r) => setTimeout(r, 0)); // every microtask has run
  const turn = async () => {
    const now = pending;
    pending = [];
    for (const fn of now) fn();
    await settle();
    return now.length;
  };
  return { gate, turn, settle, deferred: () => deferred };
}

Deno.test("SendGate lets one send through per turn when no more than maxPolling wait", async () => {
  const loop = gateOnFakeLoop({ maxPolling: 8, burst: 4 });
  const passed: number[] = [];
  const waiting = Array.from({ length: 8 }, (_, i) => loop.gate.ready().then(() => passed.push(i)));
  await loop.settle();
  assert.equal(passed.length, 1, "the first passes at once");
  for (let t = 2; t <= 8; t++) {
    await loop.turn();
    assert.equal(passed.length, t, "one more per turn, never a burst");
  }
  await Promise.all(waiting);
  assert.deepEqual([...passed].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7]);
});

Deno.test("SendGate queues waiters beyond maxPolling: a turn's cost stays flat and bursts catch up", async () => {
  const loop = gateOnFakeLoop({ maxPolling: 4, burst: 3 });
  const passed: number[] = [];
  const n = 1000;
  const waiting = Array.from({ length: n }, (_, i) => loop.gate.ready().then(() => passed.push(i)));
  await loop.settle();
  assert.equal(passed.length, 1, "the first passes; the rest poll or queue");
  let turns = 0;
  while (passed.length < n) {
    const before = passed.length;
    const callbacks = await loop.turn();
    turns++;
    // The polling waiters and the reset: never one callback per waiter.
    assert.ok(callbacks <= 4 + 1, `${callbacks} callbacks in turn ${turns}`);
    assert.ok(passed.length - before <= 3, "at most `burst` sends per turn");
    assert.ok(passed.length > before, "every turn lets a send through");
  }
  await Promise.all(waiting);
  assert.equal(new Set(passed).size, n, "each waiter passes once");
  assert.ok(turns <= Math.ceil(n / 3) + 4, `${turns} turns for ${n} sends`);
  // Polling every waiter would have cost ~n²/2 callbacks.
  assert.ok(loop.deferred() <= 6 * turns, `${loop.deferred()} deferred calls`);
});

Deno.test("traceClock keeps trace offsets and goes on after the last row when a trace repeats", () => {
  const at = traceClock();
  assert.deepEqual([0, 50, 120, 0, 30].map(at), [0, 50, 120, 120, 150]);
});
