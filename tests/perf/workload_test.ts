import assert from "node:assert/strict";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { capture, configFrom, simEndpoints, withSimulator } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await Deno.readTextFile(path));
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test({
  ...opts,
  name:
    "workload files: each run writes workload_throughput.json and workload_timeline.json that agree with the summary",
  async fn() {
    await withSimulator({ ttftMs: 2, itlMs: 1, seed: 9 }, async (sim, dir) => {
      const config = await configFrom([
        "--model",
        "m",
        "--url",
        simEndpoints(sim).chat,
        "--parallel",
        "1",
        "3",
        "--number",
        "4",
        "9",
        "--max-tokens",
        "8",
        "--prompt",
        "tell me a story",
        "--outputs-dir",
        dir,
      ]);
      const report = await runPerfWithOutput(config, { print: capture().print });
      for (const run of report.runs) {
        const tp = await readJson(join(run.dir, "workload_throughput.json"));
        const tl = await readJson(join(run.dir, "workload_timeline.json"));
        const s = run.summary;
        const n = s.success;
        assert.equal(n, run.number);
        assert.equal(tp.n_samples, n);
        assert.equal(tp.last_window_s, 30);
        assert.equal(tp.warmup_frac, 0.2);
        // The timeline starts at the earliest send and ends at the last completion: Test Duration.
        assert.ok(Math.abs((tp.wall_time_s as number) - s.durationS) < 1e-3);

        const points = tl.points as Record<string, number>[];
        assert.equal(points.length, n);
        assert.equal(typeof tl.wall_start, "number");
        for (let i = 1; i < points.length; i++) {
          assert.ok(points[i].t >= points[i - 1].t, "sorted by completion time");
          assert.ok(points[i].cum_completion > points[i - 1].cum_completion);
        }
        const last = points[points.length - 1];
        assert.ok(points[0].t > 0);
        assert.equal(last.cum_completion, Math.round(s.avgOutputTokens! * n));
        assert.equal(last.cum_new_prompt, Math.round(s.avgInputTokens! * n));
        assert.equal(last.cum_cached_prompt, 0, "the simulator reports no cached tokens");

        const rows = Object.fromEntries(
          (tp.rows as Record<string, number>[]).map((r) => [r.metric, r]),
        );
        const overallOut = rows["Completion tok/s"].overall;
        const relative = Math.abs(overallOut - s.outputTps!) /
          s.outputTps!;
        assert.ok(relative < 1e-3, `${overallOut} vs ${s.outputTps!}`);
        assert.equal(rows["Total Prompt tok/s"].overall, rows["New Prompt tok/s"].overall);
        assert.equal(rows["Cached Prompt tok/s"].overall, 0);
        // A run this short (< 30 s) reports its Overall rates as the last-30-s rates.
        assert.equal(rows["Completion tok/s"].last_window, overallOut);
        assert.ok(rows["Completion tok/s"].steady_state > 0);
        assert.deepEqual(run.workload, tp, "lmeter_summary carries the same table");
      }
    });
  },
});

Deno.test({
  ...opts,
  name: "workload files: a run with no successful request writes none",
  async fn() {
    await withSimulator({ ttftMs: 1, itlMs: 1, seed: 2, fault500Rate: 1 }, async (sim, dir) => {
      const config = await configFrom([
        "--model",
        "m",
        "--url",
        simEndpoints(sim).chat,
        "--parallel",
        "2",
        "--number",
        "3",
        "--max-tokens",
        "4",
        "--prompt",
        "hi",
        "--outputs-dir",
        dir,
        "--no-test-connection",
      ]);
      const report = await runPerfWithOutput(config, { print: capture().print });
      const run = report.runs[0];
      assert.equal(run.summary.success, 0);
      assert.equal(await exists(join(run.dir, "benchmark_summary.json")), true);
      assert.equal(await exists(join(run.dir, "workload_throughput.json")), false);
      assert.equal(await exists(join(run.dir, "workload_timeline.json")), false);
      assert.equal(run.workload, undefined);
    });
  },
});
