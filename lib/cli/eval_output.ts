/**
 * The output step of an evaluation run: what the terminal shows and the HTML page, drawn from
 * the run's reports — the ones the engine returned (`lmeter eval`, `lmeter demo`) or the ones
 * read back from its files (`lmeter report`). Same renderers either way, so a re-rendered run
 * looks exactly like the live one.
 *
 * @module
 */
import { join } from "node:path";
import type { EvalReport } from "../results/eval/report.ts";
import type { EvalRunFiles } from "../results/eval/read_run.ts";
import { evalTables } from "../report/eval/summary_table.ts";
import { collectionTable } from "../report/eval/collection_table.ts";
import { breakdownTable } from "../report/eval/breakdown_table.ts";
import { renderEvalReportHtml } from "../report/html/mod.ts";

/**
 * Prints the run's terminal tables (nothing when no benchmark finished); a collection adds its
 * own, and so does a benchmark whose metrics are pooled over parts (IFEval, by instruction type).
 */
export function printEvalTables(reports: readonly EvalReport[]): void {
  if (reports.length > 0) console.log(evalTables(reports));
  for (const r of reports) {
    if (r.collection) console.log(`\n${r.datasetName}:\n${collectionTable(r.collection)}`);
    const breakdown = breakdownTable(r);
    if (breakdown) console.log(`\n${r.datasetName} by type:\n${breakdown}`);
  }
}

/** Writes `reports/report.html` of a run read back from its files; returns its path. */
export async function writeEvalHtml(run: EvalRunFiles): Promise<string> {
  const html = renderEvalReportHtml({
    models: run.models,
    config: run.config,
    runName: run.runName,
    thinkbench: run.thinkbench,
  });
  const path = join(run.root, "reports", "report.html");
  await Deno.writeTextFile(path, html);
  return path;
}
