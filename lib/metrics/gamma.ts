/**
 * The gamma function and its logarithm for real arguments, from one Lanczos series (g = 7, nine
 * coefficients): stderr and confidence intervals use ln Γ, the math answer evaluator uses Γ
 * (factorials of non-integers). Pure.
 *
 * @module
 */

const G = 7;
const COEF = [
  0.99999999999980993,
  676.5203681218851,
  -1259.1392167224028,
  771.32342877765313,
  -176.61502916214059,
  12.507343278686905,
  -0.13857109526572012,
  9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** The Lanczos series at `x ≥ 0.5`: `y = x − 1`, its sum, and `t = y + g + ½`. */
function lanczos(x: number): { y: number; sum: number; t: number } {
  const y = x - 1;
  let sum = COEF[0];
  for (let i = 1; i < G + 2; i++) sum += COEF[i] / (y + i);
  return { y, sum, t: y + G + 0.5 };
}

/** Γ(x) for real x (the reflection formula below ½). */
export function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const { y, sum, t } = lanczos(x);
  return Math.sqrt(2 * Math.PI) * t ** (y + 0.5) * Math.exp(-t) * sum;
}

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const { y, sum, t } = lanczos(x);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}
