/**
 * Bradley–Terry ratings of judged battles, as Arena-Hard and EvalScope's arena fit them: a logistic
 * regression without intercept on the battles duplicated (a win counts twice for the winner, a tie
 * once each way), solved here by Newton's method with the baseline's rating held fixed, reported on
 * the Elo scale (`anchor + scale · log_base(odds)`). The style-control variant adds standardised
 * style differences as covariates and, like upstream, an L2 penalty (C = 1) on every coefficient.
 * Pure; the random generator of the bootstrap is the caller's.
 *
 * @module
 */
import { descend, sigmoid, softplus, solveSymmetric } from "./newton.ts";
import { percentileOf } from "./percentile.ts";

/** Who won a battle between model `a` and model `b`. */
export type BattleWinner = "a" | "b" | "tie";

/** One judged game between two models. */
export interface Battle {
  a: string;
  b: string;
  winner: BattleWinner;
  /**
   * How many times the battle counts, a whole number ≥ 0 (Arena-Hard counts a decisive `>>`
   * verdict 3 times). The bootstrap resamples these copies one by one, as upstream resamples its
   * expanded battle rows. Default 1.
   */
  weight?: number;
  /** Style features of `a`'s answer (e.g. tokens, headers, lists, bold), for style control. */
  styleA?: readonly number[];
  /** Style features of `b`'s answer, in the same order as `styleA`. */
  styleB?: readonly number[];
}

/** The Elo scale the ratings are reported on. */
export interface EloScale {
  /** Rating points per factor `base` of odds. Default 400. */
  scale?: number;
  /** Odds base. Default 10. */
  base?: number;
  /** The baseline's rating. Default 1000. */
  anchor?: number;
}

/** Options of {@linkcode fitBradleyTerry}. */
export interface BradleyTerryOptions extends EloScale {
  /** The model whose rating is held at `anchor`. */
  baseline: string;
  /**
   * Fit style control: each battle's `styleA`/`styleB` become features
   * `(x_a − x_b)/(x_a + x_b + 1)`, z-scored over the (weighted) battles, with an L2 penalty
   * (C = 1) on all coefficients, as arena-hard-auto's `--style-control`. Default false.
   */
  styleControl?: boolean;
}

/** Fitted ratings. */
export interface BradleyTerryFit {
  /** Every model of the battles, in order of first appearance. */
  models: string[];
  /** Elo-scale rating per model (NaN for a model that no battle links to the baseline). */
  ratings: Map<string, number>;
  /** The style coefficients (log-odds per standard deviation); empty without style control. */
  styleCoefficients: number[];
}

const MAX_ITERATIONS = 200;
const TOLERANCE = 1e-13;

/** P(rating beats baseline rating) on the Elo scale: 1 / (1 + base^((baseline − rating)/scale)). */
export function eloWinRate(rating: number, baselineRating: number, scale: EloScale = {}): number {
  const s = scale.scale ?? 400;
  const b = scale.base ?? 10;
  return 1 / (1 + b ** ((baselineRating - rating) / s));
}

/** A battle list in numbers: model indices, wins of a and b in the duplicated design, weight. */
interface Design {
  models: string[];
  baseline: number;
  a: Int32Array;
  b: Int32Array;
  /** Duplicated-design wins of a per unit of weight: 2 (a won), 1 (tie), 0 (b won). */
  aWins: Float64Array;
  weight: Float64Array;
  /** Standardised style features per battle (battle-major), empty without style control. */
  style: Float64Array;
  k: number;
  /** ln(base): the style-control fit's model columns are ±ln(base), as upstream's. */
  lnBase: number;
}

function buildDesign(battles: readonly Battle[], options: BradleyTerryOptions): Design {
  const index = new Map<string, number>();
  const models: string[] = [];
  const slot = (name: string) => {
    let i = index.get(name);
    if (i === undefined) {
      i = models.length;
      index.set(name, i);
      models.push(name);
    }
    return i;
  };
  const n = battles.length;
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const aWins = new Float64Array(n);
  const weight = new Float64Array(n);
  battles.forEach((battle, i) => {
    a[i] = slot(battle.a);
    b[i] = slot(battle.b);
    aWins[i] = battle.winner === "a" ? 2 : battle.winner === "tie" ? 1 : 0;
    const w = battle.weight ?? 1;
    if (!Number.isInteger(w) || w < 0) {
      throw new Error(`Cannot fit Bradley–Terry ratings: battle weight ${w} is not a whole number`);
    }
    weight[i] = w;
  });
  const baseline = index.get(options.baseline) ?? -1;
  if (baseline < 0) {
    throw new Error(
      `Cannot fit Bradley–Terry ratings: the baseline "${options.baseline}" has no battle`,
    );
  }
  const { style, k } = options.styleControl
    ? styleFeatures(battles, weight)
    : { style: new Float64Array(0), k: 0 };
  return { models, baseline, a, b, aWins, weight, style, k, lnBase: Math.log(options.base ?? 10) };
}

/** Style differences `(x_a − x_b)/(x_a + x_b + 1)`, z-scored with population SD over weighted battles. */
function styleFeatures(
  battles: readonly Battle[],
  weight: Float64Array,
): { style: Float64Array; k: number } {
  const k = battles[0]?.styleA?.length ?? 0;
  const n = battles.length;
  const style = new Float64Array(n * k);
  battles.forEach((battle, i) => {
    const sa = battle.styleA ?? [];
    const sb = battle.styleB ?? [];
    if (sa.length !== k || sb.length !== k) {
      throw new Error(
        "Cannot fit style-controlled ratings: every battle needs styleA and styleB of one length",
      );
    }
    for (let f = 0; f < k; f++) style[i * k + f] = (sa[f] - sb[f]) / (sa[f] + sb[f] + 1);
  });
  let total = 0;
  for (let i = 0; i < n; i++) total += weight[i];
  for (let f = 0; f < k; f++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += weight[i] * style[i * k + f];
    mean /= total;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += weight[i] * (style[i * k + f] - mean) ** 2;
    const sd = Math.sqrt(variance / total);
    for (let i = 0; i < n; i++) style[i * k + f] = sd > 0 ? (style[i * k + f] - mean) / sd : 0;
  }
  return { style, k };
}

/**
 * Bradley–Terry ratings of `battles` with `options.baseline` at `anchor`. Without style control this
 * is the unpenalised maximum-likelihood fit (when every model meets only the baseline, a model's win
 * rate is exactly `(W + T/2)/(W + L + T)` over its weighted battles); a model that never loses gets a
 * rating that grows until its win probability is 1 in double precision.
 */
export function fitBradleyTerry(
  battles: readonly Battle[],
  options: BradleyTerryOptions,
): BradleyTerryFit {
  const design = buildDesign(battles, options);
  return ratingsOf(design, design.weight, options);
}

function ratingsOf(design: Design, weight: Float64Array, scale: EloScale): BradleyTerryFit {
  const coef = design.k > 0 ? fitPenalised(design, weight) : fitUnpenalised(design, weight);
  const p = design.models.length;
  const unit = (scale.scale ?? 400) / Math.log(scale.base ?? 10);
  const anchor = scale.anchor ?? 1000;
  const ratings = new Map<string, number>();
  for (let i = 0; i < p; i++) {
    ratings.set(design.models[i], anchor + unit * (coef[i] - coef[design.baseline]));
  }
  return { models: design.models, ratings, styleCoefficients: Array.from(coef.subarray(p)) };
}

/**
 * Unpenalised fit on the pair table: Newton's method on the log-likelihood over the models linked
 * to the baseline (the baseline's log-odds held at 0), halving a step that lowers the likelihood.
 * Returns natural log-odds per model, NaN for unlinked ones.
 */
function fitUnpenalised(design: Design, weight: Float64Array): Float64Array {
  const p = design.models.length;
  // wins[i*p+j]: duplicated-design wins of i over j.
  const wins = new Float64Array(p * p);
  for (let t = 0; t < design.a.length; t++) {
    const w = weight[t];
    if (w === 0) continue;
    const i = design.a[t];
    const j = design.b[t];
    if (i === j) continue;
    wins[i * p + j] += w * design.aWins[t];
    wins[j * p + i] += w * (2 - design.aWins[t]);
  }
  const free = linkedModels(wins, p, design.baseline);
  const theta = new Float64Array(p);
  for (let i = 0; i < p; i++) if (!free.includes(i) && i !== design.baseline) theta[i] = NaN;
  const m = free.length;
  if (m === 0) return theta;
  // The negative log-likelihood over the linked models.
  const loss = (th: Float64Array) => {
    let sum = 0;
    for (const i of [design.baseline, ...free]) {
      for (const j of [design.baseline, ...free]) {
        const w = wins[i * p + j];
        if (w > 0) sum += w * softplus(th[j] - th[i]);
      }
    }
    return sum;
  };
  let current = loss(theta);
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    const grad = new Float64Array(m);
    const info = new Float64Array(m * m);
    for (let r = 0; r < m; r++) {
      const i = free[r];
      for (let j = 0; j < p; j++) {
        const n = wins[i * p + j] + wins[j * p + i];
        if (n === 0 || j === i) continue;
        const pij = sigmoid(theta[i] - theta[j]);
        grad[r] += wins[i * p + j] - n * pij;
        const h = n * pij * (1 - pij);
        info[r * m + r] += h;
        const c = free.indexOf(j);
        if (c >= 0) info[r * m + c] -= h;
      }
    }
    const solved = solveSymmetric(info, grad, m);
    const step = new Float64Array(p);
    for (let r = 0; r < m; r++) step[free[r]] = solved[r];
    const moved = descend(theta, step, loss, current);
    current = moved.value;
    if (!(moved.largest >= TOLERANCE)) break;
  }
  return theta;
}

/**
 * Style-controlled fit as sklearn's default `LogisticRegression` (L2, C = 1, no intercept): model
 * columns ±ln(base), style columns the z-scores; minimises ½‖β‖² + Σ weight · log-loss by Newton.
 * Returns natural log-odds per model followed by the style coefficients.
 */
function fitPenalised(design: Design, weight: Float64Array): Float64Array {
  const p = design.models.length;
  const k = design.k;
  const d = p + k;
  const lnBase = design.lnBase;
  const beta = new Float64Array(d);
  const eta = (t: number, coef: Float64Array) => {
    let x = lnBase * (coef[design.a[t]] - coef[design.b[t]]);
    for (let f = 0; f < k; f++) x += design.style[t * k + f] * coef[p + f];
    return x;
  };
  const objective = (coef: Float64Array) => {
    let sum = 0;
    for (let f = 0; f < d; f++) sum += coef[f] * coef[f] / 2;
    for (let t = 0; t < design.a.length; t++) {
      const w = weight[t];
      if (w === 0 || design.a[t] === design.b[t]) continue;
      const x = eta(t, coef);
      sum += w * (design.aWins[t] * softplus(-x) + (2 - design.aWins[t]) * softplus(x));
    }
    return sum;
  };
  let current = objective(beta);
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    const grad = new Float64Array(d);
    const info = new Float64Array(d * d);
    for (let f = 0; f < d; f++) {
      grad[f] = -beta[f];
      info[f * d + f] = 1;
    }
    const row = new Float64Array(d);
    const cols: number[] = [];
    for (let t = 0; t < design.a.length; t++) {
      const w = weight[t];
      if (w === 0 || design.a[t] === design.b[t]) continue;
      const pr = sigmoid(eta(t, beta));
      cols.length = 0;
      row.fill(0);
      row[design.a[t]] = lnBase;
      row[design.b[t]] = -lnBase;
      cols.push(design.a[t], design.b[t]);
      for (let f = 0; f < k; f++) {
        row[p + f] = design.style[t * k + f];
        cols.push(p + f);
      }
      const resid = w * (design.aWins[t] - 2 * pr);
      const h = w * 2 * pr * (1 - pr);
      for (const r of cols) {
        grad[r] += resid * row[r];
        for (const c of cols) info[r * d + c] += h * row[r] * row[c];
      }
    }
    const moved = descend(beta, solveSymmetric(info, grad, d), objective, current);
    current = moved.value;
    if (!(moved.largest >= TOLERANCE)) break;
  }
  // Report model coefficients in natural log-odds like the unpenalised fit.
  for (let i = 0; i < p; i++) beta[i] *= lnBase;
  return beta;
}

/** Models (other than the baseline) linked to it through battles, in index order. */
function linkedModels(wins: Float64Array, p: number, baseline: number): number[] {
  const seen = new Uint8Array(p);
  seen[baseline] = 1;
  const queue = [baseline];
  while (queue.length > 0) {
    const i = queue.pop()!;
    for (let j = 0; j < p; j++) {
      if (!seen[j] && wins[i * p + j] + wins[j * p + i] > 0) {
        seen[j] = 1;
        queue.push(j);
      }
    }
  }
  const free: number[] = [];
  for (let i = 0; i < p; i++) if (seen[i] && i !== baseline) free.push(i);
  return free;
}

/** Options of {@linkcode arenaStandings}. */
export interface ArenaStandingsOptions extends BradleyTerryOptions {
  /** Bootstrap rounds. Default 100. */
  rounds?: number;
  /** The uniform [0, 1) generator the bootstrap draws from (seed it to repeat the intervals). */
  random: () => number;
  /** Lower and upper percentiles of the interval. Default [2.5, 97.5]. */
  percentiles?: [number, number];
}

/** One model's place against the baseline. */
export interface ArenaStanding {
  model: string;
  /** Elo-scale rating of the fit on all battles. */
  rating: number;
  /** Predicted P(model beats the baseline) from `rating`. */
  winRate: number;
  /** The win rates of the lower and upper bootstrap percentiles of the rating. */
  winRateLower: number;
  winRateUpper: number;
  ratingLower: number;
  ratingUpper: number;
}

/** Everything {@linkcode arenaStandings} reports. */
export interface ArenaStandings {
  /** One row per model, the baseline included (win rate 0.5), by rating, best first. */
  standings: ArenaStanding[];
  rounds: number;
  styleCoefficients: number[];
}

/**
 * Ratings, win rates against the baseline and their bootstrap interval, as arena-hard-auto's
 * `show_result.py` and EvalScope's arena compute them: each round resamples the weight-expanded
 * battles with replacement and refits; the interval takes the percentiles (numpy's linear rule) of
 * each model's bootstrap ratings and turns them into win rates. Unlike upstream, the resampling
 * draws from `options.random`, so one seed gives one interval.
 */
export function arenaStandings(
  battles: readonly Battle[],
  options: ArenaStandingsOptions,
): ArenaStandings {
  const design = buildDesign(battles, options);
  const full = ratingsOf(design, design.weight, options);
  const rounds = options.rounds ?? 100;
  const [pLow, pHigh] = options.percentiles ?? [2.5, 97.5];
  const units: number[] = [];
  design.weight.forEach((w, t) => {
    for (let c = 0; c < w; c++) units.push(t);
  });
  const draws = design.models.map(() => new Float64Array(rounds));
  for (let r = 0; r < rounds; r++) {
    const weight = new Float64Array(design.weight.length);
    for (let u = 0; u < units.length; u++) {
      weight[units[Math.min(units.length - 1, Math.floor(options.random() * units.length))]] += 1;
    }
    const fit = ratingsOf(design, weight, options);
    design.models.forEach((model, i) => draws[i][r] = fit.ratings.get(model)!);
  }
  const baseRating = options.anchor ?? 1000;
  const standings = design.models.map((model, i): ArenaStanding => {
    const finite = Array.from(draws[i]).filter(Number.isFinite).sort((x, y) => x - y);
    const rating = full.ratings.get(model)!;
    const ratingLower = percentileOf(finite, pLow, "linear");
    const ratingUpper = percentileOf(finite, pHigh, "linear");
    return {
      model,
      rating,
      winRate: eloWinRate(rating, baseRating, options),
      winRateLower: eloWinRate(ratingLower, baseRating, options),
      winRateUpper: eloWinRate(ratingUpper, baseRating, options),
      ratingLower,
      ratingUpper,
    };
  });
  standings.sort((x, y) => y.rating - x.rating);
  return { standings, rounds, styleCoefficients: full.styleCoefficients };
}
