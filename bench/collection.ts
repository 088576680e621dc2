/**
 * Collections at scale: build a 100k-entry collection from two synthetic fixture benchmarks
 * (`collection create`'s code: pools, weighted counts, CPython's `random.sample`, DatasetEntry
 * lines), write it, then evaluate it as `data_collection` against the zero-latency simulator (its
 * own process) at eval_batch_size 64: every entry routed to its benchmark's scorer, the levels
 * and collection_detailed_report.json built. Prints build time, samples/s of the evaluation and
 * engine CPU per sample, to compare with `deno task bench:eval`.
 *
 * The build's memory: peak RSS while it runs (sampled every 20 ms), and with
 * `--v8-flags=--expose-gc` the JS heap still held once it is done and collected.
 *
 * Usage:
 *   deno run -A [--v8-flags=--expose-gc] bench/collection.ts [--entries 100000] [--batch 64]
 *     [--build-only]
 *
 * @module
 */
import { parseArgs } from "node:util";
import process from "node:process";
import { dirname, join } from "node:path";
import { dataCollection } from "../benchmarks/data_collection.ts";
import { resolveDataSettings } from "../lib/data/mod.ts";
import { defineBenchmark } from "../lib/eval/benchmark/benchmark.ts";
import { textField } from "../lib/eval/benchmark/fields.ts";
import { createCollection, parseCollectionSchema } from "../lib/eval/collection/mod.ts";
import { libDataAccess } from "../lib/eval/data/data_access.ts";
import type { DataAccess } from "../lib/eval/data/dataset_source.ts";
import { mathExtractor } from "../lib/eval/score/extractors.ts";
import { optionLabel } from "../lib/eval/prompt/mcq.ts";
import { MATH_BOXED } from "../lib/eval/prompt/templates.ts";
import { runEvaluation } from "../lib/eval/run/run_evaluation.ts";
import { serve, synthetic } from "./eval.ts";
import { startSimProcess } from "./sim_process.ts";
import { syntheticData } from "./synthetic_data.ts";

const mcq = synthetic;

const math = defineBenchmark({
  name: "synthetic_math",
  prettyName: "Synthetic math",
  description: "Generated sums in two levels.",
  version: "1",
  tags: ["bench"],
  dataset: { id: "synthetic/math", evalSplit: "test", subsets: ["easy", "hard"] },
  toSample: (r) => ({ input: textField(r, "problem"), target: textField(r, "answer") }),
  prompt: { style: "text", template: MATH_BOXED, fewShotNum: 0 },
  extract: mathExtractor,
  metrics: [{ name: "acc", options: { numeric: true } }],
});

/** Pools of `n` rows per subset: mcq `default`, math `easy` and `hard`. */
function fixtureData(n: number): DataAccess {
  return syntheticData(n, (i, r) =>
    r.datasetId === mcq.dataset.id
      ? {
        question: `Synthetic question ${i}: which option names the number ${i % 4}?`,
        choices: [`zero ${i}`, `one ${i}`, `two ${i}`, `three ${i}`],
        answer: optionLabel(i % 4),
      }
      : { problem: `${r.subset} sum ${i}: what is ${i} + 1?`, answer: String(i + 1) });
}

/** Draws the collection and writes it; only the counts outlive the call. */
async function build(
  schema: ReturnType<typeof parseCollectionSchema>,
  options: { n: number; file: string },
): Promise<{ entries: number; pools: string }> {
  const made = await createCollection(schema, {
    registry: [mcq, math],
    data: fixtureData(options.n),
    count: options.n,
    seed: 42,
  });
  const text = made.lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
  await Deno.writeTextFile(options.file, text);
  return { entries: made.lines.length, pools: made.plan.map((p) => p.pool).join(" + ") };
}

/** Evaluates the collection file as data_collection and prints throughput, CPU and memory. */
async function evaluate(
  file: string,
  options: { url: string; batch: number; afterBuild: number },
): Promise<void> {
  const { url, batch, afterBuild } = options;
  const work = dirname(file);
  const base = url.replace(/\/+$/, "");
  let peak = 0;
  const sampler = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().rss), 100);
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  const result = await runEvaluation({
    model: "bench",
    api_url: base.endsWith("/v1") ? base : `${base}/v1`,
    datasets: ["data_collection"],
    dataset_args: { data_collection: { dataset_id: file } },
    dataset_hub: "local",
    eval_batch_size: batch,
    generation_config: { temperature: 0, max_tokens: 16 },
    work_dir: join(work, "out"),
  }, {
    registry: [mcq, math, dataCollection],
    data: libDataAccess({
      settings: resolveDataSettings({ LMETER_CACHE: join(work, "cache"), LMETER_OFFLINE: "1" }),
    }),
    output: "silent",
  });
  const secs = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const report = result.reports[0];
  const levels = report.collection!;
  console.log(`evaluation:     ${report.execution.samples} samples in ${secs.toFixed(2)} s`);
  console.log(`throughput:     ${(report.execution.samples / secs).toFixed(0)} samples/s`);
  console.log(
    `engine CPU:     ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (${
      (((cpu.user + cpu.system) / 1e6 / secs) * 100).toFixed(0)
    }% of one core, ${
      ((cpu.user + cpu.system) / 1e3 / report.execution.samples).toFixed(3)
    } ms/sample)`,
  );
  console.log(
    `RSS:            ${(afterBuild / 1048576).toFixed(0)} MB after the build, ${
      (peak / 1048576).toFixed(0)
    } MB peak during the evaluation`,
  );
  console.log(
    `levels:         ${
      levels.dataset.map((r) => `${r.group.dataset_name} ${r.count}`).join(", ")
    }; ${report.execution.errored} errors`,
  );
}

const file = (work: string) => join(work, "mixed.jsonl");

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      serve: { type: "boolean", default: false },
      entries: { type: "string", default: "100000" },
      batch: { type: "string", default: "64" },
      "build-only": { type: "boolean", default: false },
    },
  });
  if (values.serve) {
    await serve();
  } else {
    const n = Number(values.entries);
    const work = await Deno.makeTempDir({ prefix: "lmeter-bench-collection-" });
    const server = await startSimProcess(import.meta.filename!, []);
    try {
      const schema = parseCollectionSchema({
        name: "bench",
        datasets: [
          { name: "synthetic_mcq", weight: 2, task_type: "exam", tags: ["en"] },
          { name: "Math", datasets: [{ name: "synthetic_math", task_type: "math" }] },
        ],
      });
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const before = Deno.memoryUsage();
      let buildPeak = before.rss;
      const buildSampler = setInterval(
        () => buildPeak = Math.max(buildPeak, Deno.memoryUsage().rss),
        20,
      );
      const t0 = performance.now();
      const built = await build(schema, { n, file: file(work) });
      const buildSecs = (performance.now() - t0) / 1000;
      clearInterval(buildSampler);
      buildPeak = Math.max(buildPeak, Deno.memoryUsage().rss);
      // With --v8-flags=--expose-gc, the pools of the build are collected before the evaluation.
      gc?.();
      const afterBuild = Deno.memoryUsage().rss;
      const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
      console.log(
        `build:          ${built.entries} entries from pools of ${built.pools} in ${
          buildSecs.toFixed(2)
        } s (${(built.entries / buildSecs).toFixed(0)} entries/s, file written)`,
      );
      console.log(
        `build memory:   ${mb(buildPeak)} MB peak RSS (${mb(before.rss)} MB before)${
          gc ? `, JS heap ${mb(Deno.memoryUsage().heapUsed)} MB after the build and a GC` : ""
        }`,
      );
      if (!values["build-only"]) {
        await evaluate(file(work), { url: server.url, batch: Number(values.batch), afterBuild });
      }
    } finally {
      await server.stop();
      await Deno.remove(work, { recursive: true });
    }
  }
}
