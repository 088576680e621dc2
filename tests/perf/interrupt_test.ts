import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { capture, configFrom, simEndpoints, startSimulator, withTempDir } from "./helpers.ts";

Deno.test({
  name: "Ctrl-C: the run stops, what was measured is flushed, and the run is marked incomplete",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const sim = await startSimulator({ ttftMs: 20, itlMs: 20, seed: 4 });
    try {
      await withTempDir(async (dir) => {
        const config = await configFrom([
          "--model",
          "m",
          "--url",
          simEndpoints(sim).chat,
          "--parallel",
          "4",
          "2",
          "--number",
          "1000",
          "1000",
          "--max-tokens",
          "10",
          "--prompt",
          "hi",
          "--outputs-dir",
          dir,
        ]);
        const controller = new AbortController();
        let finished = 0;
        const report = await runPerfWithOutput(config, {
          signal: controller.signal,
          print: capture().print,
          onProgress(e) {
            // A request takes ~220 ms here; 50 ms after the 12th finished, the requests that
            // replaced it and its round are surely in flight.
            if (e.phase === "benchmark" && ++finished === 12) {
              setTimeout(() => controller.abort(), 50);
            }
          },
        });
        assert.equal(report.status, "incomplete");
        assert.equal(report.runs.length, 1, "the second run never starts");
        const run = report.runs[0];
        assert.equal(run.status, "incomplete");
        assert.equal(run.stopReason, "interrupted");
        assert.ok(run.summary.success >= 11);
        assert.ok(run.extras.aborted >= 1, "requests in flight were cancelled");
        const db = new DatabaseSync(join(run.dir, "benchmark_data.db"));
        const meta = db.prepare("SELECT value FROM meta WHERE key = 'status'").get() as {
          value: string;
        };
        const aborted = db.prepare("SELECT count(*) AS n FROM result WHERE status = 'aborted'")
          .get() as { n: number };
        db.close();
        assert.equal(meta.value, "incomplete");
        assert.equal(aborted.n, run.extras.aborted);
        const files = JSON.parse(
          await Deno.readTextFile(join(report.outputDir, "perf_summary.json")),
        );
        assert.equal(files.status, "incomplete");
      });
    } finally {
      await sim.close();
    }
  },
});
