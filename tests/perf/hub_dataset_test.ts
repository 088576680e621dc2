import assert from "node:assert/strict";
import { fetchPerfDataset } from "../../lib/load/hub_dataset.ts";
import { PERF_DATASETS } from "../../perf/mod.ts";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { startFakeHub } from "../data/fake_hub.ts";
import { capture, configFrom, simEndpoints, startSimulator, withTempDir } from "./helpers.ts";

Deno.test({
  name: "openqa is fetched from (a fake) ModelScope once, cached, and drives a run",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const questions = ["什么是熵?", "How do tides work?"].map((q) =>
      JSON.stringify({ question: q })
    );
    const hub = startFakeHub({
      repos: [{
        hub: "modelscope",
        repoId: "AI-ModelScope/HC3-Chinese",
        files: { "open_qa.jsonl": questions.join("\n") + "\n" },
      }],
    });
    const sim = await startSimulator({ ttftMs: 2, itlMs: 1, seed: 1 });
    try {
      await withTempDir(async (dir) => {
        const settings = hub.settings(`${dir}/cache`);
        const path = await fetchPerfDataset(PERF_DATASETS.openqa, {
          dataSource: "modelscope",
          settings,
        });
        assert.match(path, /AI-ModelScope\/HC3-Chinese\/master\/open_qa\.jsonl$/);
        const again = await fetchPerfDataset(PERF_DATASETS.openqa, {
          dataSource: "modelscope",
          settings,
        });
        assert.equal(again, path);
        assert.equal(hub.requests.length, 1, "the second call is served from the cache");
        const config = await configFrom([
          "--model",
          "m",
          "--url",
          simEndpoints(sim).chat,
          "--dataset",
          "openqa",
          "--parallel",
          "2",
          "--number",
          "4",
          "--max-tokens",
          "4",
          "--outputs-dir",
          dir,
        ]);
        config.datasetPath = path;
        const report = await runPerfWithOutput(config, { print: capture().print });
        assert.equal(report.runs[0].summary.success, 4);
      });
      await assert.rejects(
        () => fetchPerfDataset(PERF_DATASETS.openqa, { dataSource: "local" }),
        /--data-source local needs --dataset-path/,
      );
    } finally {
      await sim.close();
      await hub.close();
    }
  },
});
