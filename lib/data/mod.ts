/**
 * The dataset layer: readers for JSONL, JSON, CSV/TSV and Parquet; downloads from Hugging Face
 * and ModelScope into a cache that is never re-fetched; split loading for benchmarks; and
 * manifests that pin what a benchmark reads.
 *
 * Functions here never read the environment: call `resolveDataSettings(Deno.env.toObject())`
 * in the main thread and pass the settings down.
 *
 * @module
 */
export type { DataLog, DatasetHub, DataSettings, Hub, Row, SplitManifest } from "./types.ts";
export { HUBS } from "./types.ts";
export { DEFAULT_HF_ENDPOINT, DEFAULT_MS_ENDPOINT, resolveDataSettings } from "./settings.ts";

export { readTable, TABLE_EXTENSIONS, tableFormat } from "./read_table.ts";
export type { ReadTableOptions, TableFormat } from "./read_table.ts";
export { iterateJsonl, iterateLines } from "./jsonl.ts";
export type { Line, StreamOptions } from "./jsonl.ts";
export { requireColumns } from "./columns.ts";
export type { RequireColumnsOptions } from "./columns.ts";
export { describeSource, rowSource } from "./row_source.ts";
export type { RowSource } from "./row_source.ts";

export { checkManifest, manifestKey, manifestOf, rowsHash } from "./manifest.ts";
export type { CheckManifestOptions, ManifestSubject } from "./manifest.ts";

export { HubError, OFFLINE_HINT } from "./hub_error.ts";
export type { HubErrorKind } from "./hub_error.ts";
export { defaultRevision } from "./hub_urls.ts";
export type { RepoFile } from "./hub_tree.ts";
export { snapshotDir } from "./snapshot.ts";
export { resolveHubFile } from "./resolve_hub_file.ts";
export type { ResolveHubFileOptions } from "./resolve_hub_file.ts";
export { resolveDatasetFiles } from "./resolve_dataset_files.ts";
export { readDatasetText } from "./read_dataset_text.ts";
export { pathKind } from "./local_files.ts";
export type { DatasetTextRequest } from "./read_dataset_text.ts";
export type { FileFilter, ResolveDatasetFilesOptions } from "./resolve_dataset_files.ts";

export {
  findSplitFiles,
  SPLIT_PATTERNS,
  splitPatterns,
  SUBSET_SPLIT_PATTERNS,
} from "./split_files.ts";
export type { SplitQuery } from "./split_files.ts";
export { locateSplit } from "./locate_split.ts";
export type { LocateSplitOptions, SplitLocation, SplitSource } from "./locate_split.ts";
export { loadSplit, loadSplitDetailed } from "./load_split.ts";
export type { LoadedSplit, LoadSplitOptions } from "./load_split.ts";
export { dataScope } from "./data_scope.ts";

export { pullDataset, pullRoot } from "./pull.ts";
export type { PullResult, PullTarget } from "./pull.ts";
export { listCachedDatasets } from "./cache_list.ts";
export type { CachedDataset } from "./cache_list.ts";
export { inspectData } from "./inspect_data.ts";
export type { DataSummary } from "./inspect_data.ts";
export { benchmarkPullTargets } from "./benchmark_targets.ts";
export type { BenchmarkDatasetLike } from "./benchmark_targets.ts";
export { PickleError, readPickledString } from "./pickle.ts";
