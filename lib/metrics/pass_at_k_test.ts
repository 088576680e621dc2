import assert from "node:assert/strict";
import { passAtK, passHatK, voteAtK } from "./pass_at_k.ts";

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

Deno.test("passAtK() equals 1 − C(n−c, k)/C(n, k)", () => {
  // [5, 2, 3]: n − c = k exactly, the last case that is below 1 (0.9).
  for (const [n, c, k] of [[5, 2, 1], [5, 2, 2], [5, 2, 3], [10, 3, 4], [8, 0, 3], [8, 8, 8]]) {
    const want = n - c < k ? 1 : 1 - choose(n - c, k) / choose(n, k);
    assert.ok(Math.abs(passAtK(n, c, k) - want) < 1e-12, `n=${n} c=${c} k=${k}`);
  }
  assert.equal(passAtK(4, 1, 1), 0.25);
  assert.ok(Math.abs(passAtK(5, 2, 3) - 0.9) < 1e-12);
});

Deno.test("passHatK() equals C(c, k)/C(n, k)", () => {
  assert.ok(Math.abs(passHatK(5, 3, 2) - choose(3, 2) / choose(5, 2)) < 1e-12);
  assert.equal(passHatK(5, 1, 2), 0);
});

Deno.test("passAtK() rejects impossible counts", () => {
  assert.throws(() => passAtK(3, 4, 1), RangeError);
  assert.throws(() => passAtK(3, 1, 4), RangeError);
});

Deno.test("voteAtK() takes the most frequent answer, ties to the first seen, blanks do not vote", () => {
  const a = (extracted: string, correct: boolean) => ({ extracted, correct });
  assert.equal(voteAtK([a("1", false), a("2", true), a("2", true)], 3), 1);
  assert.equal(voteAtK([a("1", false), a("2", true)], 2), 0);
  assert.equal(voteAtK([a("", false), a("2", true)], 2), 1);
  assert.equal(voteAtK([a("1", false), a("2", true), a("2", true)], 1), 0);
});

Deno.test("passAtK() gives the HumanEval paper's estimator values, not the biased 1 − (1 − c/n)^k", () => {
  // Expected: 1 − C(n−c, k)/C(n, k) in exact rational arithmetic (Python fractions), as floats;
  // the paper's numpy form `1 − prod(1 − k / arange(n − c + 1, n + 1))` agrees to 1e-15.
  const vectors: [number, number, number, number][] = [
    [200, 12, 1, 0.06],
    [200, 12, 10, 0.4693236492660334],
    [200, 12, 100, 0.9998280167429026],
    [10, 3, 5, 0.9166666666666666],
    [100, 1, 10, 0.1],
    [200, 0, 1, 0],
    [5, 5, 1, 1],
    [20, 2, 19, 1], // n − c < k: every draw of 19 holds a correct attempt
  ];
  for (const [n, c, k, want] of vectors) {
    assert.ok(Math.abs(passAtK(n, c, k) - want) < 1e-12, `n=${n} c=${c} k=${k}`);
  }
  // The naive estimator from the pass rate is biased low: 0.4614 against 0.4693.
  assert.ok(Math.abs(1 - (1 - 12 / 200) ** 10 - passAtK(200, 12, 10)) > 0.007);
});
