import assert from "node:assert/strict";
import type { EvalReport } from "../../results/eval/report.ts";
import { detailsTable, summaryTable } from "./summary_table.ts";

function report(): EvalReport {
  const subset = (name: string) => ({
    name,
    score: 0.8,
    num: 15,
    stderr: 0.1069,
    ci95: [0.5481, 0.9295] as [number, number],
  });
  return {
    schemaVersion: "lmeter.eval.report/1",
    name: "gpt-oss-20b@aime25",
    datasetName: "aime25",
    datasetPrettyName: "AIME 2025",
    datasetDescription: "",
    modelName: "gpt-oss-20b",
    score: 0.8,
    primaryMetric: "AveragePass@1",
    metrics: [{
      name: "AveragePass@1",
      key: "acc",
      aggregation: "mean",
      num: 30,
      score: 0.8,
      macroScore: 0.8,
      stderr: 0.0743,
      ci95: [0.6269, 0.9049],
      categories: [{
        name: ["default"],
        num: 30,
        score: 0.8,
        macroScore: 0.8,
        subsets: [subset("AIME2025-I"), subset("AIME2025-II")],
      }],
    }],
    analysis: "N/A",
    status: "complete",
    execution: {
      samples: 30,
      scored: 30,
      errored: 0,
      noAnswer: 1,
      noAnswerRate: 0.0333,
      truncated: 2,
      truncatedRate: 0.0667,
      cached: 0,
    },
    requests: null,
    benchmark: {},
    endpoint: null,
    createdAt: "2025-01-01T00:00:00.000Z",
  };
}

Deno.test("summaryTable() prints the README's table byte for byte, OVERALL row included", () => {
  const expected = [
    "+-------------+-----------+---------------+-------------+-------+---------+---------+",
    "| Model       | Dataset   | Metric        | Subset      |   Num |   Score | Cat.0   |",
    "+=============+===========+===============+=============+=======+=========+=========+",
    "| gpt-oss-20b | aime25    | AveragePass@1 | AIME2025-I  |    15 |     0.8 | default |",
    "+-------------+-----------+---------------+-------------+-------+---------+---------+",
    "| gpt-oss-20b | aime25    | AveragePass@1 | AIME2025-II |    15 |     0.8 | default |",
    "+-------------+-----------+---------------+-------------+-------+---------+---------+",
    "| gpt-oss-20b | aime25    | AveragePass@1 | OVERALL     |    30 |     0.8 | -       |",
    "+-------------+-----------+---------------+-------------+-------+---------+---------+",
  ].join("\n");
  assert.equal(summaryTable([report()]), expected);
});

Deno.test("summaryTable() lines decimal points up like tabulate", () => {
  const r = report();
  r.metrics[0].categories[0].subsets[0].score = 1;
  r.metrics[0].categories[0].subsets[1].score = 0.3333;
  const lines = summaryTable([r]).split("\n");
  assert.ok(lines[3].endsWith("|  1      | default |"), lines[3]);
  assert.ok(lines[5].endsWith("|  0.3333 | default |"), lines[5]);
});

Deno.test("detailsTable() shows stderr, the 95% CI and the no-answer, truncation and error counts", () => {
  const t = detailsTable([report()]);
  assert.match(
    t,
    /\| aime25 +\| AveragePass@1 \| +30 \| +0\.8 \| +0\.0743 \| \[0\.6269, 0\.9049\] \| 3\.3% \(1\) +\| 6\.7% \(2\) +\| 0 +\|/,
  );
});
