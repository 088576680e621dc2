import assert from "node:assert/strict";
import { exponential, sfc32, uniformInt } from "../util/random.ts";
import { poissonArrivals } from "./schedule.ts";

Deno.test("poissonArrivals() ends exactly at n/rate seconds and never goes backwards", () => {
  const arr = poissonArrivals(1000, 20, sfc32(7));
  assert.equal(arr.length, 1000);
  assert.equal(arr[999], 50_000);
  for (let i = 1; i < arr.length; i++) assert.ok(arr[i] >= arr[i - 1]);
  assert.ok(arr[0] > 0);
});

Deno.test("poissonArrivals() gives the same schedule for the same seed and a different one otherwise", () => {
  assert.deepEqual(poissonArrivals(50, 5, sfc32(1)), poissonArrivals(50, 5, sfc32(1)));
  assert.notDeepEqual(poissonArrivals(50, 5, sfc32(1)), poissonArrivals(50, 5, sfc32(2)));
});

Deno.test("poissonArrivals() without a rate fires everything at offset 0", () => {
  assert.deepEqual([...poissonArrivals(3, -1, sfc32(1))], [0, 0, 0]);
});

// The schedule is rescaled to end exactly at n / rate, so its mean gap is 1000 / rate by
// construction; what can go wrong is the shape of the gaps and the draws before the rescale.
// Bounds are 4 standard errors of the known truth over n = 20 000 draws.
Deno.test("poissonArrivals() gaps are exponential: CV 1 and a share e^-1 longer than the mean", () => {
  const n = 20_000;
  const arr = poissonArrivals(n, 100, sfc32(3));
  const gaps = [...arr].map((v, i) => v - (i ? arr[i - 1] : 0));
  const mean = gaps.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / n);
  // CV of an exponential is 1; its estimate's standard error is about 1/sqrt(n) (0.007).
  assert.ok(Math.abs(sd / mean - 1) < 4 / Math.sqrt(n), `cv ${sd / mean}`);
  // P(gap > mean) = e^-1 = 0.3679 for an exponential (0.5 for uniform gaps, 0.42 for gamma k=4).
  for (const [times, p] of [[1, Math.exp(-1)], [2, Math.exp(-2)]]) {
    const share = gaps.filter((g) => g > times * mean).length / n;
    const se = Math.sqrt(p * (1 - p) / n);
    assert.ok(Math.abs(share - p) < 4 * se, `share above ${times}x mean ${share}, want ${p}`);
  }
});

Deno.test("exponential() draws have the asked mean (4 standard errors over 20 000 draws)", () => {
  const rng = sfc32(5);
  const n = 20_000;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += exponential(rng, 10);
  // The standard error of the mean of n exponential draws with mean 10 is 10 / sqrt(n) = 0.071.
  assert.ok(Math.abs(sum / n - 10) < 4 * 10 / Math.sqrt(n), `mean ${sum / n}`);
});

Deno.test("sfc32() is uniform in [0,1) and uniformInt() covers both bounds", () => {
  const rng = sfc32(42);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) {
    const v = rng();
    assert.ok(v >= 0 && v < 1);
    seen.add(uniformInt(rng, 3, 5));
  }
  assert.deepEqual([...seen].sort(), [3, 4, 5]);
  assert.ok(exponential(sfc32(1), 2) > 0);
});

Deno.test("poissonArrivals() with burstiness k: gamma gaps, same mean, CV 1/sqrt(k); k = 1 is Poisson", () => {
  for (const k of [0.25, 4]) {
    const arr = poissonArrivals(40_000, 50, sfc32(11), k);
    assert.equal(arr[arr.length - 1], 800_000); // still exactly n / rate
    const gaps = [...arr].map((v, i) => v - (i ? arr[i - 1] : 0));
    assert.ok(gaps.every((g) => g >= 0));
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    assert.ok(Math.abs(mean - 20) < 1e-9, `mean ${mean}`);
    const cv = 1 / Math.sqrt(k);
    assert.ok(Math.abs(sd / mean - cv) < 0.05 * cv, `k ${k}: cv ${sd / mean}, want ${cv}`);
  }
  assert.deepEqual(poissonArrivals(100, 5, sfc32(4), 1), poissonArrivals(100, 5, sfc32(4)));
});

Deno.test("--burstiness without --rate is accepted with a warning; 0 is refused", async () => {
  const { buildPerfConfig } = await import("./config.ts");
  const { PERF_OPTIONS } = await import("./options.ts");
  const { parseOptions } = await import("../config/schema.ts");
  const parse = (extra: string[]) =>
    parseOptions({ name: "perf", summary: "", usage: "", options: PERF_OPTIONS }, [
      "--url",
      "http://127.0.0.1:9/v1/chat/completions",
      "--model",
      "m",
      "--prompt",
      "hi",
      ...extra,
    ]).values;
  const { PERF_DATASETS: datasets } = await import("../../perf/mod.ts");
  const closed = await buildPerfConfig(parse(["--burstiness", "0.5"]), { datasets });
  assert.ok(closed.warnings.some((w) => w.includes("--burstiness")), closed.warnings.join("\n"));
  const paced = await buildPerfConfig(parse(["--burstiness", "0.5", "--rate", "4"]), {
    datasets,
  });
  assert.equal(paced.config.burstiness, 0.5);
  assert.ok(!paced.warnings.some((w) => w.includes("--burstiness")));
  assert.throws(() => parse(["--burstiness", "0"]), /--burstiness/);
});
