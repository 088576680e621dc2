import assert from "node:assert/strict";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import {
  acceptanceArgs,
  capture,
  configFrom,
  simEndpoints,
  startSimulatorThread,
  withTempDir,
} from "./helpers.ts";

// The simulator (in its own thread) is told TTFT = 200 ms, ITL = 20 ms, 128 output tokens;
// lmeter must report avg TTFT within ±5 ms and TPOT within ±1 ms of what it was told at
// concurrency 1, 32 and 128. Each run first sends one warm-up round (`--warmup-num P`, excluded
// from the metrics, as a benchmark should) so TCP connection set-up is not counted as server TTFT.
//
// The truth is the told values only: neither lmeter's measurement nor the simulator's own record
// of what it did (a simulator that runs late must fail this test, not move its truth). On a shared
// machine other processes can delay the simulator's timers or lmeter's reads for a moment; a run
// that misses is repeated after a pause (1, 2, 4, 8 s), each miss is printed, and the test fails only
// when every attempt misses.
// The tolerances: the simulator's events go out within about 0.5 ms of their due time
// (docs/simulator.md) and lmeter's client adds about 2 ms of TTFT at concurrency 1 (loopback
// included; docs/PERFORMANCE.md, "avg TTFT"), so ±5 ms on TTFT and ±1 ms on TPOT (an average over
// 127 gaps, where a constant delay cancels) leave room for that and for scheduling noise, while a
// simulator or client more than 5 ms off is caught (a simulator made 40 ms late fails every attempt).
const TOLD = { ttftMs: 200, itlMs: 20 };
const TTFT_TOLERANCE_MS = 5;
const TPOT_TOLERANCE_MS = 1;
const ATTEMPTS = 5;

Deno.test({
  name:
    "acceptance: avg TTFT within ±5 ms and TPOT within ±1 ms of the told values at concurrency 1, 32, 128",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const sim = await startSimulatorThread({ ...TOLD, seed: 1 });
    try {
      await withTempDir(async (dir) => {
        for (const [parallel, number] of [[1, 2], [32, 32], [128, 128]]) {
          const misses: string[] = [];
          for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
            const config = await configFrom(
              acceptanceArgs(simEndpoints(sim).chat, parallel, number, dir),
            );
            const report = await runPerfWithOutput(config, { print: capture().print });
            const run = report.runs[0];
            const s = run.summary;
            assert.equal(s.total, number, run.name);
            assert.equal(s.failed, 0, run.name);
            assert.equal(s.avgOutputTokens, 128, run.name);
            const miss = toldMiss(s.avgTtftMs ?? NaN, s.avgTpotMs ?? NaN);
            if (miss === "") break;
            misses.push(`${run.name} attempt ${attempt}: ${miss}`);
            await pauseAfterMiss("acceptance", misses, attempt);
          }
          assert.ok(misses.length < ATTEMPTS, `every attempt missed:\n${misses.join("\n")}`);
        }
      });
    } finally {
      await sim.close();
    }
  },
});

/**
 * Prints the latest miss and, before the next attempt, waits 1, 2, 4, … s: load from other work
 * on a shared machine comes in bursts, and a repeat right away would often land in the same one.
 */
async function pauseAfterMiss(what: string, misses: string[], attempt: number): Promise<void> {
  const last = attempt >= ATTEMPTS;
  const waitS = last ? 0 : 2 ** (attempt - 1);
  // The load average says whether the machine was busy (it is no part of the pass/fail decision).
  const load = Deno.loadavg()[0].toFixed(1);
  misses[misses.length - 1] += ` (load average ${load} on ${navigator.hardwareConcurrency} cores)`;
  console.log(`${what}: missed: ${misses.at(-1)}${last ? "" : `; repeating in ${waitS} s`}`);
  await new Promise((r) => setTimeout(r, waitS * 1000));
}

/** Why a run's averages miss the told values ("" when both are within tolerance). */
function toldMiss(ttft: number, tpot: number): string {
  const out: string[] = [];
  if (!(Math.abs(ttft - TOLD.ttftMs) <= TTFT_TOLERANCE_MS)) {
    out.push(`avg TTFT ${ttft} ms, told ${TOLD.ttftMs} ± ${TTFT_TOLERANCE_MS}`);
  }
  if (!(Math.abs(tpot - TOLD.itlMs) <= TPOT_TOLERANCE_MS)) {
    out.push(`avg TPOT ${tpot} ms, told ${TOLD.itlMs} ± ${TPOT_TOLERANCE_MS}`);
  }
  return out.join("; ");
}

// TTFT is timed at the first choice event, even a role-only one (docs/perf-metrics.md, "The
// timeline of one request", as EvalScope does); "TTFT to first content token" at the first event
// with text. The simulator is told to send its role chunk 100 ms before the first token (token 0
// due at 150 ms), so the two anchors are 100 ms apart: lmeter's TTFT must read 50 ms and its
// content TTFT 150 ms. ±20 ms covers the client's ~2 ms and scheduling noise on a shared machine
// while a TTFT taken at the other anchor (100 ms off) fails; a miss is repeated and printed.
Deno.test({
  name:
    "perf times TTFT at the first choice event (a role-only chunk), content TTFT at the first token",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const told = { ttftMs: 150, roleGapMs: 100, itlMs: 5 };
    const sim = await startSimulatorThread({ ...told, seed: 1 });
    try {
      await withTempDir(async (dir) => {
        const misses: string[] = [];
        for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
          const args = acceptanceArgs(simEndpoints(sim).chat, 2, 4, dir);
          const report = await runPerfWithOutput(await configFrom(args), {
            print: capture().print,
          });
          const run = report.runs[0];
          assert.equal(run.summary.success, 4);
          const ttft = run.summary.avgTtftMs ?? NaN;
          const content = run.extras.contentTtftMs.avg ?? NaN;
          const firstChunk = told.ttftMs - told.roleGapMs;
          const miss = [
            Math.abs(ttft - firstChunk) <= 20
              ? ""
              : `avg TTFT ${ttft} ms, role chunk at ${firstChunk}`,
            Math.abs(content - told.ttftMs) <= 20
              ? ""
              : `content TTFT ${content} ms, first token at ${told.ttftMs}`,
          ].filter(Boolean).join("; ");
          if (miss === "") break;
          misses.push(`attempt ${attempt}: ${miss}`);
          await pauseAfterMiss("TTFT anchor", misses, attempt);
        }
        assert.ok(misses.length < ATTEMPTS, `every attempt missed:\n${misses.join("\n")}`);
      });
    } finally {
      await sim.close();
    }
  },
});
