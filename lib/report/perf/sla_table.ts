/**
 * The SLA auto-tune result table. Pure.
 *
 * @module
 */
import type { SlaGroupResult } from "../../results/perf/schema.ts";
import { num } from "./format.ts";
import { boxTable } from "../../util/text_table.ts";

/** "SLA Auto-tune Results": one row per constraint group, then every probe. */
export function slaTable(groups: readonly SlaGroupResult[]): string {
  const rows = groups.map((g) => [
    Object.entries(g.constraints).map(([k, v]) => `${k} ${v}`).join(", "),
    g.variable,
    g.best === null ? "none" : num(g.best, 2),
    String(g.probes.length),
  ]);
  const summary = boxTable(
    [["Constraints", "(ms: TTFT/TPOT; s: latency)"], ["Variable"], ["Best"], ["Probes"]],
    rows,
    {
      title: "SLA Auto-tune Results",
      align: ["left", "left", "right", "right"],
    },
  );
  const probeLines = groups.flatMap((g, i) =>
    g.probes.map((p) =>
      `  group ${i + 1} · ${g.variable} ${num(p.value, 2)}: ${p.passed ? "pass" : "fail"} · ` +
      Object.entries(p.metrics).map(([k, v]) => `${k} ${num(v, 3)}`).join(", ")
    )
  );
  return [
    summary,
    "Probes (averaged over repeats):",
    ...probeLines,
    ...groups.map((g) => `• ${g.note}`),
  ]
    .join("\n");
}
