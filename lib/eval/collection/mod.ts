/**
 * Data collections (EvalScope's `data_collection`): the schema tree, the samplers, the
 * `DatasetEntry` file format, and building a collection from benchmarks.
 *
 * @module
 */
import type { BenchmarkDefinition } from "../benchmark/benchmark.ts";
import { resolveDataSettings } from "../../data/mod.ts";
import { libDataAccess } from "../data/data_access.ts";
import type { DataAccess } from "../data/dataset_source.ts";
import { drawCollection, loadPools } from "./build_collection.ts";
import type { DatasetEntryLine } from "./entry.ts";
import type { CountPlan, SamplerKind } from "./sampler.ts";
import type { CollectionSchema, FlatDataset } from "./schema.ts";

export * from "./schema.ts";
export * from "./sampler.ts";
export type { CollectionEntry, DatasetEntryLine } from "./entry.ts";
export { entryLine, readEntry } from "./entry.ts";
export * from "./build_collection.ts";
export * from "./read_collection.ts";

/** Options of {@linkcode createCollection}. */
export interface CreateCollectionOptions {
  /** The benchmarks the schema may name. */
  registry: readonly BenchmarkDefinition[];
  /** Dataset access. Default: lib/data with the cache and hub settings of the environment. */
  data?: DataAccess;
  /** Default `weighted`. */
  sampler?: SamplerKind;
  count: number;
  /** Default 42. */
  seed?: number;
  /** Default `modelscope`. */
  hub?: "modelscope" | "huggingface" | "local";
  datasetDir?: string | null;
}

/** A drawn collection: the flattened schema, the per-benchmark plan and the file's lines. */
export interface CreatedCollection {
  datasets: FlatDataset[];
  plan: CountPlan[];
  lines: DatasetEntryLine[];
}

/** Loads the schema's benchmarks and draws `count` entries (one call of `collection create`). */
export async function createCollection(
  schema: CollectionSchema,
  options: CreateCollectionOptions,
): Promise<CreatedCollection> {
  const seed = options.seed ?? 42;
  const loaded = await loadPools(schema, {
    registry: options.registry,
    data: options.data ?? libDataAccess({
      settings: resolveDataSettings(Deno.env.toObject()),
      datasetDir: options.datasetDir ?? undefined,
    }),
    hub: options.hub ?? "modelscope",
    datasetDir: options.datasetDir ?? null,
    seed,
  });
  const drawn = drawCollection(loaded, {
    sampler: options.sampler ?? "weighted",
    count: options.count,
    seed,
  });
  return { datasets: loaded.datasets, ...drawn };
}
