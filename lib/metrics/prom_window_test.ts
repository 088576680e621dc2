import assert from "node:assert/strict";
import {
  bracketIncrease,
  bucketQuantile,
  gaugeStats,
  type Point,
  promIncrease,
  resetAdjusted,
  resetCount,
  valueAt,
  windowIncrease,
} from "./prom_window.ts";

function near(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);
}

const s = (pairs: [number, number][]): Point[] => pairs.map(([t, v]) => ({ t: t * 1000, v }));
const w = (start: number, end: number) => ({ start: start * 1000, end: end * 1000 });

Deno.test("resetAdjusted() adds the value before each drop to what follows", () => {
  const pts = s([[0, 10], [1, 20], [2, 5], [3, 8], [4, 2]]);
  assert.deepEqual(resetAdjusted(pts).map((p) => p.v), [10, 20, 25, 28, 30]);
  assert.deepEqual(resetCount(pts), 2);
});

Deno.test("promIncrease() extrapolates to both edges when they are near", () => {
  // 30 over 30 s of samples; 5 s to each edge (< 1.1 × 10 s): × 40/30.
  const pts = s([[10, 100], [20, 110], [30, 120], [40, 130]]);
  near(promIncrease(pts, w(5, 45))!, 40);
});

Deno.test("promIncrease() extrapolates half a spacing towards a far edge", () => {
  // Start: 10 s (< 11 s) kept; end: 20 s (≥ 11 s) becomes 5 s: 30 × 45/30.
  const pts = s([[10, 100], [20, 110], [30, 120], [40, 130]]);
  near(promIncrease(pts, w(0, 60))!, 45);
});

Deno.test("promIncrease() stops extrapolating where the counter reaches zero", () => {
  // 1 → 31 over 30 s: zero lies 1 s before the first sample, nearer than the 10 s edge.
  const pts = s([[10, 1], [20, 11], [30, 21], [40, 31]]);
  near(promIncrease(pts, w(0, 40))!, 31);
});

Deno.test("promIncrease() adds a reset back and leaves samples outside the range out", () => {
  // (0, 40]: 100, 110, 5, 15 → 100, 110, 115, 125: 25, × (30 + 5 + 0)/30. The sample at 0 is
  // outside the left-open range.
  const pts = s([[0, 50], [10, 100], [20, 110], [30, 5], [40, 15]]);
  near(promIncrease(pts, w(5, 40))!, 25 * 35 / 30);
  assert.deepEqual(promIncrease(s([[0, 1], [10, 2]]), w(0, 10)), null);
});

Deno.test("windowIncrease() interpolates the counter at both edges", () => {
  const pts = s([[0, 100], [1, 110], [2, 130], [3, 130]]);
  // At 0.5 s: 105; at 2.5 s: 130.
  assert.deepEqual(windowIncrease(pts, w(0.5, 2.5)), {
    value: 25,
    method: "interpolated",
    resets: 0,
  });
  // Edges on samples: their values.
  assert.deepEqual(windowIncrease(pts, w(1, 2))?.value, 20);
});

Deno.test("windowIncrease() interpolates across a counter reset", () => {
  // 100, 110, 4 (reset), 10 → 100, 110, 114, 120; at 0.5 s 105, at 2.5 s 117.
  const pts = s([[0, 100], [1, 110], [2, 4], [3, 10]]);
  assert.deepEqual(windowIncrease(pts, w(0.5, 2.5)), {
    value: 12,
    method: "interpolated",
    resets: 1,
  });
  assert.deepEqual(bracketIncrease(pts, w(0.5, 2.5)), 20);
});

Deno.test("windowIncrease() falls back on Prometheus' extrapolation without a sample before", () => {
  const pts = s([[10, 100], [20, 110], [30, 120], [40, 130]]);
  const got = windowIncrease(pts, w(5, 45))!;
  assert.deepEqual(got.method, "extrapolated");
  near(got.value, 40);
  assert.deepEqual(bracketIncrease(pts, w(5, 45)), null);
});

Deno.test("valueAt() is null outside the samples", () => {
  const pts = s([[1, 10], [2, 20]]);
  assert.deepEqual(valueAt(pts, 500), null);
  assert.deepEqual(valueAt(pts, 1500), 15);
  assert.deepEqual(valueAt(pts, 2500), null);
});

Deno.test("bucketQuantile() interpolates inside the bucket holding the rank", () => {
  const b = [{ le: 0.1, count: 10 }, { le: 0.2, count: 30 }, { le: 0.5, count: 40 }, {
    le: Infinity,
    count: 40,
  }];
  near(bucketQuantile(0.5, b), 0.15); // rank 20: 0.1 + 0.1 × 10/20
  near(bucketQuantile(0.99, b), 0.488); // rank 39.6: 0.2 + 0.3 × 9.6/10
  near(bucketQuantile(0.1, b), 0.04); // rank 4 from 0: 0.1 × 4/10
});

Deno.test("bucketQuantile() follows histogram_quantile's special cases", () => {
  const inInf = [{ le: 0.1, count: 10 }, { le: 0.2, count: 10 }, { le: Infinity, count: 20 }];
  assert.deepEqual(bucketQuantile(0.9, inInf), 0.2);
  assert.deepEqual(bucketQuantile(0.5, [{ le: 0.1, count: 1 }, { le: 0.2, count: 2 }]), NaN);
  assert.deepEqual(bucketQuantile(0.5, [{ le: 0.1, count: 0 }, { le: Infinity, count: 0 }]), NaN);
  assert.deepEqual(bucketQuantile(1.5, inInf), Infinity);
  assert.deepEqual(bucketQuantile(-1, inInf), -Infinity);
  // Non-monotonic counts are raised to the running maximum; unsorted input is sorted.
  const bumpy = [{ le: Infinity, count: 20 }, { le: 0.2, count: 8 }, { le: 0.1, count: 10 }];
  assert.deepEqual(bucketQuantile(0.5, bumpy), 0.1);
  // A first bucket with a bound ≤ 0 is returned as is.
  assert.deepEqual(bucketQuantile(0.1, [{ le: 0, count: 5 }, { le: Infinity, count: 10 }]), 0);
});

Deno.test("gaugeStats() reads the samples inside the window only", () => {
  const pts = s([[0, 0.9], [1, 0.25], [2, 0.5], [3, 0.75], [4, 1]]);
  assert.deepEqual(gaugeStats(pts, w(1, 3)), { min: 0.25, max: 0.75, mean: 0.5, samples: 3 });
  assert.deepEqual(gaugeStats(pts, w(5, 6)), null);
});
