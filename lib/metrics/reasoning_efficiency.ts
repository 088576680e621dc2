/**
 * Reasoning efficiency (EvalScope's thinkbench, evalscope-behaviour §6.1): how many of a
 * reasoning model's thinking tokens were needed. Pure.
 *
 * Per sample: `reasoning` tokens (the thinking), `firstCorrect` tokens (through the first step a
 * judge marks as reaching the correct answer), `reflection` tokens (the thinking after it),
 * `thoughts` (1 + the switch phrases in the thinking) and `efficiency` (firstCorrect / reasoning,
 * 0 for a wrong answer or when no step reaches the answer). Per level: the means, and accuracy.
 *
 * @module
 */

/** Phrases that start a new line of thought (matched case-insensitively from a word start). */
export const SWITCH_PHRASES: readonly string[] = [
  "alternatively",
  "but wait",
  "wait,",
  "let me reconsider",
  "let me re-check",
  "let me double-check",
  "on second thought",
  "another approach",
  "hmm,",
];

/** Longest first, so "but wait," counts once (matches do not overlap); the phrases hold no regex syntax. */
const SWITCH = new RegExp(
  `\\b(?:${[...SWITCH_PHRASES].sort((a, b) => b.length - a.length).join("|")})`,
  "gi",
);

/** The thoughts of a text: 1 + its switch phrases (0 for an empty text). */
export function countThoughts(text: string): number {
  if (text.trim() === "") return 0;
  return 1 + (text.match(SWITCH)?.length ?? 0);
}

/** The steps of a reasoning text: its blank-line separated paragraphs, trimmed, empty ones dropped. */
export function splitSteps(text: string): string[] {
  return text.split(/\n\s*\n/).map((s) => s.trim()).filter((s) => s !== "");
}

/** One sample's measurements. */
export interface EfficiencyInput {
  /** Token count of each step, in order (their sum is the reasoning tokens). */
  stepTokens: readonly number[];
  /** 0-based index of the first step that reaches the correct answer; null when none does. */
  firstCorrectStep: number | null;
  /** The sample's answer was scored correct. */
  correct: boolean;
  thoughts: number;
}

/** One sample's statistics. */
export interface SampleEfficiency {
  reasoning: number;
  firstCorrect: number;
  reflection: number;
  thoughts: number;
  efficiency: number;
  correct: boolean;
}

/**
 * A sample's statistics. Without a correct step the first-correct tokens are all the reasoning
 * tokens and the reflection is 0; the efficiency is then 0, as for a wrong answer.
 */
export function sampleEfficiency(input: EfficiencyInput): SampleEfficiency {
  const reasoning = input.stepTokens.reduce((a, b) => a + b, 0);
  const step = input.firstCorrectStep;
  const found = step !== null && step >= 0 && step < input.stepTokens.length;
  const firstCorrect = found
    ? input.stepTokens.slice(0, step + 1).reduce((a, b) => a + b, 0)
    : reasoning;
  return {
    reasoning,
    firstCorrect,
    reflection: reasoning - firstCorrect,
    thoughts: input.thoughts,
    efficiency: input.correct && found && reasoning > 0 ? firstCorrect / reasoning : 0,
    correct: input.correct,
  };
}

/** The means of one level (e.g. MATH's `Level 3`). */
export interface LevelEfficiency {
  level: string;
  samples: number;
  reasoningTokens: number;
  firstCorrectTokens: number;
  reflectionTokens: number;
  thoughts: number;
  tokenEfficiency: number;
  accuracy: number;
}

/** Means per level, in the order levels first appear, then `OVERALL` over every sample. */
export function levelEfficiency(
  samples: readonly { level: string; stats: SampleEfficiency }[],
): LevelEfficiency[] {
  const levels = [...new Set(samples.map((s) => s.level))];
  const row = (level: string, list: SampleEfficiency[]): LevelEfficiency => {
    const mean = (f: (s: SampleEfficiency) => number) =>
      list.length ? list.reduce((a, s) => a + f(s), 0) / list.length : 0;
    return {
      level,
      samples: list.length,
      reasoningTokens: mean((s) => s.reasoning),
      firstCorrectTokens: mean((s) => s.firstCorrect),
      reflectionTokens: mean((s) => s.reflection),
      thoughts: mean((s) => s.thoughts),
      tokenEfficiency: mean((s) => s.efficiency),
      accuracy: mean((s) => (s.correct ? 1 : 0)),
    };
  };
  return [
    ...levels.map((l) => row(l, samples.filter((s) => s.level === l).map((s) => s.stats))),
    row("OVERALL", samples.map((s) => s.stats)),
  ];
}
