import assert from "node:assert/strict";
import { join } from "node:path";
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import { libDataAccess } from "../../lib/eval/data/data_access.ts";
import { runEvaluation } from "../../lib/eval/run/run_evaluation.ts";
import { startFakeHub } from "../data/fake_hub.ts";
import { startSim, withTempDir } from "./helpers.ts";

const CORPUS = new URL("../fixtures/needle/", import.meta.url).pathname;

Deno.test("needle_haystack downloads its corpus file from the hub (EvalScope's dataset id)", async () => {
  const hub = startFakeHub({
    repos: [{
      hub: "modelscope",
      repoId: "AI-ModelScope/Needle-in-a-Haystack-Corpus",
      files: {
        "PaulGraham_Essays.txt": await Deno.readTextFile(join(CORPUS, "PaulGraham_Essays.txt")),
        "Journey_to_the_West.txt": "unused by this run",
      },
    }],
  });
  const sim = await startSim({ models: ["long-model"] });
  try {
    await withTempDir(async (dir) => {
      const result = await runEvaluation({
        model: "long-model",
        api_url: sim.apiUrl,
        api_key: "EMPTY",
        datasets: ["needle_haystack"],
        dataset_args: {
          needle_haystack: {
            subset_list: ["english"],
            extra_params: {
              context_lengths_min: 400,
              context_lengths_max: 400,
              context_lengths_num_intervals: 1,
              document_depth_percent_intervals: 2,
            },
          },
        },
        dataset_hub: "modelscope",
        work_dir: join(dir, "out"),
      }, {
        registry: BENCHMARKS,
        data: libDataAccess({ settings: hub.settings(join(dir, "cache")) }),
        output: "silent",
      });
      assert.deepEqual(result.reports[0].metrics.map((m) => m.name), [
        "Context#400 Depth#0",
        "Context#400 Depth#100",
      ]);
      // Only the english subset's file was fetched.
      const files = hub.requests.filter((r) => r.includes("FilePath="));
      assert.equal(files.length, 1);
      assert.match(files[0], /FilePath=PaulGraham_Essays\.txt/);
    });
  } finally {
    await sim.close();
    await hub.close();
  }
});
