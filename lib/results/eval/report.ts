/**
 * The per-benchmark eval report as the program holds it: a typed model the engine builds, the
 * terminal tables and `lmeter report` read, and the library returns. Its file,
 * `reports/<model_id>/<benchmark>.json` (EvalScope's v1 shape plus uncertainty, execution counts,
 * perf and endpoint identity), is written and read only by `report_file.ts`. Schema in
 * docs/results-format.md.
 *
 * @module
 */
/** Score of one subset. */
export interface SubsetScore {
  name: string;
  score: number;
  num: number;
  stderr: number;
  ci95: [number, number];
}

/** A category (one or more levels) and its subsets. */
export interface CategoryScore {
  /** Its levels (Cat.0, Cat.1, …). */
  name: string[];
  num: number;
  score: number;
  /** Mean of the subsets' scores (the score is over samples). */
  macroScore: number;
  subsets: SubsetScore[];
}

/** One report metric (e.g. `AverageAccuracy`, `Pass@4`). */
export interface MetricScore {
  /** Display name. */
  name: string;
  /** The score key it comes from (`acc`). */
  key: string;
  /** `mean`, `pass@k`, `vote@k`, `pass^k`. */
  aggregation: string;
  num: number;
  score: number;
  macroScore: number;
  stderr: number;
  ci95: [number, number];
  categories: CategoryScore[];
  /**
   * For a metric pooled over the parts of samples (IFEval's instructions): its score per part
   * label, sorted by label. Absent for other metrics.
   */
  breakdown?: SubsetScore[];
}

/** What happened to the samples of a benchmark. */
export interface ExecutionSummary {
  /** Samples (attempts) in the benchmark. */
  samples: number;
  /** Samples with a score (used in every average). */
  scored: number;
  /** Samples whose request failed (excluded from averages; only with ignore_errors). */
  errored: number;
  /** Scored samples where no answer could be extracted. */
  noAnswer: number;
  noAnswerRate: number;
  /** Scored samples cut by max_tokens or the context limit. */
  truncated: number;
  truncatedRate: number;
  /** Samples reused from the run cache instead of requested. */
  cached: number;
  /**
   * Samples an LLM judge could not grade (the call failed or its reply held no verdict): not
   * scored, left out of every average. Absent (0) in reports written before judges.
   */
  judgeErrors?: number;
}

/** Latency (s) and token statistics of the requests made for a benchmark. */
export interface RequestStats {
  requests: number;
  latency: { mean: number; p50: number; p90: number; p99: number; max: number } | null;
  ttft: { mean: number; p50: number; p99: number } | null;
  usage: { inputTokens: number; outputTokens: number; avgOutputTokens: number } | null;
}

/** An average with its 95% confidence interval. */
export interface AverageWithCi {
  value: number;
  ci95: [number, number];
}

/**
 * One row of a collection level: its group (EvalScope's column names in order, e.g. `task_type`,
 * `dataset_name`) and its averages over the samples in the group.
 */
export interface CollectionLevelRow {
  group: Record<string, string>;
  /** The mean over samples (`micro_avg.`). */
  micro: AverageWithCi;
  /** The mean of the per-subset means (`macro_avg.`); absent on the subset level. */
  macro?: AverageWithCi;
  /** Σ score·weight / Σ weight over the entries' weights (`weighted_avg.`); absent on the subset level. */
  weighted?: AverageWithCi;
  /** Samples in the group (each sample's score is the mean of its attempts). */
  count: number;
}

/** A collection's scores by subset, benchmark, task type, tag and category (`collection_detailed_report.json`). */
export interface CollectionLevels {
  subset: CollectionLevelRow[];
  dataset: CollectionLevelRow[];
  task: CollectionLevelRow[];
  tag: CollectionLevelRow[];
  category: CollectionLevelRow[];
}

/** A benchmark report. */
export interface EvalReport {
  schemaVersion: string;
  /** `<model>@<benchmark>`. */
  name: string;
  datasetName: string;
  datasetPrettyName: string;
  datasetDescription: string;
  modelName: string;
  /** The primary metric's score. */
  score: number;
  primaryMetric: string;
  metrics: MetricScore[];
  analysis: string;
  /** `complete`, or `incomplete` when samples failed (ignore_errors) or the run was interrupted. */
  status: "complete" | "incomplete";
  execution: ExecutionSummary;
  /** Request statistics; null when not collected. */
  requests: RequestStats | null;
  /** The benchmark's resolved settings. */
  benchmark: Record<string, unknown>;
  /** What the endpoint said about itself. */
  endpoint: Record<string, unknown> | null;
  /** ISO time the report was built. */
  createdAt: string;
  /** A collection's levels (data_collection runs only). */
  collection?: CollectionLevels;
}
