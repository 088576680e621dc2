/**
 * The terminal table of a benchmark's metrics pooled over the parts of each sample (IFEval's
 * instructions), one row per part label: `Type | Num | <metric> …`. Pure.
 *
 * @module
 */
import type { EvalReport } from "../../results/eval/report.ts";
import { type Cell, gridTable } from "../../util/text_table.ts";

/** The breakdown table of `report`, or "" when none of its metrics has one. */
export function breakdownTable(report: EvalReport): string {
  const metrics = report.metrics.filter((m) => m.breakdown && m.breakdown.length > 0);
  if (metrics.length === 0) return "";
  const labels = [...new Set(metrics.flatMap((m) => m.breakdown!.map((b) => b.name)))].sort();
  const rows: Cell[][] = labels.map((label) => {
    const cells = metrics.map((m) => m.breakdown!.find((b) => b.name === label));
    return [label, cells.find((c) => c)?.num ?? 0, ...cells.map((c) => c ? c.score : "-")];
  });
  return gridTable(["Type", "Num", ...metrics.map((m) => m.name)], rows);
}
