/**
 * The demo's evaluation as a scoped job: gsm8k, arc and mmlu on lmeter's built-in sample data.
 *
 * @module
 */
import { runDemoEval } from "../../benchmarks/demo/mod.ts";
import { detailsTable, summaryTable } from "../report/eval/summary_table.ts";

/** Input of the demo-eval job. */
export interface DemoEvalInput {
  apiUrl: string;
  workDir: string;
}

/** Runs the demo evaluation; returns the run folder and the number of reports. */
export async function demoEvalJob(
  input: unknown,
  ctx: { signal: AbortSignal },
): Promise<{ runDir: string; reports: number; interrupted: boolean }> {
  const { apiUrl, workDir } = input as DemoEvalInput;
  const r = await runDemoEval({ apiUrl, workDir, signal: ctx.signal, output: "silent" });
  console.log(summaryTable(r.reports));
  console.log(detailsTable(r.reports));
  return { runDir: r.runDir, reports: r.reports.length, interrupted: r.interrupted };
}
