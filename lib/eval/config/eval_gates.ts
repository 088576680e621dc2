/**
 * `lmeter eval --fail-on 'gsm8k.mean<0.80,gsm8k.ci_low<0.75'`: CI gates on a benchmark's report.
 * A condition names `<benchmark>.<stat>` (the stats of `lib/results/eval/report_stats.ts`); each
 * describes a failure, as perf's do. Parsed once while the task is resolved; evaluated against the
 * reports when the run is done.
 *
 * @module
 */
import { type Gate, type GateFailure, gateFailure, parseGates } from "../../metrics/gates.ts";
import type { EvalReport } from "../../results/eval/report.ts";
import { EVAL_STATS, evalStatOf, reportStat } from "../../results/eval/report_stats.ts";
import { UserError } from "../../errors.ts";

/** A gate that held, with the benchmark it held in. */
export interface EvalGateFailure extends GateFailure {
  benchmark: string;
}

/** Parses `--fail-on` for an evaluation of `datasets`; throws a {@linkcode UserError}. */
export function parseEvalGates(text: string, datasets: readonly string[]): Gate[] {
  try {
    return parseGates(text, { resolve: (name) => resolveEvalMetric(name, datasets) });
  } catch (e) {
    throw new UserError(
      `Invalid value for --fail-on: ${(e as Error).message}`,
      `E.g. --fail-on '${datasets[0] ?? "gsm8k"}.mean<0.8,${datasets[0] ?? "gsm8k"}.ci_low<0.75'.`,
    );
  }
}

/** The gates that held in `reports` (a gate on a benchmark without a report does not fire). */
export function evaluateEvalGates(
  gates: readonly Gate[],
  reports: readonly EvalReport[],
): EvalGateFailure[] {
  const out: EvalGateFailure[] = [];
  for (const g of gates) {
    const dot = g.metric.lastIndexOf(".");
    const benchmark = g.metric.slice(0, dot);
    const stat = evalStatOf(g.metric.slice(dot + 1));
    const report = reports.find((r) => r.datasetName === benchmark);
    if (!report || !stat) continue;
    const failure = gateFailure(g, reportStat(report, stat));
    if (failure) out.push({ ...failure, benchmark });
  }
  return out;
}

function resolveEvalMetric(
  name: string,
  datasets: readonly string[],
): { canonical: string; unit: string } | string {
  const dot = name.lastIndexOf(".");
  const benchmark = dot > 0 ? name.slice(0, dot) : "";
  const stat = evalStatOf(name.slice(dot + 1));
  if (!benchmark || !stat) {
    return `"${name}" is not <benchmark>.<stat>; stats: ${Object.keys(EVAL_STATS).join(", ")}`;
  }
  if (!datasets.includes(benchmark)) {
    return `"${name}": ${benchmark} is not among the datasets (${datasets.join(", ")})`;
  }
  return { canonical: `${benchmark}.${stat}`, unit: "" };
}
