/**
 * Rounding to a number of decimals, the one helper every summary, report and record uses. Pure.
 *
 * @module
 */

/** `x` rounded to `digits` decimals (halves upward, as `Math.round`); non-finite values pass through. */
export function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
