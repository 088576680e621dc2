/**
 * Report rows computed from the means of other score keys (SimpleQA's
 * `accuracy_given_attempted` and F-score, as OpenAI's simple-evals reports them). Pure.
 *
 * A derived row is a function of means, not a mean of per-sample values: it has no standard
 * error of its own (`stderr` 0, `ci95` the score twice) and its aggregation is `derived`.
 *
 * @module
 */
import type { CategoryScore, MetricScore, SubsetScore } from "../../results/eval/report.ts";
import { round } from "../../metrics/round.ts";
import type { SampleResult } from "./aggregate.ts";

/** One derived row: plain data (it is recorded in shard files). */
export interface DerivedMetric {
  /** The row's score key (e.g. `accuracy_given_attempted`). */
  key: string;
  /**
   * `share`: a / (a + b) (e.g. correct among attempted); `harmonic`: 2ab / (a + b) (an F-score).
   * Both are 0 when a + b is 0.
   */
  formula: "share" | "harmonic";
  /** The keys of a and b: score keys, or derived rows listed before this one. */
  of: readonly [string, string];
}

/** The value of `formula` for means `a` and `b`. */
export function derivedValue(formula: DerivedMetric["formula"], a: number, b: number): number {
  if (a + b === 0) return 0;
  return formula === "share" ? a / (a + b) : (2 * a * b) / (a + b);
}

/** The derived rows of a report, from the samples of each subset and the category layout. */
export function derivedScores(
  derived: readonly DerivedMetric[],
  options: {
    subsets: ReadonlyMap<string, readonly SampleResult[]>;
    categoryOf: (subset: string) => string[];
    label: (key: string) => string;
  },
): MetricScore[] {
  const byKey = new Map(derived.map((d) => [d.key, d]));
  const valueOf = (key: string, outcomes: readonly SampleResult[]): number => {
    const d = byKey.get(key);
    if (!d) return meanOf(key, outcomes);
    return derivedValue(d.formula, valueOf(d.of[0], outcomes), valueOf(d.of[1], outcomes));
  };
  const all = [...options.subsets.values()].flat();
  return derived.map((d) => {
    const subsetRows: { name: string; row: SubsetScore; outcomes: readonly SampleResult[] }[] = [];
    for (const [name, outcomes] of options.subsets) {
      const n = countOf(d, outcomes, byKey);
      if (n === 0) continue;
      subsetRows.push({ name, row: fixed(name, valueOf(d.key, outcomes), n), outcomes });
    }
    const categories = new Map<string, { levels: string[]; rows: typeof subsetRows }>();
    for (const s of subsetRows) {
      const levels = options.categoryOf(s.name);
      const id = levels.join("\u0000");
      const entry = categories.get(id) ?? { levels, rows: [] };
      entry.rows.push(s);
      categories.set(id, entry);
    }
    const categoryScores: CategoryScore[] = [...categories.values()].map(({ levels, rows }) => ({
      name: levels,
      num: rows.reduce((a, r) => a + r.row.num, 0),
      score: round(valueOf(d.key, rows.flatMap((r) => r.outcomes)), 4),
      macroScore: round(mean(rows.map((r) => r.row.score)), 4),
      subsets: rows.map((r) => r.row),
    }));
    const score = round(valueOf(d.key, all), 4);
    return {
      name: options.label(d.key),
      key: d.key,
      aggregation: "derived",
      num: countOf(d, all, byKey),
      score,
      macroScore: round(mean(subsetRows.map((r) => r.row.score)), 4),
      stderr: 0,
      ci95: [score, score],
      categories: categoryScores,
    };
  });
}

/** Samples behind a derived row: those with a value for its first plain key. */
function countOf(
  d: DerivedMetric,
  outcomes: readonly SampleResult[],
  byKey: ReadonlyMap<string, DerivedMetric>,
): number {
  let key = d.of[0];
  for (let next = byKey.get(key); next; next = byKey.get(key)) key = next.of[0];
  return outcomes.filter((o) => o.outcome === "success" && key in o.value).length;
}

function meanOf(key: string, outcomes: readonly SampleResult[]): number {
  let sum = 0;
  let n = 0;
  for (const o of outcomes) {
    if (o.outcome !== "success" || !(key in o.value)) continue;
    sum += o.value[key];
    n++;
  }
  return n ? sum / n : 0;
}

function fixed(name: string, value: number, num: number): SubsetScore {
  const score = round(value, 4);
  return { name, score, num, stderr: 0, ci95: [score, score] };
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}
