import assert from "node:assert/strict";
import { datasetDetailHtml } from "./eval_sections.ts";
import { translator } from "./i18n.ts";
import type { BenchmarkView, MetricView } from "../../results/read/types.ts";

function metric(name: string, breakdown?: [string, number, number][]): MetricView {
  return {
    name,
    num: 2,
    score: 0.5,
    stderr: null,
    ci95: null,
    categories: [{
      name: ["default"],
      num: 2,
      score: 0.5,
      subsets: [{ name: "default", score: 0.5, num: 2, stderr: null, ci95: null }],
    }],
    ...(breakdown
      ? {
        breakdown: breakdown.map(([n, num, score]) => ({
          name: n,
          num,
          score,
          stderr: null,
          ci95: [0.1, 0.9] as [number, number],
        })),
      }
      : {}),
  };
}

Deno.test("a dataset section shows the per-type table of metrics pooled over parts (the report and the app)", () => {
  const report: BenchmarkView = {
    model: "m",
    dataset: "ifeval",
    prettyName: "IFEval",
    description: "",
    score: 0.5,
    primaryMetric: "prompt_level_strict",
    status: "complete",
    metrics: [
      metric("prompt_level_strict"),
      metric("inst_level_strict", [["punctuation:no_comma", 3, 2 / 3], [
        "startend:quotation",
        1,
        0,
      ]]),
      metric("inst_level_loose", [["punctuation:no_comma", 3, 1], ["startend:quotation", 1, 1]]),
    ],
    execution: null,
    perf: null,
    createdAt: null,
  };
  const html = datasetDetailHtml("ifeval", [{ model: "m", reports: [report] }], {
    t: translator("en"),
  });
  const table = html.slice(html.indexOf('<div class="breakdown">'));
  assert.match(
    table,
    /<th>Type<\/th><th class="num">Num<\/th><th class="num">inst_level_strict<\/th><th class="num">inst_level_loose<\/th>/,
  );
  assert.match(
    table,
    /<td>punctuation:no_comma<\/td><td class="num">3<\/td><td class="num"><b>66\.7%<\/b>/,
  );
  assert.match(
    table,
    /<td>startend:quotation<\/td><td class="num">1<\/td><td class="num"><b>0\.0%<\/b>/,
  );
  const plain = datasetDetailHtml("ifeval", [{
    model: "m",
    reports: [{ ...report, metrics: [metric("prompt_level_strict")] }],
  }], { t: translator("en") });
  assert.equal(plain.includes('class="breakdown"'), false);
});
