/**
 * Per-sample outcomes → a benchmark report: means per subset, category and metric with standard
 * errors and 95% CIs, pass@k / vote@k / pass^k over repeats, execution counts and perf. Pure.
 *
 * @module
 */
import { estimateMean, type MeanEstimate } from "../../metrics/stats.ts";
import { passAtK, passHatK, voteAtK } from "../../metrics/pass_at_k.ts";
import type {
  CategoryScore,
  EvalReport,
  ExecutionSummary,
  MetricScore,
  RequestStats,
  SubsetScore,
} from "../../results/eval/report.ts";
import { REPORT_SCHEMA } from "../../results/eval/report_file.ts";
import type { AggregatedMetric, Aggregation, CustomAggregation } from "../benchmark/benchmark.ts";
import type { ScoreUnits } from "../benchmark/types.ts";
import type { Outcome } from "../../metrics/outcome.ts";
import { round } from "../../metrics/round.ts";
import { type DerivedMetric, derivedScores } from "./derived.ts";

/** What happened to one sample (one attempt). */
export interface SampleResult {
  index: number;
  groupId: number;
  repeat: number;
  /** `success`: scored; `error`: its request (or its scoring) failed, so it has no score. */
  outcome: Outcome;
  /** Score values (empty when errored). */
  value: Record<string, number>;
  /** Values of the sample's parts, for metrics pooled over parts (see `ScoreUnits`). */
  units?: ScoreUnits;
  /** The score's metadata, kept for a benchmark's custom aggregation (absent otherwise). */
  metadata?: Record<string, unknown>;
  extracted: string;
  noAnswer: boolean;
  truncated: boolean;
  /** The LLM judge could not grade it (no values; counted apart from request errors). */
  judgeError?: boolean;
  /** Reused from the run cache (no request made in this run). */
  cached: boolean;
  latencyMs?: number;
  ttftMs?: number;
  inputTokens?: number;
  outputTokens?: number;
}

/** The benchmark facts a report needs. */
export interface ReportBenchmark {
  name: string;
  prettyName: string;
  description: string;
  aggregation: Aggregation;
  metricLabels: Readonly<Record<string, string>>;
  primaryMetric?: string;
  categories?: Readonly<Record<string, string | readonly string[]>>;
  summary: Record<string, unknown>;
  /** Rows computed from other rows' means (SimpleQA's F-score), after the score keys' rows. */
  derived?: readonly DerivedMetric[];
  /**
   * The benchmark's custom aggregation and its resolved `extra_params`: its metrics replace the
   * means, or follow them when it says `alongsideMeans` (not kept by a shard's record, which holds
   * data only).
   */
  custom?: { aggregation: CustomAggregation; params: Readonly<Record<string, unknown>> };
}

/** Options of {@linkcode buildReport}. */
export interface ReportOptions {
  model: string;
  repeats: number;
  /** The run stopped before every sample was done. */
  interrupted?: boolean;
  endpoint?: Record<string, unknown> | null;
  collectPerf?: boolean;
  now?: Date;
}

/** Builds the report of one benchmark from its outcomes, subset by subset (report order). */
export function buildReport(
  bench: ReportBenchmark,
  subsets: ReadonlyMap<string, readonly SampleResult[]>,
  options: ReportOptions,
): EvalReport {
  const keys = scoreKeys(subsets);
  // A custom aggregation replaces the means unless it runs alongside them.
  const replaces = bench.custom !== undefined && !bench.custom.aggregation.alongsideMeans;
  const metrics: MetricScore[] = replaces ? customMetrics(bench, subsets) : [];
  for (const key of replaces ? [] : keys) {
    const label = bench.metricLabels[key] ?? key;
    metrics.push(metricScore(bench, subsets, { key, label, kind: "mean" }));
    const k = options.repeats;
    if (k > 1 && bench.aggregation !== "mean") {
      const kind = bench.aggregation === "mean_and_pass_at_k"
        ? "pass@"
        : bench.aggregation === "mean_and_vote_at_k"
        ? "vote@"
        : "pass^";
      const from = kind === "vote@" ? 1 : 2;
      for (let n = from; n <= k; n++) {
        const name = kind === "pass@" ? `Pass@${n}` : kind === "vote@" ? `Vote@${n}` : `Pass^${n}`;
        metrics.push(
          metricScore(bench, subsets, {
            key,
            label: keys.length > 1 ? `${label}_${name}` : name,
            kind: `${kind}${n}`,
          }),
        );
      }
    }
  }
  if (bench.custom && !replaces) metrics.push(...customMetrics(bench, subsets));
  if (bench.derived?.length) {
    metrics.push(...derivedScores(bench.derived, {
      subsets,
      categoryOf: (subset) => categoryLevels(bench, subset),
      label: (key) => bench.metricLabels[key] ?? key,
    }));
  }
  const metricKeys = replaces ? metrics.map((m) => m.key) : keys;
  const primaryKey = bench.primaryMetric && metricKeys.includes(bench.primaryMetric)
    ? bench.primaryMetric
    : metricKeys[0];
  const primary = metrics.find((m) =>
    m.key === primaryKey && (replaces || m.aggregation === "mean")
  );
  const execution = executionSummary(subsets);
  return {
    schemaVersion: REPORT_SCHEMA,
    name: `${options.model}@${bench.name}`,
    datasetName: bench.name,
    datasetPrettyName: bench.prettyName,
    datasetDescription: bench.description,
    modelName: options.model,
    score: primary?.score ?? 0,
    primaryMetric: primary?.name ?? "",
    metrics,
    analysis: "N/A",
    status: options.interrupted || execution.errored > 0 || (execution.judgeErrors ?? 0) > 0
      ? "incomplete"
      : "complete",
    execution,
    requests: options.collectPerf === false ? null : requestStats(subsets),
    benchmark: bench.summary,
    endpoint: options.endpoint ?? null,
    createdAt: (options.now ?? new Date()).toISOString(),
  };
}

/**
 * The metrics of a custom aggregation: its values per subset (over the subset's scored samples),
 * overall and per category the sample-weighted mean of the subsets' values.
 */
function customMetrics(
  bench: ReportBenchmark,
  subsets: ReadonlyMap<string, readonly SampleResult[]>,
): MetricScore[] {
  const { aggregation, params } = bench.custom!;
  const perKey = new Map<string, SubsetScore[]>();
  for (const [name, outcomes] of subsets) {
    // A sample without values (a failed request, a judge that could not grade it) has nothing to add.
    const scored = outcomes.filter((o) =>
      o.outcome === "success" && Object.keys(o.value).length > 0
    );
    if (scored.length === 0) continue;
    const samples = scored.map((o) => ({
      index: o.index,
      groupId: o.groupId,
      value: o.value,
      ...(o.metadata ? { metadata: o.metadata } : {}),
    }));
    for (const m of aggregation.subset(samples, { subset: name, params })) {
      const list = perKey.get(m.key) ?? [];
      list.push(customSubsetScore(name, m, scored.length));
      perKey.set(m.key, list);
    }
  }
  return [...perKey].map(([key, bySubset]): MetricScore => {
    const num = bySubset.reduce((a, s) => a + s.num, 0);
    const weighted = (f: (s: SubsetScore) => number) =>
      num > 0 ? bySubset.reduce((a, s) => a + f(s) * s.num, 0) / num : 0;
    return {
      name: bench.metricLabels[key] ?? key,
      key,
      aggregation: aggregation.name,
      num,
      score: round(weighted((s) => s.score), 4),
      macroScore: round(mean(bySubset.map((s) => s.score)), 4),
      stderr: 0,
      ci95: [round(weighted((s) => s.ci95[0]), 4), round(weighted((s) => s.ci95[1]), 4)],
      categories: categoryScores(bench, bySubset),
    };
  });
}

function customSubsetScore(name: string, m: AggregatedMetric, num: number): SubsetScore {
  const ci = m.ci95 ?? [m.score, m.score];
  return {
    name,
    score: round(m.score, 4),
    num,
    stderr: 0,
    ci95: [round(ci[0], 4), round(ci[1], 4)],
  };
}

/** Score keys in order of first appearance. */
function scoreKeys(subsets: ReadonlyMap<string, readonly SampleResult[]>): string[] {
  const keys: string[] = [];
  for (const outcomes of subsets.values()) {
    for (const o of outcomes) {
      for (const k of Object.keys(o.value)) if (!keys.includes(k)) keys.push(k);
    }
  }
  return keys;
}

interface MetricPlan {
  key: string;
  label: string;
  /** `mean`, `pass@n`, `vote@n`, `pass^n` */
  kind: string;
}

function metricScore(
  bench: ReportBenchmark,
  subsets: ReadonlyMap<string, readonly SampleResult[]>,
  plan: MetricPlan,
): MetricScore {
  const bySubset: SubsetScore[] = [];
  const allValues: number[] = [];
  const allGroups: number[] = [];
  let groupBase = 0;
  for (const [name, outcomes] of subsets) {
    const { values, groups } = unitValues(outcomes, plan);
    if (values.length === 0) continue;
    const est = estimateMean(values, { groups });
    bySubset.push(subsetScore(name, est));
    let maxGroup = 0;
    for (let i = 0; i < values.length; i++) {
      allValues.push(values[i]);
      allGroups.push(groupBase + groups[i]);
      if (groups[i] > maxGroup) maxGroup = groups[i];
    }
    groupBase += maxGroup + 1;
  }
  const overall = estimateMean(allValues, { groups: allGroups });
  const categories = categoryScores(bench, bySubset);
  const breakdown = plan.kind === "mean" ? unitBreakdown(subsets, plan.key) : [];
  return {
    name: plan.label,
    key: plan.key,
    aggregation: plan.kind,
    num: overall.n,
    score: round(overall.mean, 4),
    macroScore: round(mean(bySubset.map((s) => s.score)), 4),
    stderr: round(overall.stderr, 6),
    ci95: [round(overall.ci95[0], 4), round(overall.ci95[1], 4)],
    categories,
    ...(breakdown.length > 0 ? { breakdown } : {}),
  };
}

/** A pooled metric by part label (sorted), each mean clustered by sample; [] without parts. */
function unitBreakdown(
  subsets: ReadonlyMap<string, readonly SampleResult[]>,
  key: string,
): SubsetScore[] {
  const byLabel = new Map<string, { values: number[]; groups: number[] }>();
  let sample = 0;
  for (const outcomes of subsets.values()) {
    for (const o of outcomes) {
      const values = o.outcome === "success" ? o.units?.values[key] : undefined;
      if (!values) continue;
      sample++;
      values.forEach((v, i) => {
        const label = o.units!.labels[i] ?? "";
        const entry = byLabel.get(label) ?? { values: [], groups: [] };
        entry.values.push(v);
        entry.groups.push(sample);
        byLabel.set(label, entry);
      });
    }
  }
  return [...byLabel.keys()].sort().map((label) => {
    const { values, groups } = byLabel.get(label)!;
    return subsetScore(label, estimateMean(values, { groups }));
  });
}

/** The values averaged for one metric plan: per sample (mean) or per group (pass@k…). */
function unitValues(
  outcomes: readonly SampleResult[],
  plan: MetricPlan,
): { values: number[]; groups: number[] } {
  const scored = outcomes.filter((o) => o.outcome === "success" && plan.key in o.value);
  if (plan.kind === "mean") {
    const values: number[] = [];
    const groups: number[] = [];
    for (const o of scored) {
      // A metric pooled over parts averages the parts; their sample is their cluster.
      for (const v of o.units?.values[plan.key] ?? [o.value[plan.key]]) {
        values.push(v);
        groups.push(o.groupId);
      }
    }
    return { values, groups };
  }
  const n = Number(plan.kind.slice(5));
  const byGroup = new Map<number, SampleResult[]>();
  for (const o of scored) {
    const g = byGroup.get(o.groupId);
    if (g) g.push(o);
    else byGroup.set(o.groupId, [o]);
  }
  const values: number[] = [];
  const groups: number[] = [];
  for (const [g, attempts] of byGroup) {
    attempts.sort((a, b) => a.repeat - b.repeat);
    if (attempts.length < n) continue;
    const correct = attempts.filter((a) => a.value[plan.key] >= 1).length;
    let v: number;
    if (plan.kind.startsWith("pass@")) v = passAtK(attempts.length, correct, n);
    else if (plan.kind.startsWith("pass^")) v = passHatK(attempts.length, correct, n);
    else {v = voteAtK(
        attempts.map((a) => ({ extracted: a.extracted, correct: a.value[plan.key] >= 1 })),
        n,
      );}
    values.push(v);
    groups.push(g);
  }
  return { values, groups };
}

function subsetScore(name: string, est: MeanEstimate): SubsetScore {
  return {
    name,
    score: round(est.mean, 4),
    num: est.n,
    stderr: round(est.stderr, 6),
    ci95: [round(est.ci95[0], 4), round(est.ci95[1], 4)],
  };
}

function categoryScores(bench: ReportBenchmark, subsets: SubsetScore[]): CategoryScore[] {
  const byName = new Map<string, { levels: string[]; subsets: SubsetScore[] }>();
  for (const s of subsets) {
    const levels = categoryLevels(bench, s.name);
    const id = levels.join("\u0000");
    const entry = byName.get(id) ?? { levels, subsets: [] };
    entry.subsets.push(s);
    byName.set(id, entry);
  }
  return [...byName.values()].map(({ levels, subsets: list }) => {
    const num = list.reduce((a, s) => a + s.num, 0);
    const micro = num > 0 ? list.reduce((a, s) => a + s.score * s.num, 0) / num : 0;
    return {
      name: levels,
      num,
      score: round(micro, 4),
      macroScore: round(mean(list.map((s) => s.score)), 4),
      subsets: list,
    };
  });
}

/** The category levels of a subset (`default` when the benchmark names none). */
function categoryLevels(bench: ReportBenchmark, subset: string): string[] {
  const raw = bench.categories?.[subset];
  return raw === undefined ? ["default"] : typeof raw === "string" ? [raw] : [...raw];
}

function executionSummary(
  subsets: ReadonlyMap<string, readonly SampleResult[]>,
): ExecutionSummary {
  let samples = 0, scored = 0, errored = 0, noAnswer = 0, truncated = 0, cached = 0;
  let judgeErrors = 0;
  for (const outcomes of subsets.values()) {
    for (const o of outcomes) {
      samples++;
      if (o.cached) cached++;
      if (o.outcome !== "success") {
        errored++;
        continue;
      }
      if (o.judgeError) {
        judgeErrors++;
        continue;
      }
      scored++;
      if (o.noAnswer) noAnswer++;
      if (o.truncated) truncated++;
    }
  }
  return {
    samples,
    scored,
    errored,
    noAnswer,
    noAnswerRate: scored ? round(noAnswer / scored, 4) : 0,
    truncated,
    truncatedRate: scored ? round(truncated / scored, 4) : 0,
    cached,
    judgeErrors,
  };
}

function requestStats(subsets: ReadonlyMap<string, readonly SampleResult[]>): RequestStats {
  const lat: number[] = [];
  const ttft: number[] = [];
  let inTok = 0, outTok = 0, withUsage = 0;
  for (const outcomes of subsets.values()) {
    for (const o of outcomes) {
      if (o.latencyMs !== undefined) lat.push(o.latencyMs / 1000);
      if (o.ttftMs !== undefined) ttft.push(o.ttftMs / 1000);
      if (o.outputTokens !== undefined) {
        withUsage++;
        inTok += o.inputTokens ?? 0;
        outTok += o.outputTokens;
      }
    }
  }
  lat.sort((a, b) => a - b);
  ttft.sort((a, b) => a - b);
  return {
    requests: lat.length,
    latency: lat.length
      ? {
        mean: round(mean(lat), 4),
        p50: round(pct(lat, 50), 4),
        p90: round(pct(lat, 90), 4),
        p99: round(pct(lat, 99), 4),
        max: round(lat[lat.length - 1], 4),
      }
      : null,
    ttft: ttft.length
      ? { mean: round(mean(ttft), 4), p50: round(pct(ttft, 50), 4), p99: round(pct(ttft, 99), 4) }
      : null,
    usage: withUsage
      ? {
        inputTokens: inTok,
        outputTokens: outTok,
        avgOutputTokens: round(outTok / withUsage, 4),
      }
      : null,
  };
}

/** Nearest-rank percentile of sorted values. */
function pct(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}
