/**
 * Readers of result files, for the reports and `lmeter app`: eval runs (EvalScope's layout and
 * schemas, lmeter's extensions optional) and perf sweeps (summary, percentile and args JSON, the
 * SQLite request table). Tolerant of missing optional fields; every read is fenced to one root.
 *
 * @module
 */
export * from "./types.ts";
export { OutsideRootError, SafeFs } from "./safe_fs.ts";
export { type DiscoveredRun, discoverRuns, isEvalRunDir, isPerfSweepDir } from "./discover_runs.ts";
export { listRuns, runListItem } from "./list_runs.ts";
export { folderDate, readEvalRun } from "./read_eval_run.ts";
export { isPerfRunDir, readPerfSweep } from "./read_perf_sweep.ts";
export { readRequestPoints, type RequestPointsOptions } from "./read_request_points.ts";
export { normalizeReport } from "./normalize_report.ts";
export { percentilePosition, percentileSeries } from "./percentile_series.ts";
export {
  fileStamp,
  type PageOptions,
  type SampleDetail,
  type SampleFilter,
  type SamplePage,
  type SampleSummary,
  SubsetSamples,
} from "./subset_samples.ts";
export { messageText, type MessageView, normalizeScore, splitThink } from "./sample_text.ts";
