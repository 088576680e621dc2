import assert from "node:assert/strict";
import { pairwiseSum } from "./pairwise_sum.ts";

// The expected sums were printed by numpy 1.24.2 (Debian 12's python3-numpy) with
// `repr(np.add.reduce(np.array(values)))`; a left-to-right loop gives the other figures.

Deno.test("pairwiseSum: small arrays add left to right", () => {
  assert.equal(pairwiseSum([1, 2, 3]), 6);
  assert.equal(pairwiseSum([0.1, 0.2, 0.3]), (0.1 + 0.2) + 0.3);
  assert.ok(Object.is(pairwiseSum([]), -0));
});

Deno.test("pairwiseSum: the eight running sums keep what a loop rounds away (numpy's figure)", () => {
  const values = [1e16, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  assert.equal(pairwiseSum(values), 1.0000000000000008e16);
  assert.equal(values.reduce((a, b) => a + b, 0), 1e16);
});

Deno.test("pairwiseSum: above 128 values the halves are summed apart (numpy's figures)", () => {
  const harmonic = Array.from({ length: 300 }, (_, i) => 1 / (i + 1));
  assert.equal(pairwiseSum(harmonic), 6.282663880299504);
  assert.equal(harmonic.reduce((a, b) => a + b, 0), 6.282663880299502);
  const tenths = new Float64Array(1000).fill(0.1);
  assert.equal(pairwiseSum(tenths), 100.00000000000001);
});
