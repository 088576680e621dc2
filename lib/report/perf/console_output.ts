/**
 * Everything `lmeter perf` prints, as text blocks drawn from the typed report: the client's
 * ceiling, the warnings, each run's tables (or an SLA probe's line) and the closing report. The
 * live run prints the blocks as they happen; `lmeter report` prints {@linkcode consoleBlocks} of
 * the report read back from its files — the same functions, so the two agree exactly. Pure.
 *
 * @module
 */
import type { Calibration, PerfReport, PerfRunResult } from "../../results/perf/schema.ts";
import type { SummaryFormat } from "../../results/perf/evalscope_format.ts";
import { runReport } from "./run_tables.ts";
import { slaTable } from "./sla_table.ts";
import { sweepReport } from "./sweep_report.ts";

/** The client's measured ceiling, printed before the first run. */
export function ceilingLine(c: Calibration): string {
  return `Client ceiling (vs in-process simulator, concurrency ${c.concurrency}): ` +
    `${Math.round(c.maxEventsPerS)} events/s, ${c.maxReqPerS} req/s; ` +
    `client-added TTFT avg ${c.addedTtftMs.avg} ms` +
    (c.addedTtftNewConnectionMs
      ? ` (${c.addedTtftNewConnectionMs.avg} ms with a new connection each)`
      : "");
}

/** A warning about the invocation. */
export function warningLine(text: string): string {
  return `warning: ${text}`;
}

/** What is printed when a run finishes: its tables, or one line for an SLA probe. */
export function runBlock(
  run: PerfRunResult,
  info: { probe: boolean; format?: SummaryFormat },
): string {
  return info.probe
    ? `SLA probe ${run.name}: ${run.summary.success}/${run.summary.total} ok`
    : runReport(run, { format: info.format });
}

/** The closing report (also `performance_summary.txt`): the sweep and the SLA results. */
export function closingText(report: PerfReport): string {
  let text = report.runs.length ? sweepReport(report) : "No run finished.\n";
  if (report.sla) text += "\n" + slaTable(report.sla) + "\n";
  return text;
}

/** Every block the live run printed, in order (`--debug` lines aside). */
export function consoleBlocks(report: PerfReport): string[] {
  const probe = report.sla !== undefined;
  return [
    ...(report.calibration ? [ceilingLine(report.calibration)] : []),
    ...report.warnings.map(warningLine),
    ...report.runs.map((run) => runBlock(run, { probe })),
    closingText(report),
  ];
}
