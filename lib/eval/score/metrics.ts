/**
 * Per-sample metrics by name (`metric_list`), and the default rule scorer that applies them.
 *
 * | name | options | score keys |
 * | --- | --- | --- |
 * | `acc` (`accuracy`) | `numeric`: `true` = math equivalence (`mathEqual`), `"exact"` = numbers exactly (no tolerance, no percentage rule); `allow_inclusion`: prediction inside target | `acc` |
 * | `exact_match` | — | `exact_match` |
 * | `multi_choice_acc` | — | `multi_choice_acc` (0 if any wrong letter, else share of gold letters found) |
 * | `bleu` (`BLEU`) | — | `bleu-1` … `bleu-4` |
 * | `rouge` (`Rouge`) | — | `Rouge-1-R/P/F`, `Rouge-2-R/P/F`, `Rouge-L-R/P/F` |
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import type { MetricUse, Scorer } from "../benchmark/benchmark.ts";
import { exactMatchScore, multiChoiceScore } from "./extract/mod.ts";
import { mathEqual, normalizeMathAnswer, numberEqualExact } from "./math/mod.ts";
import { bleuScores, rougeScores } from "./text_overlap.ts";
import { type Sample, targetText } from "../benchmark/types.ts";

/** A per-sample metric: extracted answer and target in, named values out. */
export type MetricFn = (extracted: string, target: string | string[], sample: Sample) => Record<
  string,
  number
>;

type MetricFactory = (options: Readonly<Record<string, unknown>>) => MetricFn;

const norm = (s: string) => s.trim().toLowerCase();

const accuracy: MetricFactory = (o) => {
  const numeric = o.numeric === true || o.numeric === "exact";
  const exact = o.numeric === "exact";
  const inclusion = o.allow_inclusion === true;
  return (extracted, target) => {
    const ref = targetText(target);
    let ok = exactMatchScore(extracted, ref) === 1;
    if (!ok && inclusion && extracted.trim() !== "") ok = norm(ref).includes(norm(extracted));
    if (!ok && numeric && extracted.trim() !== "") ok = safeMathEqual(extracted, ref, exact);
    return { acc: ok ? 1 : 0 };
  };
};

const FACTORIES: Readonly<Record<string, MetricFactory>> = {
  acc: accuracy,
  accuracy,
  exact_match: () => (extracted, target) => ({
    exact_match: exactMatchScore(extracted, targetText(target)),
  }),
  multi_choice_acc: () => (extracted, target) => ({
    multi_choice_acc: extracted.trim() === "" ? 0 : multiChoiceScore(extracted, targetText(target)),
  }),
  bleu: () => (extracted, target) => bleuScores(extracted, targetText(target)),
  rouge: () => (extracted, target) => rougeScores(extracted, targetText(target)),
};

/** The names `metric_list` accepts. */
export const METRIC_NAMES: readonly string[] = Object.keys(FACTORIES);

/** Report names of score keys, as EvalScope's v0 reports (and the README tables) show them. */
export const DEFAULT_METRIC_LABELS: Readonly<Record<string, string>> = {
  acc: "AverageAccuracy",
  exact_match: "AverageExactMatch",
  multi_choice_acc: "AverageMultiChoiceAccuracy",
};

/** Builds one metric; throws a {@linkcode UserError} for an unknown name. */
export function buildMetric(use: MetricUse): MetricFn {
  const factory = FACTORIES[use.name] ?? FACTORIES[use.name.toLowerCase()];
  if (!factory) {
    throw new UserError(
      `Unknown metric "${use.name}"`,
      `Known metrics: ${METRIC_NAMES.join(", ")}.`,
    );
  }
  return factory(use.options ?? {});
}

/** Parses `metric_list` (`["acc", {"acc": {"numeric": true}}]`) into metric uses. */
export function parseMetricList(value: unknown, where: string): MetricUse[] {
  if (!Array.isArray(value)) {
    throw new UserError(
      `Invalid ${where}: expected a list of metric names`,
      `Example: ["acc"] or [{"acc": {"numeric": true}}]. Known: ${METRIC_NAMES.join(", ")}.`,
    );
  }
  return value.map((item) => {
    if (typeof item === "string") return { name: item };
    if (typeof item === "object" && item !== null && Object.keys(item).length === 1) {
      const [name, options] = Object.entries(item)[0];
      return { name, options: (options ?? {}) as Record<string, unknown> };
    }
    throw new UserError(
      `Invalid ${where}: ${JSON.stringify(item)} is not a metric`,
      `Known metrics: ${METRIC_NAMES.join(", ")}.`,
    );
  });
}

/** The default scorer: applies each metric to the extracted answer and the target. */
export function ruleScorer(metrics: readonly MetricUse[]): Scorer {
  const fns = metrics.map(buildMetric);
  return {
    id: `rule:${JSON.stringify(metrics)}`,
    kind: "rule",
    score(input) {
      const value: Record<string, number> = {};
      for (const fn of fns) {
        Object.assign(value, fn(input.extracted, input.sample.target, input.sample));
      }
      return { value, extracted: input.extracted, main: Object.keys(value)[0] ?? "" };
    },
  };
}

function safeMathEqual(a: string, b: string, exact: boolean): boolean {
  try {
    return exact
      ? numberEqualExact(a, normalizeMathAnswer(b))
      : mathEqual(a, normalizeMathAnswer(b));
  } catch {
    return false;
  }
}
