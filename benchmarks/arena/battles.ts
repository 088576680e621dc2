/**
 * Arena-Hard's games and battles: the two judge games of one question (positions swapped), their
 * verdict labels turned into weighted battles as arena-hard-auto and EvalScope count them, and the
 * per-sample record a judged pair keeps in its review. Pure.
 *
 * @module
 */
import type { Battle } from "../../lib/metrics/bradley_terry.ts";

/** arena-hard-auto's weight of a decisive verdict (`A>>B`, `B>>A`): the battle counts 3 times. */
export const DECISIVE_WEIGHT = 3;

/** One judged game: the models in seats A and B as the judge saw them, and its verdict label (null: none). */
export interface ArenaGame {
  modelA: string;
  modelB: string;
  judgment: string | null;
}

/**
 * The battle of one game, or null when it weighs nothing (no verdict, or a label that is not one
 * of the five). `A=B` is a tie of weight 1; `A>B`/`B>A` weight 1; `A>>B`/`B>>A` weight
 * {@linkcode DECISIVE_WEIGHT}. The battle keeps the seats the judge saw (EvalScope mirrors the
 * swapped game's label back to the first game's order instead; the fit is the same).
 */
export function gameBattle(game: ArenaGame): Battle | null {
  const outcome = LABELS[game.judgment ?? ""];
  if (!outcome) return null;
  const [winner, weight] = outcome;
  return { a: game.modelA, b: game.modelB, winner, weight };
}

const LABELS: Readonly<Record<string, readonly ["a" | "b" | "tie", number]>> = {
  "A>>B": ["a", DECISIVE_WEIGHT],
  "A>B": ["a", 1],
  "A=B": ["tie", 1],
  "B>A": ["b", 1],
  "B>>A": ["b", DECISIVE_WEIGHT],
};

/** The battles of one question's games (those with a verdict that weighs). */
export function questionBattles(games: readonly ArenaGame[]): Battle[] {
  return games.map(gameBattle).filter((b): b is Battle => b !== null);
}

/**
 * One question's preference for the candidate on 0..1, as EvalScope's app shows arena samples:
 * each game's label scored 1, 0.75, 0.5, 0.25, 0 from the candidate's side, averaged over the
 * games with a verdict (0.5 when none).
 */
export function candidatePreference(games: readonly ArenaGame[], candidate: string): number {
  const scores: number[] = [];
  for (const game of games) {
    const step = STEPS[game.judgment ?? ""];
    if (step === undefined) continue;
    scores.push(game.modelA === candidate ? step : 1 - step);
  }
  return scores.length === 0 ? 0.5 : scores.reduce((s, x) => s + x, 0) / scores.length;
}

/** Preference of seat A per label. */
const STEPS: Readonly<Record<string, number>> = {
  "A>>B": 1,
  "A>B": 0.75,
  "A=B": 0.5,
  "B>A": 0.25,
  "B>>A": 0,
};
