import assert from "node:assert/strict";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { capture, configFrom, simEndpoints, withSimulator } from "./helpers.ts";

Deno.test({
  name:
    "perf: bad JSON lines in --dataset-path are counted in the summary with the first one named",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withSimulator({ ttftMs: 0, itlMs: 0, seed: 3 }, async (sim, dir) => {
      const file = join(dir, "prompts.jsonl");
      await Deno.writeTextFile(file, '"a"\n{oops\n"b"\n[1,\n"c"\n');
      const config = await configFrom([
        "--model",
        "lmeter-sim",
        "--url",
        simEndpoints(sim).chat,
        "--dataset",
        "custom",
        "--dataset-path",
        file,
        "--parallel",
        "1",
        "--number",
        "3",
        "--max-tokens",
        "4",
        "--outputs-dir",
        join(dir, "out"),
      ]);
      const out = capture();
      const report = await runPerfWithOutput(config, { print: out.print });
      assert.equal(report.runs[0].summary.success, 3);
      const warning = report.warnings.find((w) => /dataset line/.test(w));
      assert.ok(warning, report.warnings.join("\n"));
      assert.match(warning, /2 dataset line\(s\) skipped, not valid JSON/);
      assert.match(warning, /prompts\.jsonl line 2: not valid JSON \(/);
      assert.match(out.text(), /warning: .*2 dataset line\(s\) skipped/);
      const files = JSON.parse(
        await Deno.readTextFile(join(report.outputDir, "perf_summary.json")),
      );
      assert.ok(files.warnings.includes(warning));
    });
  },
});
