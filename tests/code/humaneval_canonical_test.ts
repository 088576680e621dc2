/**
 * HumanEval's own canonical solutions, written as completions, must all pass in the sandbox. It
 * needs the real dataset, which lmeter never ships: the test reads it from the lmeter cache (or
 * from a `lmeter datasets pull … --to DIR` folder named by LMETER_HUMANEVAL_DIR) without the network, and is skipped, with
 * the reason in its name, when it is not there.
 */
import assert from "node:assert/strict";
import { getBenchmark } from "../../benchmarks/mod.ts";
import { loadSplit, resolveDataSettings, type Row } from "../../lib/data/mod.ts";
import { resolveBenchmark } from "../../lib/eval/benchmark/resolve_benchmark.ts";
import { toSamples } from "../../lib/eval/data/load_samples.ts";
import { scoreContext } from "../../lib/eval/score/score_sample.ts";
import { testSandbox } from "./sandbox.ts";

/** The 164 rows from the cache (ModelScope's id, then Hugging Face's), or why they are missing. */
async function cachedRows(): Promise<{ rows: Row[] } | { missing: string }> {
  const env = Deno.env.toObject();
  const settings = resolveDataSettings({ ...env, LMETER_OFFLINE: "1" });
  const tries = [
    { datasetId: "opencompass/humaneval", hub: "modelscope" as const },
    { datasetId: "openai/openai_humaneval", hub: "huggingface" as const },
  ];
  for (const t of tries) {
    try {
      const rows = await loadSplit(
        { ...t, subset: "openai_humaneval", split: "test" },
        { settings, datasetDir: env.LMETER_HUMANEVAL_DIR, label: "humaneval" },
      );
      if (rows.length > 0) return { rows };
    } catch { /* not cached under this id */ }
  }
  return {
    missing:
      "the HumanEval dataset is not cached (lmeter datasets pull opencompass/humaneval --to DIR, then LMETER_HUMANEVAL_DIR=DIR)",
  };
}

const box = await testSandbox();
const data = box.skip === null ? await cachedRows() : { missing: box.skip };
const why = "missing" in data ? data.missing : null;

Deno.test({
  name: `${
    why ? `SKIP ${why}: ` : ""
  }humaneval: the 164 canonical solutions all pass in the sandbox`,
  ignore: why !== null,
  async fn() {
    if ("missing" in data) return;
    const bench = resolveBenchmark(getBenchmark("humaneval"));
    const samples = toSamples(bench, data.rows);
    assert.equal(samples.length, 164);
    const ctx = scoreContext(bench, {
      signal: new AbortController().signal,
      sandbox: box.runner!,
    });
    const failed: string[] = [];
    await Promise.all(samples.map(async (sample) => {
      const response = String(sample.target); // canonical_solution
      const extracted = bench.extractor.extract(response, sample);
      const s = await bench.scorer.score(
        { sample, response, filtered: response, extracted, reasoning: "" },
        ctx,
      );
      if (s.value.acc !== 1) failed.push(`${sample.id}: ${s.explanation}`);
    }));
    assert.deepEqual(failed, []);
  },
});
