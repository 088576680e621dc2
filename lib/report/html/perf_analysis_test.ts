import assert from "node:assert/strict";
import { summaryFromFile } from "../../results/perf/evalscope_format.ts";
import type { PerfRunView } from "../../results/read/types.ts";
import { bestConfig, loadAxis, recommendations, runLabel } from "./perf_analysis.ts";

function run(parallel: number, rps: number, latency: number, ok = 100): PerfRunView {
  return {
    name: `parallel_${parallel}_number_100`,
    parallel,
    rate: -1,
    number: 100,
    summary: summaryFromFile({
      "Req Throughput (req/s)": rps,
      "Avg Latency (s)": latency,
      "Total Requests": 100,
      "Success Requests": ok,
    }),
    percentiles: [],
  };
}

Deno.test("bestConfig() picks the highest RPS and the lowest valid average latency", () => {
  const runs = [run(1, 1, 0.5), run(4, 3, -1), run(8, 2.5, 2)];
  const best = bestConfig(runs);
  assert.equal(best.highestRps?.parallel, 4);
  assert.equal(best.lowestLatency?.parallel, 1);
});

Deno.test("recommendations() says to push harder when RPS still rises at the highest load", () => {
  const r = recommendations([run(4, 2, 1), run(1, 1, 1), run(16, 3, 2)]);
  assert.deepEqual(r.map((x) => x.key), ["perf.rec.notSaturated"]);
  assert.equal(r[0].params.run, "Parallel 16 / Number 100");
});

Deno.test("recommendations() flags a peak at the lowest load, low success and latency growth", () => {
  const r = recommendations([run(1, 5, 1), run(8, 4, 2), run(32, 3, 3.5, 90)]);
  assert.deepEqual(r.map((x) => x.key), [
    "perf.rec.overloaded",
    "perf.rec.lowSuccess",
    "perf.rec.latencyGrowth",
  ]);
  assert.equal(r[1].params.pct, 90);
  assert.equal(r[2].params.factor, "3.5");
});

Deno.test("recommendations() names the optimum when RPS peaks in the middle", () => {
  const r = recommendations([run(1, 1, 1), run(8, 4, 1.5), run(32, 3, 2)]);
  assert.deepEqual(r.map((x) => [x.key, x.params.run]), [
    ["perf.rec.optimum", "Parallel 8 / Number 100"],
  ]);
  assert.deepEqual(recommendations([run(1, 1, 1)]).map((x) => x.key), ["perf.rec.single"]);
});

Deno.test("loadAxis() is the rate for open-loop sweeps and concurrency otherwise", () => {
  const open = [2, 5, 10].map((rate) => ({ ...run(-1, 1, 1), rate }));
  assert.equal(loadAxis(open), "rate");
  assert.equal(runLabel(open[1], "rate"), "Rate 5 req/s / Number 100");
  assert.equal(loadAxis([run(1, 1, 1), run(4, 1, 1)]), "parallel");
});
