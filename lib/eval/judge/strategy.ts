/**
 * `judge_strategy` → the scorer a benchmark runs with (EvalScope v1.10, next-wave-eval §3.1):
 *
 * - `rule`: the rule scorer only (refused for a benchmark scored only by a judge);
 * - `auto`: the judge when the benchmark's `judge.byDefault` is set, else the rule scorer;
 * - `llm`: the judge for every sample (the benchmark's judge scorer, else the generic one);
 * - `llm_recall`: the rule scorer first; when its main value is at most 0.99 the judge is asked
 *   and its value **replaces** the main value (a partial 0.5 may become 0). A judge error there
 *   is a judge error for the sample.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import { contentHash } from "../../util/hash.ts";
import type { ScoreInput, Scorer } from "../benchmark/benchmark.ts";
import type { ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";
import type { JudgeSettings, JudgeStrategy } from "./settings.ts";
import { genericJudgeScorer } from "./generic_judge.ts";

/** The rule score above which `llm_recall` keeps the rule score (EvalScope's threshold). */
export const RECALL_THRESHOLD = 0.99;

/** What the strategy decided for one benchmark. */
export interface JudgedScoring {
  scorer: Scorer;
  /** True when the scorer may ask the judge (the run then needs one). */
  judged: boolean;
}

/** The scorer of `bench` under `strategy`; throws a {@linkcode UserError} for `rule` on a judge-only benchmark. */
export function strategyScorer(
  bench: ResolvedBenchmark,
  options: { strategy: JudgeStrategy; judge: JudgeSettings | null },
): JudgedScoring {
  const def = bench.def;
  const ruleless = def.metrics.length === 0 && !def.scorer && def.judge !== undefined;
  const args = options.judge?.args ?? { scoreType: "pattern" as const };
  const judgeScorer = () =>
    def.judge?.scorer ??
      genericJudgeScorer({ args, metric: args.scoreType === "numeric" ? "score" : "acc" });
  switch (options.strategy) {
    case "rule":
      if (ruleless) {
        throw new UserError(
          `Cannot score ${bench.name} by rule: it is scored by an LLM judge only`,
          "Use --judge-strategy auto (or llm) with --judge-model-args naming the judge.",
        );
      }
      return { scorer: bench.scorer, judged: false };
    case "auto":
      return def.judge?.byDefault || ruleless
        ? { scorer: judgeScorer(), judged: true }
        : { scorer: bench.scorer, judged: false };
    case "llm":
      return { scorer: judgeScorer(), judged: true };
    case "llm_recall":
      return {
        scorer: ruleless ? judgeScorer() : recallScorer(bench.scorer, judgeScorer()),
        judged: true,
      };
  }
}

/**
 * Applies the task's judge strategy to `bench` in place: its scorer, `judged`, and a review
 * fingerprint that also covers the strategy and the judge (model, request parameters, custom
 * prompts), so changing the judge re-scores cached responses. Rule-scored benchmarks keep
 * their fingerprint.
 */
export function applyJudgeStrategy(
  bench: ResolvedBenchmark,
  options: { strategy: JudgeStrategy; judge: JudgeSettings | null },
): ResolvedBenchmark {
  const { scorer, judged } = strategyScorer(bench, options);
  bench.scorer = scorer;
  bench.judged = judged;
  if (judged) {
    const j = options.judge;
    bench.reviewFingerprint = contentHash({
      rule: bench.reviewFingerprint,
      strategy: options.strategy,
      scorer: scorer.id,
      judge: j ? { model: j.model, params: j.generation.body, args: j.args } : null,
    });
    bench.summary = {
      ...bench.summary,
      scorer: scorer.id,
      judge_strategy: options.strategy,
      judge_model: j?.model ?? null,
    };
  }
  return bench;
}

/** `llm_recall`: the rule score, with its main value replaced by the judge's when ≤ 0.99. */
export function recallScorer(rule: Scorer, judge: Scorer): Scorer {
  return {
    id: `llm_recall(${rule.id},${judge.id})`,
    kind: "external",
    async score(input: ScoreInput, ctx) {
      const ruled = await rule.score(input, ctx);
      const main = ruled.main || Object.keys(ruled.value)[0];
      const value = ruled.value[main];
      if (main === undefined || value === undefined || value > RECALL_THRESHOLD) return ruled;
      const judged = await judge.score(input, ctx);
      const metadata = { ...ruled.metadata, rule_score: value, ...judged.metadata };
      if (judged.judgeError !== undefined) {
        return { ...judged, extracted: ruled.extracted, metadata };
      }
      const replaced = judged.value[judged.main] ?? Object.values(judged.value)[0] ?? 0;
      return { ...ruled, value: { ...ruled.value, [main]: replaced }, metadata };
    },
  };
}
