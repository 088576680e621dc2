import assert from "node:assert/strict";
import { arenaStandings, type Battle, eloWinRate, fitBradleyTerry } from "./bradley_terry.ts";

const near = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected} (±${tolerance})`);

/** A small seeded generator for the tests (lib/metrics imports nothing, so not lib/util's). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** `count` copies of one battle. */
function games(count: number, battle: Battle): Battle[] {
  return Array.from({ length: count }, () => battle);
}

const winRate = (ratings: Map<string, number>, model: string, baseline: string) =>
  eloWinRate(ratings.get(model)!, ratings.get(baseline)!);

Deno.test("fitBradleyTerry() matches the closed form (W + T/2)/(W + L + T) when every model meets only the baseline", () => {
  // Three candidates against "base", in both positions, with decisive (weight 3) verdicts and ties.
  const battles: Battle[] = [
    ...games(7, { a: "base", b: "m1", winner: "b" }),
    ...games(2, { a: "m1", b: "base", winner: "a", weight: 3 }),
    ...games(4, { a: "base", b: "m1", winner: "a" }),
    ...games(3, { a: "m1", b: "base", winner: "tie" }),
    ...games(1, { a: "base", b: "m2", winner: "a", weight: 3 }),
    ...games(5, { a: "m2", b: "base", winner: "b" }),
    ...games(2, { a: "base", b: "m2", winner: "b" }),
    ...games(6, { a: "m3", b: "base", winner: "tie" }),
    ...games(1, { a: "m3", b: "base", winner: "a" }),
  ];
  // Weighted wins W, losses L and ties T of each candidate.
  const expected = {
    m1: (7 + 6 + 3 / 2) / (7 + 6 + 4 + 3), // W 13, L 4, T 3
    m2: (2 + 0) / (2 + 3 + 5), // W 2, L 8, T 0
    m3: (1 + 6 / 2) / (1 + 0 + 6), // W 1, L 0, T 6
  };
  const fit = fitBradleyTerry(battles, { baseline: "base" });
  assert.equal(fit.ratings.get("base"), 1000);
  for (const [model, value] of Object.entries(expected)) {
    near(winRate(fit.ratings, model, "base"), value, 1e-9);
  }
});

Deno.test("fitBradleyTerry() with several models recovers strengths 4 : 2 : 1 from counts that fit them exactly", () => {
  // P(A>B) = 4/6, P(B>C) = 2/3, P(A>C) = 4/5: the counts are these proportions, so the maximum-
  // likelihood ratings are log10-odds 0, log10 2 and log10 4 above C — by hand, 1000 ± 400·log10(2).
  const battles: Battle[] = [
    ...games(2, { a: "A", b: "B", winner: "a" }),
    ...games(1, { a: "A", b: "B", winner: "b" }),
    ...games(2, { a: "B", b: "C", winner: "a" }),
    ...games(1, { a: "C", b: "B", winner: "a" }),
    ...games(4, { a: "C", b: "A", winner: "b" }),
    ...games(1, { a: "A", b: "C", winner: "b" }),
  ];
  const fit = fitBradleyTerry(battles, { baseline: "B" });
  near(fit.ratings.get("A")!, 1000 + 400 * Math.log10(2), 1e-9);
  near(fit.ratings.get("C")!, 1000 - 400 * Math.log10(2), 1e-9);
  near(winRate(fit.ratings, "A", "B"), 2 / 3, 1e-12);
  near(winRate(fit.ratings, "A", "C"), 4 / 5, 1e-12);
  assert.deepEqual(fit.models, ["A", "B", "C"]);
});

Deno.test("fitBradleyTerry() meets the score equations on uneven data with ties: expected wins = observed wins", () => {
  const battles: Battle[] = [
    ...games(5, { a: "x", b: "base", winner: "a" }),
    ...games(2, { a: "x", b: "base", winner: "tie" }),
    ...games(3, { a: "base", b: "x", winner: "a", weight: 3 }),
    ...games(4, { a: "y", b: "x", winner: "a" }),
    ...games(1, { a: "y", b: "x", winner: "tie" }),
    ...games(2, { a: "y", b: "base", winner: "b" }),
    ...games(1, { a: "base", b: "y", winner: "b", weight: 3 }),
  ];
  const fit = fitBradleyTerry(battles, { baseline: "base" });
  for (const model of ["x", "y"]) {
    let observed = 0;
    let expected = 0;
    for (const battle of battles) {
      const w = battle.weight ?? 1;
      const other = battle.a === model ? battle.b : battle.b === model ? battle.a : undefined;
      if (other === undefined) continue;
      const won = battle.winner === "tie"
        ? 1
        : (battle.winner === "a") === (battle.a === model)
        ? 2
        : 0;
      observed += w * won;
      expected += w * 2 * winRate(fit.ratings, model, other);
    }
    near(expected, observed, 1e-9);
  }
});

Deno.test("fitBradleyTerry() gives a model that never loses a win rate of 1, and NaN to a model cut off from the baseline", () => {
  const fit = fitBradleyTerry([
    ...games(3, { a: "base", b: "best", winner: "b" }),
    ...games(1, { a: "base", b: "mid", winner: "tie" }),
    ...games(2, { a: "lone", b: "other", winner: "a" }),
  ], { baseline: "base" });
  assert.equal(winRate(fit.ratings, "best", "base"), 1);
  near(winRate(fit.ratings, "mid", "base"), 0.5, 1e-12);
  assert.ok(Number.isNaN(fit.ratings.get("lone")));
  assert.throws(
    () => fitBradleyTerry([{ a: "x", b: "y", winner: "a" }], { baseline: "z" }),
    /Cannot fit Bradley–Terry ratings: the baseline "z" has no battle/,
  );
});

Deno.test("fitBradleyTerry() with style control solves the L2-penalised (C = 1) likelihood: its gradient is zero", () => {
  const battles: Battle[] = [];
  const random = lcg(7);
  const models = ["base", "m1", "m2"];
  for (let q = 0; q < 60; q++) {
    const a = models[q % 3];
    const b = models[(q + 1 + (q % 2)) % 3];
    const styleA = [100 + Math.floor(random() * 900), Math.floor(random() * 5)];
    const styleB = [100 + Math.floor(random() * 900), Math.floor(random() * 5)];
    const u = random();
    const winner = u < 0.45 ? "a" : u < 0.8 ? "b" : "tie";
    battles.push({ a, b, winner, weight: u < 0.2 ? 3 : 1, styleA, styleB });
  }
  const fit = fitBradleyTerry(battles, { baseline: "base", styleControl: true });
  assert.equal(fit.styleCoefficients.length, 2);
  // Recompute the standardised features and the penalised gradient independently.
  const w = battles.map((b) => b.weight ?? 1);
  const total = w.reduce((s, x) => s + x, 0);
  const raw = battles.map((b) =>
    b.styleA!.map((x, f) => (x - b.styleB![f]) / (x + b.styleB![f] + 1))
  );
  const z = raw.map((row) => row.slice());
  for (let f = 0; f < 2; f++) {
    const mean = raw.reduce((s, row, i) => s + w[i] * row[f], 0) / total;
    const sd = Math.sqrt(raw.reduce((s, row, i) => s + w[i] * (row[f] - mean) ** 2, 0) / total);
    raw.forEach((row, i) => z[i][f] = (row[f] - mean) / sd);
  }
  // Model coefficients in log10 units; their sum is 0 at the optimum (the penalty fixes the shift).
  const d = models.map((m) => (fit.ratings.get(m)! - 1000) / 400);
  const shift = d.reduce((s, x) => s + x, 0) / models.length;
  const beta = new Map(models.map((m, i) => [m, d[i] - shift]));
  const gamma = fit.styleCoefficients;
  const grad = new Map<string, number>(models.map((m) => [m, beta.get(m)!]));
  const gradStyle = gamma.slice();
  battles.forEach((battle, i) => {
    const x = Math.LN10 * (beta.get(battle.a)! - beta.get(battle.b)!) + z[i][0] * gamma[0] +
      z[i][1] * gamma[1];
    const won = battle.winner === "a" ? 2 : battle.winner === "tie" ? 1 : 0;
    const r = w[i] * (2 / (1 + Math.exp(-x)) - won);
    grad.set(battle.a, grad.get(battle.a)! + r * Math.LN10);
    grad.set(battle.b, grad.get(battle.b)! - r * Math.LN10);
    gradStyle[0] += r * z[i][0];
    gradStyle[1] += r * z[i][1];
  });
  for (const value of [...grad.values(), ...gradStyle]) near(value, 0, 1e-8);
});

Deno.test("arenaStandings() repeats its bootstrap interval for one seed and brackets the fitted win rate", () => {
  const battles: Battle[] = [];
  const random = lcg(11);
  for (let q = 0; q < 80; q++) {
    const u = random();
    const winner = u < 0.55 ? "a" : u < 0.85 ? "b" : "tie";
    battles.push({
      a: q % 2 ? "cand" : "base",
      b: q % 2 ? "base" : "cand",
      winner,
      weight: u < 0.1 ? 3 : 1,
    });
    battles.push({ a: "other", b: "base", winner: random() < 0.3 ? "a" : "b" });
  }
  const first = arenaStandings(battles, { baseline: "base", random: lcg(42) });
  const again = arenaStandings(battles, { baseline: "base", random: lcg(42) });
  const other = arenaStandings(battles, { baseline: "base", random: lcg(43) });
  assert.deepEqual(first, again);
  assert.notDeepEqual(first.standings, other.standings);
  assert.equal(first.rounds, 100);
  const base = first.standings.find((s) => s.model === "base")!;
  assert.deepEqual([base.winRate, base.winRateLower, base.winRateUpper], [0.5, 0.5, 0.5]);
  for (const row of first.standings) {
    assert.ok(row.winRateLower <= row.winRate && row.winRate <= row.winRateUpper, row.model);
  }
  const ratings = first.standings.map((s) => s.rating);
  assert.deepEqual(ratings, ratings.toSorted((x, y) => y - x));
});

Deno.test("arenaStandings() takes numpy's linear percentiles of the bootstrap ratings", () => {
  // One candidate against the baseline: each round's rating is the closed form of its resample, so
  // the interval can be recomputed here from the same draws.
  const battles: Battle[] = [
    ...games(6, { a: "cand", b: "base", winner: "a" }),
    ...games(3, { a: "cand", b: "base", winner: "b" }),
    ...games(1, { a: "cand", b: "base", winner: "tie" }),
  ];
  const rounds = 9;
  const result = arenaStandings(battles, { baseline: "base", rounds, random: lcg(5) });
  const draw = lcg(5);
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let score = 0;
    for (let u = 0; u < battles.length; u++) {
      const winner = battles[Math.floor(draw() * battles.length)].winner;
      score += winner === "a" ? 1 : winner === "tie" ? 0.5 : 0;
    }
    rates.push(score / battles.length);
  }
  rates.sort((x, y) => x - y);
  const linear = (p: number) => {
    const h = (rounds - 1) * p / 100;
    const lo = Math.floor(h);
    const toRating = (q: number) => 1000 + 400 * Math.log10(q / (1 - q));
    const value = toRating(rates[lo]) +
      (h - lo) * (toRating(rates[Math.min(rounds - 1, lo + 1)]) - toRating(rates[lo]));
    return eloWinRate(value, 1000);
  };
  const cand = result.standings.find((s) => s.model === "cand")!;
  near(cand.winRate, 6.5 / 10, 1e-9);
  near(cand.winRateLower, linear(2.5), 1e-9);
  near(cand.winRateUpper, linear(97.5), 1e-9);
});
