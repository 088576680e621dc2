import assert from "node:assert/strict";
import { buildReport, type ReportBenchmark, type SampleResult } from "./aggregate.ts";

const bench: ReportBenchmark = {
  name: "toy",
  prettyName: "Toy",
  description: "",
  aggregation: "mean_and_pass_at_k",
  metricLabels: { acc: "AverageAccuracy" },
  categories: { a: "STEM", b: "STEM", c: "Other" },
  summary: {},
};

function outcomes(
  scores: number[],
  repeats = 1,
  extra: Partial<SampleResult> = {},
): SampleResult[] {
  return scores.map((v, i) => ({
    index: i,
    groupId: Math.floor(i / repeats),
    repeat: i % repeats,
    outcome: "success",
    value: { acc: v },
    extracted: v ? "x" : "",
    noAnswer: v === 0,
    truncated: false,
    cached: false,
    ...extra,
  }));
}

Deno.test("overall score is sample-weighted across subsets; macro is the plain mean; categories group subsets", () => {
  const r = buildReport(
    { ...bench, aggregation: "mean" },
    new Map([
      ["a", outcomes([1, 1, 1, 0])],
      ["b", outcomes([0, 0])],
      ["c", outcomes([1, 0])],
    ]),
    { model: "m", repeats: 1, now: new Date(0) },
  );
  const m = r.metrics[0];
  assert.equal(m.name, "AverageAccuracy");
  assert.equal(m.num, 8);
  assert.equal(m.score, 0.5);
  assert.equal(m.macroScore, Math.round(((0.75 + 0 + 0.5) / 3) * 1e4) / 1e4);
  assert.deepEqual(m.categories.map((c) => [c.name, c.num, c.score]), [[["STEM"], 6, 0.5], [
    ["Other"],
    2,
    0.5,
  ]]);
  assert.equal(r.score, 0.5);
  assert.equal(r.primaryMetric, "AverageAccuracy");
  assert.equal(r.execution.noAnswer, 4);
  assert.equal(r.status, "complete");
  // 4 of 8 right, no repeats: the Wilson interval, by hand with z = 1.96: centre 0.5, half-width
  // 1.96·sqrt(0.25/8 + 1.96²/256) / (1 + 1.96²/8) = 0.28478; stderr sqrt(8·0.25/7/8) = 0.188982.
  assert.deepEqual(m.ci95, [0.2152, 0.7848]);
  assert.equal(m.stderr, 0.188982);
});

Deno.test("with repeats, stderr and the 95% CI are computed over the per-item means (t, by hand)", () => {
  // 8 items × 2 repeats; the items' means are 1, .5, .5, 1, 0, .5, 1, .5: mean 0.625, their
  // squared deviations sum to 0.875, so stderr = sqrt(0.875 / 7 / 8) = 0.125, and the CI is
  // 0.625 ± t(0.975, 7) · 0.125 = 0.625 ± 2.364624 · 0.125 = [0.329422, 0.920578].
  const r = buildReport(
    { ...bench, aggregation: "mean" },
    new Map([["a", outcomes([1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1], 2)]]),
    { model: "m", repeats: 2 },
  );
  const m = r.metrics[0];
  assert.equal(m.num, 16);
  assert.equal(m.score, 0.625);
  assert.equal(m.stderr, 0.125);
  assert.deepEqual(m.ci95, [0.3294, 0.9206]);
  const subset = m.categories[0].subsets[0];
  assert.equal(subset.stderr, 0.125);
  assert.deepEqual(subset.ci95, [0.3294, 0.9206]);
});

Deno.test("failed samples are counted, excluded from the averages, and mark the report incomplete", () => {
  const list = [...outcomes([1, 0]), {
    ...outcomes([1])[0],
    index: 2,
    groupId: 2,
    outcome: "error" as const,
    value: {},
  }];
  const r = buildReport({ ...bench, aggregation: "mean" }, new Map([["a", list]]), {
    model: "m",
    repeats: 1,
  });
  assert.equal(r.metrics[0].num, 2);
  assert.equal(r.metrics[0].score, 0.5);
  assert.equal(r.execution.errored, 1);
  assert.equal(r.status, "incomplete");
});

Deno.test("repeats add unbiased Pass@k rows computed per item", () => {
  // item 0: 1 of 2 right; item 1: 0 of 2
  const r = buildReport(bench, new Map([["a", outcomes([1, 0, 0, 0], 2)]]), {
    model: "m",
    repeats: 2,
  });
  assert.deepEqual(r.metrics.map((m) => [m.name, m.score, m.num]), [["AverageAccuracy", 0.25, 4], [
    "Pass@2",
    0.5,
    2,
  ]]);
});

Deno.test("the overall interval of repeated samples counts each subset's items as their own clusters", () => {
  // Two subsets × 2 items × 2 attempts. Item means: a → 1, 0; b → 0.5, 1 (mean 0.625).
  const r = buildReport(
    { ...bench, aggregation: "mean" },
    new Map([["a", outcomes([1, 1, 0, 0], 2)], ["b", outcomes([1, 0, 1, 1], 2)]]),
    { model: "m", repeats: 2 },
  );
  const m = r.metrics[0];
  assert.equal(m.score, 0.625);
  // Sample sd of the 4 item means (squared deviations sum to 0.6875) over √4: not the 2 clusters
  // that item 0 of a and item 0 of b would make if the subsets' group ids were mixed.
  assert.equal(m.stderr, Math.round(Math.sqrt(0.6875 / 3 / 4) * 1e6) / 1e6);
});

Deno.test("a metric with parts is the mean over all parts (clustered by sample), broken down by part label; others stay per sample", () => {
  const sample = (index: number, parts: [string, number][]): SampleResult => ({
    index,
    groupId: index,
    repeat: 0,
    outcome: "success",
    value: { inst: parts.reduce((a, [, v]) => a + v, 0) / parts.length, prompt: 0 },
    units: { labels: parts.map(([l]) => l), values: { inst: parts.map(([, v]) => v) } },
    extracted: "x",
    noAnswer: false,
    truncated: false,
    cached: false,
  });
  const r = buildReport(
    { ...bench, aggregation: "mean", metricLabels: {} },
    new Map([["default", [
      sample(0, [["a", 1]]),
      sample(1, [["a", 0], ["b", 0], ["b", 0]]),
      sample(2, [["b", 1], ["a", 1]]),
    ]]]),
    { model: "m", repeats: 1, now: new Date(0) },
  );
  const inst = r.metrics.find((m) => m.key === "inst")!;
  // Pooled: 3 of 6 parts; the per-sample mean would be (1 + 0 + 1) / 3.
  assert.equal(inst.score, 0.5);
  assert.equal(inst.num, 6);
  assert.deepEqual(inst.breakdown!.map((b) => [b.name, b.num, b.score]), [
    ["a", 3, 0.6667],
    ["b", 3, 0.3333],
  ]);
  const prompt = r.metrics.find((m) => m.key === "prompt")!;
  assert.equal(prompt.num, 3);
  assert.equal(prompt.breakdown, undefined);
});

Deno.test("a custom aggregation replaces the means: its subset values, sample-weighted overall and per category", () => {
  const seen: string[] = [];
  const custom: ReportBenchmark["custom"] = {
    params: { offset: 0.1 },
    aggregation: {
      name: "elo",
      subset(samples, ctx) {
        seen.push(`${ctx.subset}:${samples.map((s) => s.metadata?.tag).join(",")}`);
        const share = samples.filter((s) => s.value.acc === 1).length / samples.length;
        const offset = ctx.params.offset as number;
        return [{ key: "winrate", score: share, ci95: [share - offset, share + offset] }];
      },
    },
  };
  const tagged = (scores: number[]) =>
    outcomes(scores).map((o, i) => ({ ...o, metadata: { tag: `t${i}` } }));
  const r = buildReport(
    { ...bench, aggregation: "mean", metricLabels: { winrate: "winrate" }, custom },
    new Map([
      // The sample without values (a judge error) is not handed to the aggregation.
      ["a", [...tagged([1, 1, 0]), { ...outcomes([1])[0], index: 3, value: {} }]],
      ["c", tagged([1])],
    ]),
    { model: "m", repeats: 1, now: new Date(0) },
  );
  assert.deepEqual(seen, ["a:t0,t1,t2", "c:t0"]);
  assert.equal(r.metrics.length, 1);
  const m = r.metrics[0];
  assert.deepEqual([m.name, m.key, m.aggregation, m.num], ["winrate", "winrate", "elo", 4]);
  // (2/3·3 + 1·1)/4 = 0.75; bounds (0.5667·3 + 0.9·1)/4 and (0.7667·3 + 1.1·1)/4.
  assert.equal(m.score, 0.75);
  assert.deepEqual(m.ci95, [0.65, 0.85]);
  assert.deepEqual(m.categories.map((c) => [c.name, c.score]), [[["STEM"], 0.6667], [
    ["Other"],
    1,
  ]]);
  assert.equal(r.score, 0.75);
  assert.equal(r.primaryMetric, "winrate");
});

Deno.test("a custom aggregation alongside the means adds its rows after them and leaves the headline alone", () => {
  const subsets = new Map([["a", outcomes([1, 1, 0])], ["c", outcomes([1])]]);
  const plain = buildReport({ ...bench, aggregation: "mean" }, subsets, {
    model: "m",
    repeats: 1,
    now: new Date(0),
  });
  const custom: ReportBenchmark["custom"] = {
    params: {},
    aggregation: {
      name: "lc",
      alongsideMeans: true,
      subset: (samples) => [{ key: "lc_acc", score: samples.length / 10 }],
    },
  };
  const r = buildReport(
    {
      ...bench,
      aggregation: "mean",
      metricLabels: { acc: "AverageAccuracy", lc_acc: "lc" },
      custom,
    },
    subsets,
    { model: "m", repeats: 1, now: new Date(0) },
  );
  assert.deepEqual(r.metrics[0], plain.metrics[0]);
  assert.equal(r.metrics.length, 2);
  // (0.3·3 + 0.1·1) / 4 = 0.25.
  assert.deepEqual([r.metrics[1].name, r.metrics[1].aggregation, r.metrics[1].score], [
    "lc",
    "lc",
    0.25,
  ]);
  assert.deepEqual([r.score, r.primaryMetric], [plain.score, plain.primaryMetric]);
});
