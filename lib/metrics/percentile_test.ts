import assert from "node:assert/strict";
import {
  mean,
  parsePercentiles,
  percentileLabel,
  percentileOf,
  sortedFinite,
} from "./percentile.ts";

const ten = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

Deno.test("percentileOf() floors the rank like EvalScope: data[int(N·p/100)]", () => {
  assert.equal(percentileOf(ten, 50), 6); // int(10·0.5) = 5 → 6
  assert.equal(percentileOf(ten, 99), 10); // int(9.9) = 9 → 10
  assert.equal(percentileOf(ten, 1), 1); // int(0.1) = 0 → 1
  assert.equal(percentileOf(ten, 25), 3); // int(2.5) = 2 → 3
  assert.equal(percentileOf(ten, 10), 2); // int(1.0) = 1 → 2
  assert.ok(Number.isNaN(percentileOf(ten, 100))); // index 10 is out of range
  assert.equal(percentileOf(ten, "min"), 1);
  assert.equal(percentileOf(ten, "max"), 10);
});

Deno.test("percentileOf() keeps whole ranks whole (no 0.29·100 = 28.999 rounding down)", () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i);
  assert.equal(percentileOf(hundred, 29), 29);
  assert.equal(percentileOf(hundred, 57), 57);
  const three = Float64Array.from({ length: 300 }, (_, i) => i);
  assert.equal(percentileOf(three, 29), 87);
  // Fractional percentiles too: 1000·32.3/100 is 322.99999999999994 in plain floating point.
  const thousand = Float64Array.from({ length: 1000 }, (_, i) => i);
  assert.equal(percentileOf(thousand, 32.3), 323);
  const fifteen = Float64Array.from({ length: 1500 }, (_, i) => i);
  assert.equal(percentileOf(fifteen, 4.6), 69);
});

Deno.test("percentileOf() nearest-rank and linear methods match their textbook values", () => {
  assert.equal(percentileOf(ten, 50, "nearest"), 5); // ceil(5) − 1 = 4 → 5
  assert.equal(percentileOf(ten, 25, "nearest"), 3); // ceil(2.5) − 1 = 2 → 3
  assert.equal(percentileOf(ten, 0, "nearest"), 1);
  assert.equal(percentileOf(ten, 100, "nearest"), 10);
  assert.equal(percentileOf(ten, 50, "linear"), 5.5); // h = 4.5
  assert.equal(percentileOf(ten, 90, "linear"), 9.1); // h = 8.1 → 9 + 0.1·1
  assert.equal(percentileOf(ten, 100, "linear"), 10);
});

Deno.test("percentileOf() of an empty sample is NaN", () => {
  assert.ok(Number.isNaN(percentileOf(new Float64Array(), 50)));
  assert.ok(Number.isNaN(percentileOf(new Float64Array(), "max")));
});

Deno.test("parsePercentiles() accepts min/max, numbers, % and p forms and rejects the rest", () => {
  assert.deepEqual(parsePercentiles(["min", "p50", "99.9%", "max"]), ["min", 50, 99.9, "max"]);
  assert.equal(parsePercentiles(["50", "abc"]), "abc");
  assert.equal(parsePercentiles(["101"]), "101");
  assert.equal(percentileLabel(99.9), "99.9%");
  assert.equal(percentileLabel("min"), "min");
});

Deno.test("sortedFinite() drops NaN and sorts numerically; mean() has an empty value", () => {
  assert.deepEqual([...sortedFinite([10, NaN, 2, 1, Infinity])], [1, 2, 10]);
  assert.equal(mean([1, 2, 3]), 2);
  assert.equal(mean([]), -1);
  assert.equal(mean([], 0), 0);
});
