/**
 * Summation in numpy's order. numpy adds a float64 array pairwise (eight running sums in blocks of
 * up to 128 values, halves above that), so its last bits differ from a left-to-right loop. A
 * figure that must equal one printed by a numpy or pandas program to the last digit (AlpacaEval's
 * standard error) is summed here. Pure.
 *
 * @module
 */

/** The sum of `values` as numpy's `np.add.reduce` computes it for a contiguous float64 array. */
export function pairwiseSum(values: ArrayLike<number>): number {
  return sumRange(values, 0, values.length);
}

function sumRange(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    // numpy starts from -0.0 so that an all-negative-zero sum stays -0.0.
    let s = -0;
    for (let i = 0; i < n; i++) s += a[start + i];
    return s;
  }
  if (n <= BLOCK) {
    const r = new Float64Array(8);
    for (let k = 0; k < 8; k++) r[k] = a[start + k];
    const whole = n - (n % 8);
    let i = 8;
    for (; i < whole; i += 8) {
      for (let k = 0; k < 8; k++) r[k] += a[start + i + k];
    }
    let s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) s += a[start + i];
    return s;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return sumRange(a, start, half) + sumRange(a, start + half, n - half);
}

/** numpy's PW_BLOCKSIZE. */
const BLOCK = 128;
