/**
 * Accuracy against told timings: the simulator (in its own thread, as in
 * tests/perf/acceptance_test.ts) is told TTFT 200 ms, ITL 20 ms, 128 output tokens; lmeter perf
 * runs at concurrency 1, 32 and 128 with one warm-up round and reports avg and p99 TTFT, avg TPOT
 * and the largest send lag. The test asserts ±5 ms / ±1 ms; this prints the numbers.
 *
 * Usage: deno run -A bench/accuracy.ts [--rounds 3]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { runPerfWithOutput } from "../lib/jobs/perf_job.ts";
import {
  acceptanceArgs,
  capture,
  configFrom,
  simEndpoints,
  startSimulatorThread,
  withTempDir,
} from "./perf_setup.ts";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "3" } } });
const sim = await startSimulatorThread({ ttftMs: 200, itlMs: 20, seed: 1 });
console.log(
  "| round | concurrency | avg TTFT (ms) | avg TPOT (ms) | p99 TTFT (ms) | max send lag (ms) |",
);
console.log("| --- | --- | --- | --- | --- | --- |");
try {
  await withTempDir(async (dir) => {
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (const [p, n] of [[1, 2], [32, 32], [128, 128]]) {
        const config = await configFrom(acceptanceArgs(simEndpoints(sim).chat, p, n, dir));
        const run = (await runPerfWithOutput(config, { print: capture().print })).runs[0];
        const p99 = run.percentiles.find((r) => r.percentile === "99%")?.ttftMs;
        const lag = (run.extras as { sendLagMs?: { max?: number } }).sendLagMs?.max;
        console.log(
          `| ${round} | ${p} | ${run.summary.avgTtftMs} | ${run.summary.avgTpotMs} | ` +
            `${p99} | ${lag?.toFixed(1)} |`,
        );
      }
    }
  });
} finally {
  await sim.close();
}
