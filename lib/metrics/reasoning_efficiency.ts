/**
 * Reasoning efficiency (EvalScope's ThinkBench): how many of a response's reasoning tokens came
 * before the first step that reached the correct answer, and how many after it. Pure; the
 * definitions are in docs/thinkbench.md.
 *
 * @module
 */

/** What one graded sample contributes. */
export interface ReasoningSample {
  /** Tokens of the reasoning part (> 0). */
  reasoningTokens: number;
  /**
   * Tokens of the reasoning up to the end of the first step that reaches the correct answer;
   * 0 when no step does. At most `reasoningTokens`.
   */
  firstCorrectTokens: number;
  /** Switch phrases counted in the reasoning. */
  thoughts: number;
  /** The run's score of the sample's final answer (0–1). */
  score: number;
}

/** The means of one group of samples (a difficulty level); null when the group is empty. */
export interface ReasoningStats {
  /** Samples averaged. */
  n: number;
  reasoningTokens: number | null;
  firstCorrectTokens: number | null;
  /** Mean of reasoning − first-correct tokens. */
  reflectionTokens: number | null;
  /** Mean of first-correct / reasoning tokens (0 for a sample no step gets right). */
  tokenEfficiency: number | null;
  thoughts: number | null;
  accuracy: number | null;
}

/** The per-sample reflection tokens: what follows the first correct step (all of it when none). */
export function reflectionTokens(s: ReasoningSample): number {
  return s.reasoningTokens - s.firstCorrectTokens;
}

/** The per-sample token efficiency: first-correct over reasoning tokens (0 when none is correct). */
export function tokenEfficiency(s: ReasoningSample): number {
  return s.reasoningTokens > 0 ? s.firstCorrectTokens / s.reasoningTokens : 0;
}

/** The plain means of every statistic over `samples` (each sample weighs the same). */
export function reasoningStats(samples: readonly ReasoningSample[]): ReasoningStats {
  const n = samples.length;
  const mean = (f: (s: ReasoningSample) => number): number | null => {
    if (n === 0) return null;
    let sum = 0;
    for (const s of samples) sum += f(s);
    return sum / n;
  };
  return {
    n,
    reasoningTokens: mean((s) => s.reasoningTokens),
    firstCorrectTokens: mean((s) => s.firstCorrectTokens),
    reflectionTokens: mean(reflectionTokens),
    tokenEfficiency: mean(tokenEfficiency),
    thoughts: mean((s) => s.thoughts),
    accuracy: mean((s) => s.score),
  };
}
