/**
 * Where one benchmark's rows come from: a local snapshot directory, user files, or a hub.
 * Decides only; reading is done by the injected loaders (lib/data).
 *
 * @module
 */
import { join } from "node:path";
import { UserError } from "../../errors.ts";
import type { Row } from "../benchmark/benchmark.ts";
import type { ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";

/** One split of one subset to load. */
export interface SplitRequest {
  /** A hub id, or a local directory when `hub` is `local`. */
  datasetId: string;
  hub: "modelscope" | "huggingface" | "local";
  subset: string;
  split: string;
  revision?: string;
  forceRedownload?: boolean;
  /** The pinned row count and content hash of this split (checked by the loader). */
  manifest?: { rows: number; sha256: string };
  /** File patterns replacing the default layout rules. */
  patterns?: readonly string[];
  /** Benchmark name for messages. */
  label?: string;
}

/** One file of a dataset to read whole (a built benchmark's source text). */
export interface FileRequest {
  /** A hub id, or a local directory when `hub` is `local`. */
  datasetId: string;
  hub: "modelscope" | "huggingface" | "local";
  /** Path of the file inside the repository or directory. */
  path: string;
  revision?: string;
  /** Benchmark name for messages. */
  label?: string;
}

/** The data functions the engine uses (lib/data in production; fixtures in tests). */
export interface DataAccess {
  /** Loads one split of a hub dataset or of a local snapshot directory. */
  loadSplit(request: SplitRequest): Promise<Row[]>;
  /** Reads one table file (jsonl, json, csv, tsv, parquet). */
  readTable(path: string): Promise<Row[]>;
  /** True when `path` exists (file or directory). */
  exists(path: string): Promise<boolean>;
  /**
   * The text of one dataset file (downloaded into the cache first when it is on a hub); needed
   * only by built benchmarks (needle_haystack).
   */
  readText?(request: FileRequest): Promise<string>;
}

/** The extensions user files may have, in lookup order. */
export const TABLE_EXTENSIONS: readonly string[] = ["jsonl", "json", "csv", "tsv", "parquet"];

/** Where a benchmark's data is, decided once per run. */
export type DataLocation =
  | { kind: "hub"; hub: "modelscope" | "huggingface"; datasetId: string }
  | { kind: "local"; dir: string }
  | { kind: "files"; dir: string }
  | { kind: "runs"; paths: string[] };

/** Decides where `bench` reads its data from. */
export async function locateDataset(
  bench: ResolvedBenchmark,
  options: {
    hub: "modelscope" | "huggingface" | "local";
    datasetDir: string | null;
    data: DataAccess;
  },
): Promise<DataLocation> {
  const { data, datasetDir, hub } = options;
  if (bench.def.fromRuns) {
    return { kind: "runs", paths: bench.def.fromRuns.reportPaths(bench.params) };
  }
  const files = bench.def.dataset.layout === "files";
  const tried: string[] = [];
  if (bench.datasetIdGiven) {
    if (await data.exists(bench.datasetId)) {
      return files
        ? { kind: "files", dir: bench.datasetId }
        : { kind: "local", dir: bench.datasetId };
    }
    tried.push(bench.datasetId);
    if (files) throw notFound(bench, tried, true);
  }
  if (datasetDir) {
    const ids = [
      bench.name,
      bench.datasetId,
      bench.def.dataset.id,
      bench.def.dataset.hfId,
      bench.def.dataset.id.split("/").pop(),
    ];
    for (const id of ids) {
      if (!id) continue;
      const dir = join(datasetDir, id);
      if (tried.includes(dir)) continue;
      tried.push(dir);
      if (await data.exists(dir)) return files ? { kind: "files", dir } : { kind: "local", dir };
    }
  }
  if (files || hub === "local") throw notFound(bench, tried, files);
  const datasetId = hub === "huggingface"
    ? bench.def.dataset.hfId ?? bench.datasetId
    : bench.datasetId;
  return { kind: "hub", hub, datasetId: bench.datasetIdGiven ? bench.datasetId : datasetId };
}

/** Finds `<subset>_<split>.<ext>` or `<subset>.<ext>` in `dir`. */
export async function findSubsetFile(
  dir: string,
  options: { subset: string; split: string; data: DataAccess; benchmark: string },
): Promise<string | null> {
  for (const stem of [`${options.subset}_${options.split}`, options.subset]) {
    for (const ext of TABLE_EXTENSIONS) {
      const path = join(dir, `${stem}.${ext}`);
      if (await options.data.exists(path)) return path;
    }
  }
  return null;
}

function notFound(bench: ResolvedBenchmark, tried: string[], files: boolean): UserError {
  const looked = tried.length ? ` (looked in ${tried.join(", ")})` : "";
  const hint = files
    ? `Point dataset_args.${bench.name}.dataset_id at the directory holding <subset>_${bench.evalSplit}.jsonl (or .csv, .tsv, .parquet), e.g. --dataset-args '{"${bench.name}": {"dataset_id": "data/my_set"}}'.`
    : `Put a copy in <dataset_dir>/${bench.name} (lmeter datasets pull ${bench.name} --to DIR), point dataset_args.${bench.name}.dataset_id at it, or use --dataset-hub modelscope|huggingface to download.`;
  return new UserError(`Cannot find the data of ${bench.name}${looked}`, hint);
}
