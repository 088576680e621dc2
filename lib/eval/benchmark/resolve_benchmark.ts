/**
 * A benchmark definition plus the user's `dataset_args[<name>]` → the settings one benchmark
 * runs with.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import {
  type Aggregation,
  AGGREGATIONS,
  type BenchmarkDefinition,
  type Extractor,
  type FilterSpec,
  type Scorer,
} from "./benchmark.ts";
import { compileFilters, parseFilterSpecs, type TextFilter } from "../score/filters.ts";
import { contentHash } from "../../util/hash.ts";
import { DEFAULT_METRIC_LABELS, parseMetricList, ruleScorer } from "../score/metrics.ts";
import type { ResolvedPrompt } from "../prompt/prompt.ts";
import type { Sample } from "./types.ts";

/** One benchmark, ready to run. */
export interface ResolvedBenchmark {
  def: BenchmarkDefinition;
  name: string;
  /** Hub id, or a local directory/file given by `dataset_id`/`local_path`. */
  datasetId: string;
  /** True when the user pointed `dataset_id`/`local_path` somewhere (not the definition's id). */
  datasetIdGiven: boolean;
  revision: string | undefined;
  evalSplit: string;
  trainSplit: string | undefined;
  /** Subsets to evaluate, in report order. */
  subsets: string[];
  fewShotNum: number;
  fewShotRandom: boolean;
  prompt: ResolvedPrompt;
  formatExample: ((sample: Sample) => string) | undefined;
  /** A built-in few-shot block used instead of train-split examples (DROP). */
  fewShotFixed: string | undefined;
  filterSpecs: FilterSpec[];
  filters: TextFilter[];
  extractor: Extractor;
  scorer: Scorer;
  metricLabels: Record<string, string>;
  primaryMetric: string | undefined;
  aggregation: Aggregation;
  shuffle: boolean;
  shuffleChoices: boolean;
  forceRedownload: boolean;
  params: Record<string, unknown>;
  /** Seconds a program may run, for scorers that execute code (undefined for the others). */
  reviewTimeout: number | undefined;
  /** Hash of everything that decides a score given a response; cached reviews must match it. */
  reviewFingerprint: string;
  /** The resolved settings as plain data (written to task_config.yaml and reports). */
  summary: Record<string, unknown>;
  /** For a collection: the benchmarks its entries may name (the run's registry). */
  members?: readonly BenchmarkDefinition[];
  /** True when its scorer may ask the LLM judge (set by the run's `judge_strategy`, lib/eval/judge). */
  judged?: boolean;
}

const KNOWN_KEYS = [
  "dataset_id",
  "local_path",
  "dataset_revision",
  "subset_list",
  "default_subset",
  "few_shot_num",
  "few_shot_random",
  "train_split",
  "eval_split",
  "prompt_template",
  "few_shot_prompt_template",
  "system_prompt",
  "query_template",
  "metric_list",
  "aggregation",
  "primary_metric",
  "filters",
  "shuffle",
  "shuffle_choices",
  "force_redownload",
  "review_timeout",
  "extra_params",
  "sandbox_config",
  "max_image_bytes",
];

/** Applies `args` (one entry of `dataset_args`) to `def`; throws a {@linkcode UserError} on bad keys. */
export function resolveBenchmark(
  def: BenchmarkDefinition,
  args: Readonly<Record<string, unknown>> = {},
): ResolvedBenchmark {
  const where = (key: string) => `dataset_args.${def.name}.${key}`;
  for (const key of Object.keys(args)) {
    if (key === "evaluation_version") {
      throw new UserError(
        `Cannot override ${where(key)}`,
        "A benchmark's version is part of its identity.",
      );
    }
    if (!KNOWN_KEYS.includes(key)) {
      throw new UserError(
        `Unknown setting ${where(key)}`,
        `Accepted keys: ${KNOWN_KEYS.join(", ")}.`,
      );
    }
  }
  const params = resolveParams(def, args.extra_params, where("extra_params"));
  const conf = def.configure ? def.configure(params) : {};
  if (conf.toSample) def = { ...def, toSample: conf.toSample };
  if (conf.aggregate) def = { ...def, aggregate: conf.aggregate };
  const prompt = conf.prompt ?? def.prompt;
  const metrics = args.metric_list !== undefined
    ? parseMetricList(args.metric_list, where("metric_list"))
    : conf.metrics ?? def.metrics;
  const scorer = args.metric_list !== undefined
    ? ruleScorer(metrics)
    : conf.scorer ?? def.scorer ?? ruleScorer(metrics);
  const extractor = conf.extract ?? def.extract;
  const aggregation =
    (str(args.aggregation, where("aggregation")) ?? conf.aggregation ?? def.aggregation ??
      "mean") as Aggregation;
  if (!AGGREGATIONS.includes(aggregation)) {
    throw new UserError(
      `Invalid ${where("aggregation")} "${aggregation}"`,
      `Use one of ${AGGREGATIONS.join(", ")}.`,
    );
  }
  const filterSpecs = [...parseFilterSpecs(args.filters, where("filters")), ...(def.filters ?? [])];
  const filters = compileFilters(filterSpecs);
  const subsets = resolveSubsets(def, args.subset_list, where("subset_list"));
  const fewShotNum = int(args.few_shot_num, where("few_shot_num")) ?? prompt.fewShotNum;
  const trainSplit = str(args.train_split, where("train_split")) ?? def.dataset.trainSplit;
  if (
    fewShotNum > 0 && prompt.fewShotFixed === undefined && (!trainSplit || !prompt.formatExample)
  ) {
    throw new UserError(
      `Cannot use ${fewShotNum}-shot prompts for ${def.name}: it has no few-shot examples`,
      `Set ${where("few_shot_num")} to 0.`,
    );
  }
  const template = str(args.prompt_template, where("prompt_template")) ??
    str(args.query_template, where("query_template")) ?? prompt.template;
  const resolvedPrompt: ResolvedPrompt = {
    style: prompt.style,
    template,
    fewShotTemplate: str(args.few_shot_prompt_template, where("few_shot_prompt_template")) ??
      (args.prompt_template !== undefined && prompt.style === "mcq" && prompt.fewShotTemplate
        ? prompt.fewShotTemplate.replace(prompt.template, template)
        : prompt.fewShotTemplate),
    systemPrompt: str(args.system_prompt, where("system_prompt")) ?? prompt.systemPrompt,
    values: prompt.values,
  };
  const given = str(args.dataset_id, where("dataset_id")) ??
    str(args.local_path, where("local_path"));
  const metricLabels = { ...DEFAULT_METRIC_LABELS, ...(def.metricLabels ?? {}) };
  const askedPrimary = str(args.primary_metric, where("primary_metric"));
  const primaryMetric = askedPrimary !== undefined
    ? def.metricAliases?.[askedPrimary] ?? askedPrimary
    : def.primaryMetric;
  const reviewTimeout = positive(args.review_timeout, where("review_timeout")) ??
    def.reviewTimeout;
  const reviewFingerprint = contentHash({
    version: def.version,
    filters: filterSpecs,
    extractor: extractor.name,
    scorer: scorer.id,
    params,
    // Left out of the hash when undefined, so benchmarks that run no code keep their fingerprint.
    review_timeout: def.runsCode ? reviewTimeout : undefined,
  });
  const resolved: ResolvedBenchmark = {
    def,
    name: def.name,
    datasetId: given ?? def.dataset.id,
    datasetIdGiven: given !== undefined,
    revision: str(args.dataset_revision, where("dataset_revision")) ?? def.dataset.revision,
    evalSplit: str(args.eval_split, where("eval_split")) ?? def.dataset.evalSplit,
    trainSplit,
    subsets,
    fewShotNum,
    fewShotRandom: bool(args.few_shot_random, where("few_shot_random")) ?? false,
    prompt: resolvedPrompt,
    formatExample: prompt.formatExample,
    fewShotFixed: prompt.fewShotFixed,
    filterSpecs,
    filters,
    extractor,
    scorer,
    metricLabels,
    primaryMetric,
    aggregation,
    shuffle: bool(args.shuffle, where("shuffle")) ?? false,
    shuffleChoices: bool(args.shuffle_choices, where("shuffle_choices")) ?? def.shuffleChoices ??
      false,
    forceRedownload: bool(args.force_redownload, where("force_redownload")) ?? false,
    params,
    reviewTimeout: def.runsCode ? reviewTimeout : undefined,
    reviewFingerprint,
    summary: {},
  };
  resolved.summary = {
    name: def.name,
    pretty_name: def.prettyName,
    version: def.version,
    dataset_id: resolved.datasetId,
    dataset_revision: resolved.revision ?? null,
    eval_split: resolved.evalSplit,
    train_split: trainSplit ?? null,
    subset_list: subsets,
    few_shot_num: fewShotNum,
    few_shot_random: resolved.fewShotRandom,
    prompt_template: resolvedPrompt.template,
    few_shot_prompt_template: resolvedPrompt.fewShotTemplate ?? null,
    system_prompt: resolvedPrompt.systemPrompt ?? null,
    filters: filterSpecs,
    extractor: extractor.name,
    scorer: scorer.id,
    metric_list: metrics,
    aggregation: def.aggregate && !def.aggregate.alongsideMeans ? def.aggregate.name : aggregation,
    shuffle: resolved.shuffle,
    shuffle_choices: resolved.shuffleChoices,
    extra_params: params,
  };
  if (resolved.reviewTimeout !== undefined) {
    resolved.summary.review_timeout = resolved.reviewTimeout;
  }
  return resolved;
}

function resolveSubsets(def: BenchmarkDefinition, value: unknown, where: string): string[] {
  if (value === undefined || value === null) {
    return [...(def.dataset.defaultSubsets ?? def.dataset.subsets)];
  }
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === "string")) {
    throw new UserError(
      `Invalid ${where}: expected a non-empty list of subset names`,
      `Subsets of ${def.name}: ${preview(def.dataset.subsets)}.`,
    );
  }
  // Custom-file benchmarks name their subsets after the user's files: any name goes.
  if (def.dataset.layout === "files") return list;
  const unknown = list.filter((s) => !def.dataset.subsets.includes(s));
  if (unknown.length > 0) {
    throw new UserError(
      `Unknown subset${unknown.length > 1 ? "s" : ""} ${
        unknown.map((s) => `"${s}"`).join(", ")
      } in ${where}`,
      `Subsets of ${def.name}: ${preview(def.dataset.subsets)}.`,
    );
  }
  return list;
}

function resolveParams(
  def: BenchmarkDefinition,
  value: unknown,
  where: string,
): Record<string, unknown> {
  const declared = def.extraParams ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(declared)) out[k] = p.default;
  if (value === undefined || value === null) return out;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new UserError(`Invalid ${where}: expected an object`);
  }
  for (const [k, v] of Object.entries(value)) {
    if (!(k in declared)) {
      const known = Object.keys(declared);
      throw new UserError(
        `Unknown ${where}.${k}`,
        known.length
          ? `${def.name} accepts: ${known.join(", ")}.`
          : `${def.name} takes no extra_params.`,
      );
    }
    out[k] = v;
  }
  return out;
}

function preview(list: readonly string[]): string {
  return list.length > 12
    ? `${list.slice(0, 12).join(", ")}, … (${list.length} in all; see 'lmeter benchmarks info')`
    : list.join(", ");
}

function str(v: unknown, where: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new UserError(`Invalid ${where}: expected a string`);
  return v;
}

function int(v: unknown, where: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
    throw new UserError(`Invalid ${where}: expected a whole number ≥ 0`);
  }
  return v;
}

function positive(v: unknown, where: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) {
    throw new UserError(`Invalid ${where}: expected a number of seconds > 0`);
  }
  return v;
}

function bool(v: unknown, where: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw new UserError(`Invalid ${where}: expected true or false`);
  return v;
}
