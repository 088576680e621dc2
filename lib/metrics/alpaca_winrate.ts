/**
 * AlpacaEval's head-to-head figures from per-instruction preferences, as its leaderboard prints
 * them (`alpaca_eval.metrics.get_winrate`). A preference is 1 when the baseline's output is
 * preferred, 2 when the model's is, anything between for a weighted judge, 1.5 or 0 for a draw,
 * and null (or anything outside [1, 2]) when the judge gave none. Pure.
 *
 * - `winRate` = mean(p − 1) × 100 over the valid preferences, draws counting ½;
 * - `standardError` = the sample standard deviation of (p − 1) over √n, × 100 (pandas' `sem`);
 * - `nWins` / `nWinsBase`: valid preferences above / below 1.5; `nDraws`: those equal to 1.5 or 0;
 *   `nTotal`: the valid ones (the invalid are left out of every figure but `nDraws`' count of 0s);
 * - `discreteWinRate`: the same mean after rounding each preference to 1 or 2 (1.5 stays a draw).
 *
 * Sums run in numpy's pairwise order, so the figures equal the leaderboard's to the last digit.
 *
 * @module
 */
import { pairwiseSum } from "./pairwise_sum.ts";

/** AlpacaEval's leaderboard columns for one model against its baseline. */
export interface AlpacaWinRate {
  /** Percent, 0–100. */
  winRate: number;
  /** Percent; NaN with fewer than two valid preferences (as pandas gives). */
  standardError: number;
  nWins: number;
  nWinsBase: number;
  nDraws: number;
  nTotal: number;
  /** Percent, 0–100. */
  discreteWinRate: number;
}

/** The leaderboard figures of `preferences` (one per instruction, null when the judge gave none). */
export function alpacaWinRate(preferences: readonly (number | null)[]): AlpacaWinRate {
  const continuous = headToHead(preferences.map(asDraw));
  const discrete = headToHead(preferences.map((p) => {
    const q = asDraw(p);
    return q === null || q === 1.5 || !Number.isFinite(q) ? q : Math.round(q);
  }));
  return { ...continuous, discreteWinRate: discrete.winRate };
}

/** 0 is AlpacaEval's old spelling of a draw. */
function asDraw(p: number | null): number | null {
  return p === 0 ? 1.5 : p;
}

function headToHead(
  preferences: readonly (number | null)[],
): Omit<AlpacaWinRate, "discreteWinRate"> {
  const x: number[] = [];
  let nDraws = 0;
  for (const p of preferences) {
    if (p === 1.5) nDraws++;
    if (p !== null && p >= 1 && p <= 2) x.push(p - 1);
  }
  const n = x.length;
  const mean = pairwiseSum(x) / n;
  const squares = x.map((v) => (mean - v) ** 2);
  const sd = Math.sqrt(pairwiseSum(squares) / (n - 1));
  return {
    winRate: mean * 100,
    standardError: n > 1 ? (sd / Math.sqrt(n)) * 100 : NaN,
    nWins: x.filter((v) => v > 0.5).length,
    nWinsBase: x.filter((v) => v < 0.5).length,
    nDraws,
    nTotal: n,
  };
}
