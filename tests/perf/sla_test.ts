import assert from "node:assert/strict";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { capture, configFrom, simEndpoints, startSimulator, withTempDir } from "./helpers.ts";

// The simulator's TTFT grows with the requests in flight: 20 ms × (1 + 1 × (in flight − 1)).
// With avg TTFT ≤ 70 ms the answer is about 3 concurrent requests; the search must double from
// 1, fail at 4 or 8, and bisect back, with every probe written under sla_tuning/.
Deno.test({
  name:
    "SLA auto-tune finds the highest concurrency meeting an avg TTFT bound (ms) by doubling then bisecting",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const sim = await startSimulator({ ttftMs: 20, itlMs: 1, slowdownPerRequest: 1, seed: 7 });
    try {
      await withTempDir(async (dir) => {
        const config = await configFrom([
          "--model",
          "m",
          "--url",
          simEndpoints(sim).chat,
          "--max-tokens",
          "2",
          "--prompt",
          "hi",
          "--outputs-dir",
          dir,
          "--sla-auto-tune",
          "--sla-params",
          '[{"avg_ttft": "<=70"}]',
          "--sla-num-runs",
          "1",
          "--sla-upper-bound",
          "16",
        ]);
        const out = capture();
        const report = await runPerfWithOutput(config, { print: out.print });
        const group = report.sla?.[0];
        assert.ok(group);
        assert.ok(group.best !== null && group.best >= 2 && group.best <= 4, `best ${group.best}`);
        const values = group.probes.map((p) => p.value);
        assert.deepEqual(values.slice(0, 2), [1, 2]);
        assert.ok(group.probes.some((p) => !p.passed), "some probe must fail");
        assert.match(out.text(), /SLA Auto-tune Results/);
        const summary = JSON.parse(
          await Deno.readTextFile(join(report.outputDir, "sla_summary.json")),
        );
        assert.equal(summary[0].best, group.best);
        await Deno.stat(
          join(report.outputDir, "sla_tuning", "sla_parallel_1_run_1", "benchmark_summary.json"),
        );
      });
    } finally {
      await sim.close();
    }
  },
});
