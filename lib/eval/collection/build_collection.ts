/**
 * `lmeter collection create`: load every benchmark of a schema (with its `args`), build each
 * sample's prompt, and draw the collection's entries with a sampler. Loading is done by the
 * injected data access; the registry of benchmarks is passed down by the caller.
 *
 * @module
 */
import type { BenchmarkDefinition } from "../benchmark/benchmark.ts";
import { EVALSCOPE_ALIASES, translateEvalScopeNames } from "../benchmark/evalscope_names.ts";
import { findBenchmark } from "../benchmark/find_benchmark.ts";
import { resolveBenchmark } from "../benchmark/resolve_benchmark.ts";
import type { ChatMessage, Sample } from "../benchmark/types.ts";
import { type DataAccess, locateDataset } from "../data/dataset_source.ts";
import { loadSubsets } from "../data/load_samples.ts";
import { PyRandom } from "../../util/py_random.ts";
import { buildMessages } from "../prompt/prompt.ts";
import { type DatasetEntryLine, entryLine } from "./entry.ts";
import { type CountPlan, planCounts, type SamplerKind } from "./sampler.ts";
import { type CollectionSchema, type FlatDataset, flattenSchema } from "./schema.ts";

/** One sample of a benchmark's pool, its prompt built. */
export interface PoolItem {
  sample: Sample & { input: ChatMessage[] };
  subset: string;
  /** Position in its subset. */
  id: number;
}

/** A flattened schema with every benchmark's pool loaded. */
export interface LoadedCollection {
  datasets: FlatDataset[];
  pools: PoolItem[][];
}

/** Options of {@linkcode loadPools}. */
export interface LoadPoolsOptions {
  /** The benchmarks that can be used (benchmarks/mod.ts, passed down by the caller). */
  registry: readonly BenchmarkDefinition[];
  data: DataAccess;
  hub: "modelscope" | "huggingface" | "local";
  datasetDir: string | null;
  /** Seed for the benchmarks' own shuffles (few-shot picks, option order). Default 42. */
  seed?: number;
  /** Told once per benchmark loaded. */
  onLoad?: (name: string, size: number) => void;
}

/** Loads every benchmark of `schema` into a pool of prompt-built samples (all its subsets). */
export async function loadPools(
  schema: CollectionSchema,
  options: LoadPoolsOptions,
): Promise<LoadedCollection> {
  const datasets = flattenSchema(schema);
  const pools: PoolItem[][] = [];
  for (const d of datasets) {
    const notes: string[] = [];
    const { datasets: [name], args } = translateEvalScopeNames([d.name], {
      args: { [d.name]: d.args },
      notes,
    });
    const bench = resolveBenchmark(findBenchmark(options.registry, name), args[name]);
    const location = await locateDataset(bench, {
      hub: options.hub,
      datasetDir: options.datasetDir,
      data: options.data,
    });
    const subsets = await loadSubsets(bench, {
      location,
      data: options.data,
      limit: null,
      seed: options.seed ?? 42,
    });
    const outside = subsetNames(d.name);
    const pool: PoolItem[] = [];
    for (const subset of subsets) {
      subset.samples.forEach((sample, id) => {
        const input = buildMessages(sample, { prompt: bench.prompt, fewShot: subset.fewShot });
        pool.push({
          sample: { ...sample, input },
          subset: outside.get(subset.name) ?? subset.name,
          id,
        });
      });
    }
    options.onLoad?.(d.name, pool.length);
    pools.push(pool);
  }
  return { datasets, pools };
}

/** Options of {@linkcode drawCollection}. */
export interface DrawOptions {
  sampler: SamplerKind;
  count: number;
  /** Seeds Python's generator as `random.seed(seed)` would. */
  seed: number;
}

/**
 * Draws the entries: per benchmark, in flattened order, `random.sample(pool, drawn)` from one
 * generator seeded once; entries are numbered 0… in draw order; an entry's weight is its
 * benchmark's weight divided by the number drawn from it.
 */
export function drawCollection(
  loaded: LoadedCollection,
  options: DrawOptions,
): { lines: DatasetEntryLine[]; plan: CountPlan[] } {
  const plan = planCounts(loaded.datasets, {
    sampler: options.sampler,
    count: options.count,
    pools: loaded.pools.map((p) => p.length),
  });
  const random = new PyRandom(options.seed);
  const lines: DatasetEntryLine[] = [];
  loaded.datasets.forEach((d, i) => {
    const { drawn } = plan[i];
    if (drawn === 0) return;
    const pool = loaded.pools[i];
    for (const pick of random.sample(pool.length, drawn)) {
      const item = pool[pick];
      lines.push(entryLine(item.sample, {
        index: lines.length,
        id: item.id,
        tags: d.tags,
        categories: d.hierarchy,
        taskType: d.taskType,
        weight: d.weight / drawn,
        datasetName: d.name,
        subsetName: item.subset,
      }));
    }
  });
  return { lines, plan };
}

/** lmeter subset → EvalScope's name for benchmarks that run under an older EvalScope name. */
function subsetNames(name: string): Map<string, string> {
  const alias = EVALSCOPE_ALIASES[name];
  const out = new Map<string, string>();
  if (!alias) return out;
  for (const [theirs, ours] of Object.entries(alias.subsets)) {
    if (ours !== null && !out.has(ours)) out.set(ours, theirs);
  }
  return out;
}
