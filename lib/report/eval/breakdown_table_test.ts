import assert from "node:assert/strict";
import type { EvalReport, MetricScore } from "../../results/eval/report.ts";
import { breakdownTable } from "./breakdown_table.ts";

function metric(name: string, breakdown?: [string, number, number][]): MetricScore {
  return {
    name,
    key: name,
    aggregation: "mean",
    num: 3,
    score: 0.5,
    macroScore: 0.5,
    stderr: 0,
    ci95: [0, 1],
    categories: [],
    ...(breakdown
      ? {
        breakdown: breakdown.map(([n, num, score]) => ({
          name: n,
          num,
          score,
          stderr: 0,
          ci95: [0, 1] as [number, number],
        })),
      }
      : {}),
  };
}

Deno.test("breakdownTable() has one row per part label and a column per metric with parts", () => {
  const report = {
    metrics: [
      metric("prompt_level_strict"),
      metric("inst_level_strict", [["b:y", 2, 0.5], ["a:x", 1, 1]]),
      metric("inst_level_loose", [["a:x", 1, 1], ["b:y", 2, 1]]),
    ],
  } as EvalReport;
  const lines = breakdownTable(report).split("\n");
  assert.deepEqual(lines.slice(1, 6), [
    "| Type   |   Num |   inst_level_strict |   inst_level_loose |",
    "+========+=======+=====================+====================+",
    "| a:x    |     1 |                 1   |                  1 |",
    "+--------+-------+---------------------+--------------------+",
    "| b:y    |     2 |                 0.5 |                  1 |",
  ]);
  assert.equal(breakdownTable({ metrics: [metric("acc")] } as EvalReport), "");
});
