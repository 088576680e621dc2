import assert from "node:assert/strict";
import { join } from "node:path";
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import { libDataAccess } from "../../lib/eval/data/data_access.ts";
import { runEvaluation } from "../../lib/eval/run/run_evaluation.ts";
import { startSimulator } from "../../lib/sim/mod.ts";
import { startFakeHub } from "../data/fake_hub.ts";
import { seedCollection } from "./collection_seed.ts";
import { withTempDir } from "./temp_dir.ts";

const SEED_REPO = "modelscope/R1-Distill-Math-Test";

Deno.test("data_collection with a hub dataset_id downloads the collection once and evaluates it", async () => {
  const { lines, key } = seedCollection({ math_500: 392, gpqa: 68, aime24: 6 });
  const hub = startFakeHub({
    repos: [{
      hub: "modelscope",
      repoId: SEED_REPO,
      files: {
        "test.jsonl": lines.map((l) => JSON.stringify(l)).join("\n") + "\n",
        "README.md": "A collection in seed 004's format, written by lmeter's tests.\n",
      },
    }],
  });
  const sim = await startSimulator({
    port: 0,
    ttftMs: 0,
    itlMs: 0,
    models: ["r1"],
    answerKey: key,
    loremTokens: 8,
  });
  try {
    await withTempDir(async (dir) => {
      const run = () =>
        runEvaluation({
          model: "r1",
          api_url: `${sim.url.replace(/\/+$/, "")}/v1`,
          api_key: "EMPTY",
          datasets: ["data_collection"],
          dataset_args: { data_collection: { dataset_id: SEED_REPO } },
          dataset_hub: "modelscope",
          eval_batch_size: 32,
          work_dir: join(dir, "out"),
        }, {
          registry: BENCHMARKS,
          data: libDataAccess({ settings: hub.settings(join(dir, "cache")) }),
          output: "silent",
        });
      const first = await run();
      const report = first.reports[0];
      assert.equal(report.execution.samples, 728);
      assert.deepEqual(
        report.collection!.dataset.map((r) => [r.group.dataset_name, r.count, r.micro.value]),
        [["math_500", 500, 0.784], ["gpqa", 198, 0.3434], ["aime24", 30, 0.2]],
      );
      const downloads = hub.requests.filter((r) => r.includes("FilePath=test.jsonl")).length;
      assert.equal(downloads, 1, "the collection file is downloaded");
      // A second run reads the cached copy: no new download of the file.
      await run();
      assert.equal(hub.requests.filter((r) => r.includes("FilePath=test.jsonl")).length, 1);
    });
  } finally {
    await sim.close();
    await hub.close();
  }
});
