/**
 * AlpacaEval's length-controlled win rate (`length_controlled_v1`): a logistic model of the judge's
 * preference for the model over the baseline,
 *
 *     logit P(model wins) = w_len · tanh(Δ / sd(Δ)) + w_diff · difficulty + w_0,
 *
 * where Δ = baseline length − model length (characters) and sd(Δ) is the sample standard deviation
 * of Δ over the rows, fitted to the preferences as soft labels; the win rate is then predicted with
 * the length term removed, 100 · mean σ(w_diff · difficulty + w_0). Upstream fits with sklearn's
 * cross-validated L1 logistic regression and pulls the weights towards "gamed" baselines; this fit
 * is one exact penalised maximum likelihood (L2, fixed C) by Newton's method (docs/judges.md). Pure.
 *
 * @module
 */
import { descend, sigmoid, softplus, solveSymmetric } from "./newton.ts";

/** One judged instruction as the length-controlled model reads it. */
export interface LengthControlRow {
  /** The judge's preference for the model over the baseline, in [0, 1] (AlpacaEval's preference − 1). */
  preference: number;
  /** Length of the model's output in characters (Unicode code points, as Python's `len`). */
  modelLength: number;
  /** Length of the baseline's output in characters. */
  baselineLength: number;
  /** The instruction's difficulty (`instruction_difficulty.csv`). */
  difficulty: number;
}

/** The fitted weights, named after upstream's design columns. */
export interface GlmWeights {
  /** Of `tanh(std_delta_len)`. */
  length: number;
  /** Of `instruction_difficulty`. */
  difficulty: number;
  /** Of `not_gamed_baseline` (a column of ones here: the intercept). */
  baseline: number;
}

/** What {@linkcode lengthControlledWinRate} returns. */
export interface LengthControlledWinRate {
  /** 100 · mean preference (AlpacaEval's `win_rate`), for comparison. */
  winRate: number;
  /** 100 · mean over rows of the prediction with the length term at 0. */
  lcWinRate: number;
  weights: GlmWeights;
  /** Newton iterations taken. */
  iterations: number;
}

/** Options of {@linkcode lengthControlledWinRate} and {@linkcode glmLoss}. */
export interface GlmOptions {
  /**
   * Inverse penalty strength, as sklearn's `C`: the loss adds ‖w‖² / (2C). Default
   * {@linkcode DEFAULT_GLM_C}; `Infinity` fits without a penalty (may diverge on separable data).
   */
  c?: number;
}

/** The default `C`: upstream's value when it fits without cross-validation. */
export const DEFAULT_GLM_C = 100;

const MAX_ITERATIONS = 100;
const TOLERANCE = 1e-13;

/**
 * The standardised length feature of each row: tanh((baseline − model length) / sd), sd the sample
 * standard deviation of those differences; 0 for every row when they do not vary (or n < 2).
 */
export function lengthFeatures(rows: readonly LengthControlRow[]): Float64Array {
  const n = rows.length;
  const delta = rows.map((r) => r.baselineLength - r.modelLength);
  const mean = delta.reduce((a, d) => a + d, 0) / n;
  const variance = n < 2 ? 0 : delta.reduce((a, d) => a + (d - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  return Float64Array.from(delta, (d) => sd > 0 ? Math.tanh(d / sd) : 0);
}

/**
 * The penalised soft-label log-loss the fit minimises:
 * Σ [softplus(η) − preference · η] + ‖w‖² / (2C), η the row's linear predictor.
 */
export function glmLoss(
  rows: readonly LengthControlRow[],
  weights: GlmWeights,
  options: GlmOptions = {},
): number {
  const coef = Float64Array.of(weights.length, weights.difficulty, weights.baseline);
  return lossOf(design(rows), coef, penaltyOf(options));
}

/** The length-controlled win rate of `rows` (at least one row). */
export function lengthControlledWinRate(
  rows: readonly LengthControlRow[],
  options: GlmOptions = {},
): LengthControlledWinRate {
  if (rows.length === 0) throw new Error("lengthControlledWinRate() needs at least one row");
  const x = design(rows);
  const penalty = penaltyOf(options);
  const coef = new Float64Array(3);
  let current = lossOf(x, coef, penalty);
  let iterations = 0;
  while (iterations < MAX_ITERATIONS) {
    iterations++;
    const { gradient, hessian } = derivatives(x, coef, penalty);
    const step = solveSymmetric(hessian, gradient, 3).map((g) => -g);
    const moved = descend(coef, step, (c) => lossOf(x, c, penalty), current);
    current = moved.value;
    if (!(moved.largest >= TOLERANCE)) break;
  }
  const weights = { length: coef[0], difficulty: coef[1], baseline: coef[2] };
  const winRate = 100 * rows.reduce((a, r) => a + r.preference, 0) / rows.length;
  const lcWinRate = lengthControlledPrediction(weights, rows.map((r) => r.difficulty));
  return { winRate, lcWinRate, weights, iterations };
}

/** 100 · mean σ(w_diff · difficulty + w_0) over `difficulties`: the prediction at equal lengths. */
export function lengthControlledPrediction(
  weights: GlmWeights,
  difficulties: readonly number[],
): number {
  let sum = 0;
  for (const d of difficulties) sum += sigmoid(weights.difficulty * d + weights.baseline);
  return 100 * sum / difficulties.length;
}

interface Design {
  /** Row-major n × 3: tanh(std_delta_len), difficulty, 1. */
  x: Float64Array;
  y: Float64Array;
  n: number;
}

function design(rows: readonly LengthControlRow[]): Design {
  const n = rows.length;
  const len = lengthFeatures(rows);
  const x = new Float64Array(n * 3);
  rows.forEach((r, i) => {
    x[i * 3] = len[i];
    x[i * 3 + 1] = r.difficulty;
    x[i * 3 + 2] = 1;
  });
  return { x, y: Float64Array.from(rows, (r) => r.preference), n };
}

function penaltyOf(options: GlmOptions): number {
  const c = options.c ?? DEFAULT_GLM_C;
  if (!(c > 0)) throw new Error(`GLM penalty C must be positive, got ${c}`);
  return 1 / c;
}

function eta(d: Design, i: number, coef: Float64Array): number {
  return d.x[i * 3] * coef[0] + d.x[i * 3 + 1] * coef[1] + d.x[i * 3 + 2] * coef[2];
}

function lossOf(d: Design, coef: Float64Array, penalty: number): number {
  let sum = penalty * (coef[0] ** 2 + coef[1] ** 2 + coef[2] ** 2) / 2;
  for (let i = 0; i < d.n; i++) {
    const e = eta(d, i, coef);
    sum += softplus(e) - d.y[i] * e;
  }
  return sum;
}

function derivatives(
  d: Design,
  coef: Float64Array,
  penalty: number,
): { gradient: Float64Array; hessian: Float64Array } {
  const gradient = coef.map((c) => penalty * c);
  const hessian = new Float64Array(9);
  for (let f = 0; f < 3; f++) hessian[f * 4] = penalty;
  for (let i = 0; i < d.n; i++) {
    const p = sigmoid(eta(d, i, coef));
    const h = p * (1 - p);
    for (let r = 0; r < 3; r++) {
      const xr = d.x[i * 3 + r];
      gradient[r] += (p - d.y[i]) * xr;
      for (let c = 0; c < 3; c++) hessian[r * 3 + c] += h * xr * d.x[i * 3 + c];
    }
  }
  return { gradient, hessian };
}
