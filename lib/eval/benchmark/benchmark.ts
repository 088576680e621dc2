/**
 * What a benchmark is: one declarative definition. A benchmark file in `benchmarks/` exports one
 * {@linkcode BenchmarkDefinition} built with {@linkcode defineBenchmark}; the engine does the rest
 * (loading, prompting, generation, caching, scoring, aggregation, reports).
 *
 * A definition holds data and pure functions only: no I/O at import time, no I/O in its hooks.
 *
 * @module
 */
import type { Tokenizer } from "../../tokenizer/types.ts";
import type { ProgramRunner } from "./execution.ts";
import type { EvalReport } from "../../results/eval/report.ts";
import type { Sample, Score } from "./types.ts";
import type { Judge, JudgeUse } from "../judge/types.ts";
import type { DerivedMetric } from "../score/derived.ts";

/** One dataset record: column name → value. */
export type Row = Record<string, unknown>;

/** Where a benchmark's rows come from. */
export interface DatasetSpec {
  /** ModelScope dataset id (EvalScope's default hub), e.g. `AI-ModelScope/gsm8k`. */
  id: string;
  /** Hugging Face dataset id when it differs from `id`, e.g. `openai/gsm8k`. */
  hfId?: string;
  /** Revision (branch, tag or commit) to download. Default: the hub's default branch. */
  revision?: string;
  /** Split scored by the benchmark. */
  evalSplit: string;
  /** Split few-shot examples come from (absent: the benchmark has no few-shot pool). */
  trainSplit?: string;
  /** Every subset, in report order. For `subsetColumn` benchmarks these are the column's values. */
  subsets: readonly string[];
  /** The subsets run when `subset_list` is not given (default: all of `subsets`). */
  defaultSubsets?: readonly string[];
  /**
   * When subsets are values of a record field instead of hub configs (MMLU's `subject`): the hub
   * config to load once (e.g. `all`). Rows are then partitioned by the `subset` of each Sample.
   */
  subsetsFromConfig?: string;
  /**
   * `hub` (default): a hub repository or a downloaded snapshot directory.
   * `files`: user files `<subset>_<split>.<ext>` or `<subset>.<ext>` in `dataset_id` (a directory),
   * with ext jsonl, json, csv, tsv or parquet (general_mcq, general_qa).
   */
  layout?: "hub" | "files";
  /**
   * Pinned row count and content hash (lib/data `manifestOf`) per `subset/split` (`split` alone
   * for datasets without subsets). A download that differs is refused (`--ignore-manifest`).
   */
  manifests?: Readonly<Record<string, { rows: number; sha256: string }>>;
  /** File patterns (`{subset}`, `{split}` placeholders) replacing lib/data's default layout rules. */
  patterns?: readonly string[];
  /**
   * For a built benchmark ({@linkcode BenchmarkDefinition.build}): subset → the text file in the
   * dataset (hub repository or local directory) its samples are built from.
   */
  files?: Readonly<Record<string, string>>;
}

/** What {@linkcode SampleBuilder.samples} gets for one subset. */
export interface BuildInput {
  subset: string;
  /** The whole text of the subset's file (`dataset.files[subset]`). */
  text: string;
  /** The tokenizer named by `extra_params[tokenizerParam]`. */
  tokenizer: Tokenizer;
  /** The benchmark's resolved `extra_params`. */
  params: Readonly<Record<string, unknown>>;
}

/**
 * Samples built from source texts instead of read as rows (needle_haystack): the engine reads
 * each subset's file and loads the tokenizer (the I/O), then calls `samples` (pure).
 */
export interface SampleBuilder {
  /** The `extra_params` key holding the tokenizer: a local directory, `o200k_base` or a hub id lmeter ships. */
  tokenizerParam: string;
  samples(input: BuildInput): Sample[];
}

/** One answer an earlier run recorded (its review and prediction lines). */
export interface RunAnswer {
  index: number;
  /** The prompt the model was sent (the last user message). */
  question: string;
  /** The model's response as received. */
  answer: string;
}

/** What an earlier run holds for one subset of one benchmark, answers in index order. */
export interface RunSubset {
  dataset: string;
  subset: string;
  answers: RunAnswer[];
}

/** The outputs of an earlier run for one model: `outputs/<run>/reports/<model>` and its siblings. */
export interface RunOutputs {
  reportPath: string;
  subsets: RunSubset[];
}

/**
 * Samples built from earlier runs' outputs instead of a dataset (general_arena): the engine reads
 * the report folders `reportPaths` names (reports, reviews and predictions; I/O), then calls
 * `samples` (pure), whose keys are the subsets run.
 */
export interface RunsSampleBuilder {
  /** The report folders to read, from the resolved `extra_params` (throw a user error if none). */
  reportPaths(params: Readonly<Record<string, unknown>>): string[];
  samples(
    runs: readonly RunOutputs[],
    params: Readonly<Record<string, unknown>>,
  ): Map<string, Sample[]>;
}

/** How prompts are built. Templates use `{name}` placeholders; `{{` and `}}` are literal braces. */
export interface PromptSpec {
  /**
   * `text`: the template gets `{question}`. `mcq`: also `{choices}` ("A) …" lines) and
   * `{letters}` ("A,B,C,D"). Message-list inputs are sent as they are.
   */
  style: "text" | "mcq";
  /** The zero-shot template. */
  template: string;
  /** The few-shot template; gets `{fewshot}` too (examples joined by blank lines). */
  fewShotTemplate?: string;
  /** Default number of few-shot examples (0: zero-shot). */
  fewShotNum: number;
  /** Renders one few-shot example from a sample of the train split. */
  formatExample?: (sample: Sample) => string;
  /** A system message put before the prompt (none by default). */
  systemPrompt?: string;
  /**
   * A built-in example block (DROP's fixed 3-shot): when `few_shot_num` > 0 it is the few-shot
   * text, and no train split is read.
   */
  fewShotFixed?: string;
  /**
   * Extra template placeholders computed from the sample (after choice shuffling), e.g. a
   * `{subject}`; they may replace `{choices}` to render options differently ("A. text").
   */
  values?: (sample: Sample) => Record<string, string>;
}

/** Turns a (filtered) response into the answer to compare; "" when no answer can be found. */
export interface Extractor {
  /** A stable name (recorded in reviews and part of the review fingerprint). */
  name: string;
  extract(text: string, sample: Sample): string;
}

/** What a scorer gets for one response. */
export interface ScoreInput {
  sample: Sample;
  /** The content of the response as received (reasoning excluded). */
  response: string;
  /** The response after the benchmark's filters. */
  filtered: string;
  /** What the extractor found ("" when nothing). */
  extracted: string;
  /** The separate reasoning (`reasoning_content`), if the server sent one. */
  reasoning: string;
}

/** Services a scorer may use. Scorers that call out use `signal` to stop when the run stops. */
export interface ScoreContext {
  signal: AbortSignal;
  /** The benchmark's resolved `extra_params`. */
  params: Readonly<Record<string, unknown>>;
  /**
   * The sandbox that runs programs: given to the scorers of benchmarks that set `runsCode` (the
   * engine refuses to start a run that needs one without it), absent for the others.
   */
  sandbox?: ProgramRunner;
  /** Seconds a program may run (`dataset_args.<name>.review_timeout`, else the benchmark's own). */
  reviewTimeout?: number;
  /**
   * The LLM judge: given to scorers when the run's `judge_strategy` makes the benchmark judged
   * (the engine refuses to start such a run without `judge_model_args.api_url`), absent otherwise.
   */
  judge?: Judge;
}

/**
 * Scores one response. `rule` scorers are pure and cheap. `external` scorers (LLM judges, code
 * sandboxes) may be slow and may throw: the engine runs them inside the sample pool, so they
 * get the same concurrency, caching (per-sample review records) and error handling as generation.
 */
export interface Scorer {
  /** Stable id; part of the review fingerprint, so changing it re-scores cached responses. */
  id: string;
  kind: "rule" | "external";
  score(input: ScoreInput, ctx: ScoreContext): Score | Promise<Score>;
}

/** A metric applied by the default rule scorer: a registry name and its options. */
export interface MetricUse {
  /** A name from `lib/eval/score/metrics.ts` (`acc`, `exact_match`, `multi_choice_acc`, `bleu`, `rouge`). */
  name: string;
  options?: Readonly<Record<string, unknown>>;
}

/** How per-sample scores become report numbers. */
export type Aggregation =
  | "mean"
  | "mean_and_pass_at_k"
  | "mean_and_vote_at_k"
  | "mean_and_pass_hat_k";

/** The accepted aggregations. */
export const AGGREGATIONS: readonly Aggregation[] = [
  "mean",
  "mean_and_pass_at_k",
  "mean_and_vote_at_k",
  "mean_and_pass_hat_k",
];

/** One scored sample as a {@linkcode CustomAggregation} reads it. */
export interface AggregateSample {
  index: number;
  groupId: number;
  value: Readonly<Record<string, number>>;
  /** The score's metadata (e.g. a judge's verdicts). */
  metadata?: Readonly<Record<string, unknown>>;
}

/** One report metric a {@linkcode CustomAggregation} computes for a subset. */
export interface AggregatedMetric {
  /** The metric's score key (`winrate`); its report name comes from `metricLabels`. */
  key: string;
  score: number;
  /** The interval around `score`, when the aggregation computes one (a bootstrap's). */
  ci95?: [number, number];
}

/**
 * Report metrics that are not means of per-sample values (Arena-Hard's Bradley–Terry win rate).
 * The engine hands each subset's scored samples to `subset` and reports what it returns instead of
 * the means; a metric's overall score is the sample-weighted mean of its subsets' scores. Pure.
 */
export interface CustomAggregation {
  /** Recorded as the report's aggregation (EvalScope's `elo`). */
  name: string;
  /**
   * True when its metrics follow the means' rows instead of replacing them (the means, the
   * headline and the recorded aggregation stay as they are; AlpacaEval's `lc_winrate`).
   */
  alongsideMeans?: boolean;
  subset(
    samples: readonly AggregateSample[],
    ctx: { subset: string; params: Readonly<Record<string, unknown>> },
  ): AggregatedMetric[];
}

/** A filter step: a registry name (`remove_until`, `regex`, …) and its argument. */
export interface FilterSpec {
  name: string;
  arg?: unknown;
}

/** An `extra_params` key a benchmark accepts. */
export interface ExtraParam {
  default: unknown;
  help: string;
}

/** The parts of a definition that `configure` may replace once `extra_params` are known. */
export type Configurable = Partial<
  Pick<
    BenchmarkDefinition,
    "prompt" | "extract" | "scorer" | "metrics" | "aggregation" | "toSample" | "aggregate"
  >
>;

/** A file a benchmark adds to the run's reports (`reports/<model>/<name>`), e.g. a heatmap. */
export interface ReportFile {
  /** A plain file name (no folders). */
  name: string;
  bytes: Uint8Array;
}

/** One benchmark, declared. */
export interface BenchmarkDefinition {
  /** Registry name (`--datasets gsm8k`). */
  name: string;
  /** Name for people ("GSM8K"). */
  prettyName: string;
  /** One or two sentences for `lmeter benchmarks info`. */
  description: string;
  /** Bump when prompts, extraction or scoring change; recorded in every report. */
  version: string;
  tags: readonly string[];
  paperUrl?: string;
  dataset: DatasetSpec;
  /**
   * Maps one record to a Sample. Return null to skip the record. Read fields with the helpers in
   * `lib/eval/benchmark/fields.ts` so a missing column is reported with its file and line.
   */
  toSample(record: Row): Sample | null;
  /** Subset → category, or a list of hierarchical category levels (Cat.0, Cat.1, …). */
  categories?: Readonly<Record<string, string | readonly string[]>>;
  prompt: PromptSpec;
  /** Filters applied to every response before extraction (user `filters` run first). */
  filters?: readonly FilterSpec[];
  extract: Extractor;
  /**
   * Names of extractor variants (`EXTRACTOR_VARIANTS` in `lib/eval/score/extract`) that read this
   * benchmark's answers differently, run side by side by `lmeter score --extractors all`.
   */
  variants?: readonly string[];
  /**
   * True when scoring runs model-written code: the run opens the sandbox the task names
   * (`ResolvedTask.sandbox`, lib/sandbox) and its job may start only the sandbox's launcher.
   */
  runsCode?: boolean;
  /**
   * Scoring with an LLM judge (lib/eval/judge): whether `judge_strategy auto` means the judge, and
   * the judge scorer. A benchmark scored only by a judge (SimpleQA) sets `metrics: []` and no
   * `scorer`; `judge_strategy rule` is then refused.
   */
  judge?: JudgeUse;
  /** The default rule scorer applies `metrics`; set `scorer` to replace it (judges, sandboxes). */
  scorer?: Scorer;
  /** Metrics of the default scorer, and the report's metric list. */
  metrics: readonly MetricUse[];
  /** Score key of the headline metric. Default: the first key the scorer produces. */
  primaryMetric?: string;
  /** Other names of score keys accepted where a user names a metric (`primary_metric`). */
  metricAliases?: Readonly<Record<string, string>>;
  /** Report names of score keys (`acc` → `AverageAccuracy`). Defaults come from `metrics.ts`. */
  metricLabels?: Readonly<Record<string, string>>;
  /** Default `mean`. */
  aggregation?: Aggregation;
  /**
   * Report rows computed from the means of score keys, after their rows (SimpleQA's
   * `accuracy_given_attempted` and F-score): no per-sample values, no standard error.
   */
  derivedMetrics?: readonly DerivedMetric[];
  /** Report metrics computed over a subset's samples instead of their means (see the type). */
  aggregate?: CustomAggregation;
  /** Seconds a program may run, for benchmarks that set `runsCode` (`review_timeout` overrides). */
  reviewTimeout?: number;
  /** `extra_params` the benchmark accepts (anything else is an error). */
  extraParams?: Readonly<Record<string, ExtraParam>>;
  /** Default of `dataset_args.shuffle_choices` (TruthfulQA shuffles its options). Default false. */
  shuffleChoices?: boolean;
  /**
   * True for a collection (EvalScope's `data_collection`): its rows are `DatasetEntry` lines whose
   * prompts are built already, and each is scored by the benchmark it names (lib/eval/collection).
   */
  collection?: boolean;
  /** Builds the samples from `dataset.files` instead of mapping rows with `toSample`. */
  build?: SampleBuilder;
  /** Builds the samples from earlier runs' outputs (no dataset is read). */
  fromRuns?: RunsSampleBuilder;
  /**
   * Files written next to the report once it is built (needle_haystack's heatmap PNGs), from the
   * report and the resolved `extra_params`. Pure apart from compression; the engine writes them.
   */
  reportFiles?(
    report: EvalReport,
    params: Readonly<Record<string, unknown>>,
  ): Promise<ReportFile[]>;
  /** Adjusts the definition for the resolved `extra_params` (e.g. a multi-answer template). */
  configure?(params: Readonly<Record<string, unknown>>): Configurable;
}

/** Checks a definition's shape once, at registration; returns it unchanged. */
export function defineBenchmark(def: BenchmarkDefinition): BenchmarkDefinition {
  const problems: string[] = [];
  if (!/^[a-z0-9_]+$/.test(def.name)) problems.push("name must be lower_snake_case");
  if (def.dataset.subsets.length === 0) problems.push("dataset.subsets is empty");
  const fixed = def.prompt.fewShotFixed !== undefined;
  if (def.prompt.fewShotNum > 0 && !def.dataset.trainSplit && !fixed) {
    problems.push("prompt.fewShotNum > 0 needs dataset.trainSplit");
  }
  if (def.prompt.fewShotNum > 0 && !def.prompt.formatExample && !fixed) {
    problems.push("prompt.fewShotNum > 0 needs prompt.formatExample");
  }
  if (def.metrics.length === 0 && !def.scorer && !def.judge?.scorer) {
    problems.push("metrics is empty");
  }
  if (def.build) {
    const files = def.dataset.files ?? {};
    const missing = def.dataset.subsets.filter((s) => files[s] === undefined);
    if (missing.length > 0) problems.push(`dataset.files lacks subsets ${missing.join(", ")}`);
  }
  if (problems.length > 0) {
    throw new Error(`Benchmark definition "${def.name}" is invalid: ${problems.join("; ")}`);
  }
  return def;
}
