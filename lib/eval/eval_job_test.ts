import assert from "node:assert/strict";
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import { resolveDataSettings } from "../data/mod.ts";
import { evalJob, type EvalJobInput } from "./eval_job.ts";
import { resolveEvaluation } from "./run/resolve_evaluation.ts";

const FIXTURES = new URL("../../tests/fixtures/eval/data/", import.meta.url).pathname;

Deno.test("the eval job runs a structured clone of the task resolved on the main thread", async () => {
  const workDir = await Deno.makeTempDir({ prefix: "lmeter-eval-job-" });
  try {
    const { task } = resolveEvaluation({
      model: "mock",
      eval_type: "mock_llm",
      datasets: ["gsm8k"],
      dataset_dir: FIXTURES,
      dataset_hub: "local",
      dataset_args: { arc: {} },
      limit: 2,
      work_dir: workDir,
      no_timestamp: true,
    }, { registry: BENCHMARKS, env: { EVALSCOPE_API_KEY: "sk-from-env" } });
    const input: EvalJobInput = {
      task,
      dataSettings: resolveDataSettings({ LMETER_CACHE: "/nonexistent", LMETER_OFFLINE: "1" }),
      ignoreManifest: false,
      output: "silent",
      columns: 80,
    };
    // What crosses into the worker: plain data, the environment already applied.
    const crossed = structuredClone(input);
    assert.deepEqual(crossed, input);
    assert.equal(crossed.task.apiKey, "sk-from-env");
    assert.ok(crossed.task.notes.some((n) => n.includes("dataset_args.arc")));
    const pages: string[] = [];
    const result = await evalJob(crossed, {
      signal: new AbortController().signal,
      benchmarks: BENCHMARKS,
      renderHtml: (page) => {
        pages.push(page.runName);
        return "<html></html>";
      },
    });
    assert.deepEqual(result.reports.map((r) => r.datasetName), ["gsm8k"]);
    assert.equal(pages.length, 1, "the job draws report.html with the renderer it was given");
    // The benchmark definitions come from the registry the job table passes, by name.
    await assert.rejects(
      evalJob(structuredClone(input), {
        signal: new AbortController().signal,
        benchmarks: [],
        renderHtml: () => "",
      }),
      /gsm8k/,
    );
  } finally {
    await Deno.remove(workDir, { recursive: true });
  }
});
