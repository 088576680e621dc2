/**
 * The pieces of a damped Newton solver shared by the logistic fits of lib/metrics (Bradley–Terry,
 * the length-controlled win rate): the logistic function and its log-partition written without
 * overflow, a Cholesky solve for the Newton step, and a step that halves until the loss falls. Pure.
 *
 * @module
 */

/** The logistic function 1 / (1 + e^−x), without overflow for large |x|. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Solves the symmetric positive-definite system `A x = b` (row-major `n × n`) by Cholesky. */
export function solveSymmetric(matrix: Float64Array, rhs: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j];
      for (let q = 0; q < j; q++) sum -= l[i * n + q] * l[j * n + q];
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(sum, 1e-300));
      else l[i * n + j] = sum / l[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = rhs[i];
    for (let q = 0; q < i; q++) sum -= l[i * n + q] * y[q];
    y[i] = sum / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let q = i + 1; q < n; q++) sum -= l[q * n + i] * x[q];
    x[i] = sum / l[i * n + i];
  }
  return x;
}

/**
 * One damped Newton move: `coef += step`, halving the step while `loss` rises; returns the new
 * loss and the largest coordinate moved.
 */
export function descend(
  coef: Float64Array,
  step: Float64Array,
  loss: (coef: Float64Array) => number,
  current: number,
): { value: number; largest: number } {
  let factor = 1;
  let next = coef;
  let value = current;
  for (let halving = 0; halving < 40; halving++) {
    next = coef.map((x, f) => x + factor * step[f]);
    value = loss(next);
    if (value <= current + 1e-12 * Math.abs(current)) break;
    factor /= 2;
  }
  let largest = 0;
  for (let f = 0; f < step.length; f++) largest = Math.max(largest, Math.abs(factor * step[f]));
  coef.set(next);
  return { value, largest };
}
