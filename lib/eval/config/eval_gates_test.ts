import assert from "node:assert/strict";
import { evaluateEvalGates, parseEvalGates } from "./eval_gates.ts";
import type { EvalReport } from "../../results/eval/report.ts";

function report(datasetName: string, score: number, ci95: [number, number]): EvalReport {
  return {
    datasetName,
    score,
    primaryMetric: "AverageAccuracy",
    metrics: [{ name: "AverageAccuracy", score, stderr: 0.02, ci95, num: 200 }],
    execution: { noAnswerRate: 0.01, truncatedRate: 0, errored: 0 },
  } as unknown as EvalReport;
}

Deno.test("parseEvalGates() reads <benchmark>.<stat> conditions; score is mean", () => {
  const gates = parseEvalGates("gsm8k.mean<0.80, gsm8k.ci_low<0.75,arc.score<=0.5", [
    "gsm8k",
    "arc",
  ]);
  assert.deepEqual(gates.map((g) => [g.metric, g.op, g.value]), [
    ["gsm8k.mean", "<", 0.8],
    ["gsm8k.ci_low", "<", 0.75],
    ["arc.mean", "<=", 0.5],
  ]);
});

Deno.test("parseEvalGates() refuses an unknown stat and a benchmark not evaluated", () => {
  assert.throws(() => parseEvalGates("gsm8k.median<1", ["gsm8k"]), /stats: mean, ci_low/);
  assert.throws(() => parseEvalGates("arc.mean<1", ["gsm8k"]), /arc is not among the datasets/);
  assert.throws(() => parseEvalGates("gsm8k.mean", ["gsm8k"]), /is not a condition/);
});

Deno.test("evaluateEvalGates() fires on the report's primary metric and its CI", () => {
  const gates = parseEvalGates("gsm8k.mean<0.80,gsm8k.ci_low<0.75,gsm8k.no_answer_rate>0.1", [
    "gsm8k",
  ]);
  const fired = evaluateEvalGates(gates, [report("gsm8k", 0.78, [0.72, 0.84])]);
  assert.deepEqual(fired.map((f) => [f.gate, f.actual, f.benchmark]), [
    ["gsm8k.mean<0.80", 0.78, "gsm8k"],
    ["gsm8k.ci_low<0.75", 0.72, "gsm8k"],
  ]);
  assert.deepEqual(evaluateEvalGates(gates, [report("gsm8k", 0.9, [0.86, 0.94])]), []);
});
