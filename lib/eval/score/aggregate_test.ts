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
  assert.ok(m.ci95[0] < 0.5 && m.ci95[1] > 0.5);
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
