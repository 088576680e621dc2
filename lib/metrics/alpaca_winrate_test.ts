import assert from "node:assert/strict";
import { alpacaWinRate } from "./alpaca_winrate.ts";

/**
 * phi-2's row of AlpacaEval 1.0's leaderboard (annotator alpaca_eval_gpt4, baseline
 * text_davinci_003), and the 805 per-instruction preferences it was computed from. Both are
 * public: the fixture names the repository, files and commits they were read from.
 */
const PHI2 = JSON.parse(
  await Deno.readTextFile(
    new URL("../../tests/fixtures/eval/alpaca_eval_leaderboard/phi-2.json", import.meta.url),
  ),
) as {
  published: {
    win_rate: number;
    standard_error: number;
    n_wins: number;
    n_wins_base: number;
    n_draws: number;
    n_total: number;
  };
  preferences: (number | null)[];
};

Deno.test("alpacaWinRate reproduces phi-2's published AlpacaEval leaderboard row exactly", () => {
  assert.equal(PHI2.preferences.length, 805);
  const r = alpacaWinRate(PHI2.preferences);
  const p = PHI2.published;
  assert.equal(r.winRate, p.win_rate); // 30.663329161451813, to the last digit
  assert.equal(r.standardError, p.standard_error); // 1.6056202651534168
  assert.equal(r.nWins, p.n_wins);
  assert.equal(r.nWinsBase, p.n_wins_base);
  assert.equal(r.nDraws, p.n_draws);
  assert.equal(r.nTotal, p.n_total);
  // Binary preferences: the discrete rate is the same figure.
  assert.equal(r.discreteWinRate, p.win_rate);
});

Deno.test("alpacaWinRate: draws count half, missing preferences are left out", () => {
  const r = alpacaWinRate([2, 1, 1.5, 0, null, 2]);
  // valid: 1, 0, 0.5, 0.5, 1 → mean 0.6
  assert.equal(r.nTotal, 5);
  assert.equal(r.nWins, 2);
  assert.equal(r.nWinsBase, 1);
  assert.equal(r.nDraws, 2);
  assert.ok(Math.abs(r.winRate - 60) < 1e-12);
  // sample sd of [1, 0, .5, .5, 1]: sqrt(0.7 / 4); over sqrt(5)
  assert.ok(Math.abs(r.standardError - Math.sqrt(0.7 / 4) / Math.sqrt(5) * 100) < 1e-12);
});

Deno.test("alpacaWinRate: a weighted judge's preferences, and their discrete rounding", () => {
  const r = alpacaWinRate([1.9, 1.2, 1.5, 1.6, 3, -1]);
  // 3 and -1 are not preferences; valid: .9, .2, .5, .6
  assert.equal(r.nTotal, 4);
  assert.equal(r.nWins, 2);
  assert.equal(r.nWinsBase, 1);
  assert.equal(r.nDraws, 1);
  assert.ok(Math.abs(r.winRate - 55) < 1e-12);
  // rounded: 2, 1, draw, 2 → (1 + 0 + .5 + 1) / 4
  assert.ok(Math.abs(r.discreteWinRate - 62.5) < 1e-12);
});

Deno.test("alpacaWinRate: one preference has no standard error", () => {
  const r = alpacaWinRate([2]);
  assert.equal(r.winRate, 100);
  assert.ok(Number.isNaN(r.standardError));
});
