import assert from "node:assert/strict";
import {
  DEFAULT_GLM_C,
  glmLoss,
  type GlmWeights,
  lengthControlledPrediction,
  lengthControlledWinRate,
  type LengthControlRow,
  lengthFeatures,
} from "./glm_winrate.ts";

const near = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected} (±${tolerance})`);

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Each instruction twice, once with the model 40·(j+1) characters longer than the baseline and
 * once as much shorter, with the same soft preference: the length carries no information.
 */
function lengthBlind(): LengthControlRow[] {
  const preferences = [0.9, 0.7, 0.65, 0.2, 0.8, 0.55];
  return preferences.flatMap((preference, j) => {
    const difficulty = (j % 3) - 1 + j / 10;
    const base = { preference, baselineLength: 500, difficulty };
    return [
      { ...base, modelLength: 500 + 40 * (j + 1) },
      { ...base, modelLength: 500 - 40 * (j + 1) },
    ];
  });
}

/**
 * A judge that prefers the longer answer: 20 instructions, the model longer on `longer` of them;
 * it wins where it is longer and loses where it is shorter, except one upset each way.
 */
function lengthLoving(longer: number): LengthControlRow[] {
  return Array.from({ length: 20 }, (_, i) => {
    const isLonger = i < longer;
    const upset = i === 0 || i === 19;
    const won = isLonger !== upset;
    const gap = 100 + 37 * (i % 7);
    return {
      preference: won ? 1 : 0,
      modelLength: isLonger ? 800 + gap : 800 - gap,
      baselineLength: 800,
      difficulty: (i % 5) / 5 - 0.4,
    };
  });
}

/** The gradient of the penalised loss, written out from the definition (independent of the fit). */
function gradientAt(rows: LengthControlRow[], w: GlmWeights, c: number): number[] {
  const len = lengthFeatures(rows);
  const g = [w.length / c, w.difficulty / c, w.baseline / c];
  rows.forEach((r, i) => {
    const p = logistic(w.length * len[i] + w.difficulty * r.difficulty + w.baseline);
    g[0] += (p - r.preference) * len[i];
    g[1] += (p - r.preference) * r.difficulty;
    g[2] += p - r.preference;
  });
  return g;
}

Deno.test("lengthControlledWinRate() equals the plain win rate when the length carries no information (no penalty)", () => {
  const rows = lengthBlind();
  const fit = lengthControlledWinRate(rows, { c: Infinity });
  // Symmetry (each row mirrored in the length feature) puts the length weight at 0; the first-order
  // condition on the intercept column then says Σ σ_i = Σ preference_i, i.e. LC = win rate.
  near(fit.weights.length, 0, 1e-12);
  near(fit.winRate, 100 * (0.9 + 0.7 + 0.65 + 0.2 + 0.8 + 0.55) / 6, 1e-12);
  near(fit.lcWinRate, fit.winRate, 1e-9);
});

Deno.test("lengthControlledWinRate() with the default penalty differs from the plain win rate by exactly −100·w_0/(C·n)", () => {
  const rows = lengthBlind();
  const fit = lengthControlledWinRate(rows);
  near(fit.weights.length, 0, 1e-12);
  // The intercept's first-order condition with the penalty: Σ (σ_i − p_i) + w_0 / C = 0.
  const shift = -100 * fit.weights.baseline / (DEFAULT_GLM_C * rows.length);
  near(fit.lcWinRate - fit.winRate, shift, 1e-9);
  assert.ok(Math.abs(shift) < 0.1, `penalty shift ${shift} should be small`);
});

Deno.test("lengthControlledWinRate() moves a length-loving judge's win rate toward 50%", () => {
  // Model longer on 14 of 20: it wins 13 of those and 1 of the other 6, so the plain rate is 70%.
  const up = lengthControlledWinRate(lengthLoving(14));
  near(up.winRate, 70, 1e-12);
  // Preferring longer output means a negative weight on (baseline − model) length.
  assert.ok(up.weights.length < 0, `length weight ${up.weights.length}`);
  assert.ok(up.lcWinRate > 50 && up.lcWinRate < up.winRate, `LC ${up.lcWinRate}`);
  // Model shorter on 14 of 20: the plain rate is 30%, and length control raises it toward 50%.
  const down = lengthControlledWinRate(lengthLoving(6));
  near(down.winRate, 30, 1e-12);
  assert.ok(down.weights.length < 0, `length weight ${down.weights.length}`);
  assert.ok(down.lcWinRate < 50 && down.lcWinRate > down.winRate, `LC ${down.lcWinRate}`);
});

Deno.test("lengthControlledPrediction() is 100·mean σ(w_diff·d + w_0), whatever the length weight", () => {
  // σ(−1) + σ(1) = 1 and σ(0) = ½: (1 + ½) / 3 = ½.
  const weights = { length: 5, difficulty: 2, baseline: -1 };
  near(lengthControlledPrediction(weights, [0, 0.5, 1]), 50, 1e-12);
  // σ(ln 3) = 3/4 and σ(−ln 3) = 1/4.
  const ln3 = Math.log(3);
  near(
    lengthControlledPrediction({ length: -9, difficulty: 2, baseline: 0 }, [ln3 / 2]),
    75,
    1e-12,
  );
  near(lengthControlledPrediction({ length: 0, difficulty: 1, baseline: -ln3 }, [0, 0]), 25, 1e-12);
});

Deno.test("lengthControlledWinRate() stops where the gradient of its loss vanishes and every nudge costs", () => {
  for (const rows of [lengthBlind(), lengthLoving(14), lengthLoving(9)]) {
    const { weights } = lengthControlledWinRate(rows);
    for (const g of gradientAt(rows, weights, DEFAULT_GLM_C)) near(g, 0, 1e-9);
    const best = glmLoss(rows, weights);
    for (const key of ["length", "difficulty", "baseline"] as const) {
      for (const h of [-1e-4, 1e-4]) {
        assert.ok(glmLoss(rows, { ...weights, [key]: weights[key] + h }) > best, `${key} ${h}`);
      }
    }
  }
});

Deno.test("lengthFeatures() standardises (baseline − model) length by its sample standard deviation", () => {
  // Differences 0, 2, 4: mean 2, sample variance (4 + 0 + 4) / 2 = 4, sd 2.
  const rows = [0, 2, 4].map((d) => ({
    preference: 1,
    modelLength: 10,
    baselineLength: 10 + d,
    difficulty: 0,
  }));
  const features = lengthFeatures(rows);
  near(features[0], 0, 1e-15);
  near(features[1], Math.tanh(1), 1e-15);
  near(features[2], Math.tanh(2), 1e-15);
  // No variation (or a single row): the feature is 0 rather than 0/0.
  assert.deepEqual([...lengthFeatures([rows[1], rows[1]])], [0, 0]);
  assert.deepEqual([...lengthFeatures([rows[2]])], [0]);
});
