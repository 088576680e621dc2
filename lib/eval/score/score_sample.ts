/**
 * Scores one response: the benchmark's filters, extractor and scorer, plus the flags reports
 * count (no answer extracted, cut by max_tokens).
 *
 * @module
 */
import type { SampleFlags } from "../../results/eval/records.ts";
import { applyFilters } from "./filters.ts";
import type { Generation } from "../run/model_backend.ts";
import type { ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";
import type { ScoreContext } from "../benchmark/benchmark.ts";
import type { Sample, Score } from "../benchmark/types.ts";
import type { ProgramRunner } from "../benchmark/execution.ts";
import type { Judge } from "../judge/types.ts";

/** A review as kept in the run store. */
export interface StoredReview {
  /** Fingerprint of what decided the score (benchmark scoring setup and target); a stale one is redone. */
  fp: string;
  score: Score;
  flags: SampleFlags;
}

/** Filters, extracts and scores `gen` for `sample`. Scorers may be async (judges, sandboxes). */
export async function scoreSample(
  bench: ResolvedBenchmark,
  sample: Sample,
  options: {
    generation: Generation;
    reviewFp: string;
    signal: AbortSignal;
    /** The run's sandbox, for scorers that execute code. */
    sandbox?: ProgramRunner;
    /** The run's LLM judge, for benchmarks the judge strategy makes judged. */
    judge?: Judge;
  },
): Promise<StoredReview> {
  const gen = options.generation;
  const filtered = applyFilters(gen.text, bench.filters);
  const extracted = bench.extractor.extract(filtered, sample);
  const score = await bench.scorer.score(
    { sample, response: gen.text, filtered, extracted, reasoning: gen.reasoning },
    scoreContext(bench, options),
  );
  return {
    fp: options.reviewFp,
    score,
    flags: {
      noAnswer: score.extracted.trim() === "",
      truncated: gen.finishReason === "length" || gen.finishReason === "model_length",
    },
  };
}

/**
 * What a scorer of `bench` gets besides the response: the sandbox only if it runs code, the
 * judge only if it is judged.
 */
export function scoreContext(
  bench: ResolvedBenchmark,
  options: { signal: AbortSignal; sandbox?: ProgramRunner; judge?: Judge },
): ScoreContext {
  const ctx: ScoreContext = { signal: options.signal, params: bench.params };
  if (bench.judged && options.judge) ctx.judge = options.judge;
  if (bench.def.runsCode) {
    if (options.sandbox) ctx.sandbox = options.sandbox;
    if (bench.reviewTimeout !== undefined) ctx.reviewTimeout = bench.reviewTimeout;
  }
  return ctx;
}
