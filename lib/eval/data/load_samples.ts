/**
 * Loads a benchmark's samples: rows → samples per subset → shuffle → limit → repeats, plus the
 * few-shot examples of each subset.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import { describeSource, rowSource } from "../../data/row_source.ts";
import type { Row } from "../benchmark/benchmark.ts";
import { type DataAccess, type DataLocation, findSubsetFile } from "./dataset_source.ts";
import { buildSubsetSamples } from "./build_samples.ts";
import { readRunOutputs } from "./run_outputs.ts";
import { FieldError } from "../benchmark/fields.ts";
import { answerLetter, optionLabel } from "../prompt/mcq.ts";
import type { ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";
import { seededRandom, shuffled } from "../../util/random.ts";
import type { Sample } from "../benchmark/types.ts";

/** One subset's samples, expanded by repeats, and its few-shot examples. */
export interface LoadedSubset {
  name: string;
  /** Samples after shuffle and limit (before repeats). */
  samples: Sample[];
  /** Rendered few-shot block ("" for zero-shot). */
  fewShot: string;
}

/** Options of {@linkcode loadSubsets}. */
export interface LoadOptions {
  location: DataLocation;
  data: DataAccess;
  limit: number | null;
  seed: number;
}

/** Loads every subset of `bench`; throws a {@linkcode UserError} naming file and line on bad rows. */
export async function loadSubsets(
  bench: ResolvedBenchmark,
  options: LoadOptions,
): Promise<LoadedSubset[]> {
  const { location } = options;
  const evalSets = location.kind === "runs"
    ? await runSamples(bench, location.paths)
    : bench.def.build
    ? await buildSubsetSamples(bench, options)
    : await loadSplitSamples(bench, bench.evalSplit, options, false);
  const pools = bench.fewShotNum > 0 && bench.trainSplit && bench.fewShotFixed === undefined
    ? await loadSplitSamples(bench, bench.trainSplit, options, true)
    : new Map<string, Sample[]>();
  const out: LoadedSubset[] = [];
  // A benchmark built from runs has the subsets its runs have in common.
  for (const name of location.kind === "runs" ? evalSets.keys() : bench.subsets) {
    let samples = evalSets.get(name) ?? [];
    if (samples.length === 0) continue; // EvalScope drops empty subsets
    if (bench.shuffle) {
      samples = shuffled(samples, seededRandom(options.seed, bench.name, name, "shuffle"));
    }
    samples = applyLimit(samples, options.limit);
    if (bench.shuffleChoices) samples = samples.map((s) => shuffleChoices(s, options.seed));
    out.push({ name, samples, fewShot: fewShotBlock(bench, name, pools, options.seed) });
  }
  if (out.length === 0) {
    throw new UserError(
      `Cannot evaluate ${bench.name}: no samples in subset${bench.subsets.length > 1 ? "s" : ""} ${
        bench.subsets.join(", ")
      }`,
      "Check dataset_args subset_list and the dataset files.",
    );
  }
  return out;
}

/** Samples of a benchmark built from earlier runs: read the runs, hand them to its pure builder. */
async function runSamples(
  bench: ResolvedBenchmark,
  paths: string[],
): Promise<Map<string, Sample[]>> {
  const runs = [];
  for (const path of paths) runs.push(await readRunOutputs(path));
  const out = new Map<string, Sample[]>();
  for (const [subset, samples] of bench.def.fromRuns!.samples(runs, bench.params)) {
    out.set(subset, samples.map((s) => s.subset === undefined ? { ...s, subset } : s));
  }
  return out;
}

/** `limit` per subset: a count, or a fraction of the subset (floored). */
export function applyLimit<T>(items: T[], limit: number | null): T[] {
  if (limit === null) return items;
  const n = limit < 1 ? Math.floor(items.length * limit) : limit;
  return items.slice(0, n);
}

async function loadSplitSamples(
  bench: ResolvedBenchmark,
  split: string,
  options: LoadOptions,
  fewShot: boolean,
): Promise<Map<string, Sample[]>> {
  const byConfig = bench.def.dataset.subsetsFromConfig;
  const out = new Map<string, Sample[]>();
  if (byConfig !== undefined && options.location.kind !== "files") {
    const rows = await loadRows(bench, { subset: byConfig, split, options });
    for (const sample of toSamples(bench, rows)) {
      const subset = sample.subset;
      if (subset === undefined) {
        throw new UserError(
          `Cannot load ${bench.name}: a record has no subset`,
          "The benchmark's toSample must set sample.subset.",
        );
      }
      if (!bench.subsets.includes(subset)) continue;
      let list = out.get(subset);
      if (!list) out.set(subset, list = []);
      if (!fewShot || list.length < poolCap(bench)) list.push(sample);
    }
    return out;
  }
  for (const subset of bench.subsets) {
    const rows = await loadRows(bench, { subset, split, options, optional: fewShot });
    // Hub-config subsets: each sample knows its subset (prompt values may use it).
    out.set(
      subset,
      toSamples(bench, rows).map((s) => s.subset === undefined ? { ...s, subset } : s),
    );
  }
  return out;
}

function poolCap(bench: ResolvedBenchmark): number {
  return bench.fewShotRandom ? Infinity : bench.fewShotNum;
}

/** The rows of one subset and split of `bench`, from its located data. */
export async function loadRows(
  bench: ResolvedBenchmark,
  req: { subset: string; split: string; options: LoadOptions; optional?: boolean },
): Promise<Row[]> {
  const { location, data } = req.options;
  if (location.kind === "files") {
    const file = await findSubsetFile(location.dir, {
      subset: req.subset,
      split: req.split,
      data,
      benchmark: bench.name,
    });
    if (file === null) {
      if (req.optional) return [];
      throw new UserError(
        `Cannot find subset "${req.subset}" of ${bench.name} in ${location.dir}`,
        `Expected ${req.subset}_${req.split}.jsonl or ${req.subset}.jsonl (or .json, .csv, .tsv, .parquet) there.`,
      );
    }
    return await data.readTable(file);
  }
  if (location.kind === "runs") throw new Error(`${bench.name} is built from runs, not rows`);
  const request = location.kind === "local"
    ? {
      datasetId: location.dir,
      hub: "local" as const,
      subset: req.subset,
      split: req.split,
      patterns: bench.def.dataset.patterns,
    }
    : {
      datasetId: location.datasetId,
      hub: location.hub,
      subset: req.subset,
      split: req.split,
      revision: bench.revision,
      forceRedownload: bench.forceRedownload,
      patterns: bench.def.dataset.patterns,
    };
  return await data.loadSplit(request);
}

/** Maps rows to samples; a missing column becomes an error naming the file and line. */
export function toSamples(bench: ResolvedBenchmark, rows: readonly Row[]): Sample[] {
  const out: Sample[] = [];
  for (let i = 0; i < rows.length; i++) {
    let sample: Sample | null;
    try {
      sample = bench.def.toSample(rows[i]);
    } catch (e) {
      if (!(e instanceof FieldError) && !(e instanceof TypeError)) throw e;
      const src = rowSource(rows[i]);
      const where = src ? describeSource(src) : `record ${i + 1}`;
      throw new UserError(
        `Cannot read ${bench.name} data: ${where} ${
          e instanceof FieldError ? e.message : `is malformed (${e.message})`
        }`,
        `See 'lmeter benchmarks info ${bench.name}' for the expected fields.`,
      );
    }
    if (sample) out.push(sample);
  }
  return out;
}

function fewShotBlock(
  bench: ResolvedBenchmark,
  subset: string,
  pools: Map<string, Sample[]>,
  seed: number,
): string {
  if (bench.fewShotNum > 0 && bench.fewShotFixed !== undefined) return bench.fewShotFixed;
  if (bench.fewShotNum === 0 || !bench.formatExample) return "";
  let pool = pools.get(subset);
  if (!pool || pool.length === 0) pool = [...pools.values()].find((p) => p.length > 0) ?? [];
  if (pool.length < bench.fewShotNum) {
    throw new UserError(
      `Cannot build ${bench.fewShotNum}-shot prompts for ${bench.name}/${subset}: the ${bench.trainSplit} split has only ${pool.length} example${
        pool.length === 1 ? "" : "s"
      }`,
      `Lower dataset_args.${bench.name}.few_shot_num.`,
    );
  }
  const picked = bench.fewShotRandom
    ? shuffled(pool, seededRandom(seed, bench.name, subset, "fewshot")).slice(0, bench.fewShotNum)
    : pool.slice(0, bench.fewShotNum);
  const format = bench.formatExample;
  return picked.map((s) => format(s)).join("\n\n");
}

/** Shuffles a multiple-choice sample's options (seeded by its content) and remaps the target. */
export function shuffleChoices(sample: Sample, seed: number): Sample {
  const choices = sample.choices;
  if (!choices || choices.length < 2) return sample;
  const order = shuffled(
    choices.map((_, i) => i),
    seededRandom(seed, "choices", JSON.stringify(sample.input), choices.join("\u0000")),
  );
  const newPos = new Map(order.map((oldIdx, newIdx) => [oldIdx, newIdx]));
  const remap = (t: string) => {
    const letter = answerLetter(t, choices.length);
    const old = letter.charCodeAt(0) - 65;
    return newPos.has(old) ? optionLabel(newPos.get(old)!) : t;
  };
  const target = Array.isArray(sample.target)
    ? sample.target.map(remap).sort()
    : remap(sample.target);
  return { ...sample, choices: order.map((i) => choices[i]), target };
}
