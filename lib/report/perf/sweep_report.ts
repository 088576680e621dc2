/**
 * The report after all runs: "Performance Test Summary Report" with Basic Information, the
 * Detailed Performance Metrics table, Best Performance Configuration, Performance
 * Recommendations (EvalScope's rules) and lmeter's client headroom. Pure.
 *
 * @module
 */
import { successRate } from "../../metrics/perf_summary.ts";
import { noneSucceeded, type PerfReport, type PerfRunResult } from "../../results/perf/schema.ts";
import { isPoolingSummary } from "../../results/perf/evalscope_format.ts";
import { loadWarnings } from "./load_warnings.ts";
import { fixed, grouped } from "./format.ts";
import { closesAfterEachAnswer } from "./run_tables.ts";
import { boxTable, keyValueBox, panel, plainList } from "../../util/text_table.ts";

/** EvalScope's tables show -1 where a value is not available (null in the summary). */
const NA = -1;

/** Past this share of its measured ceiling the client may distort the numbers. */
export const CEILING_WARN_PCT = 70;

/** Runs ordered by load: concurrency, then rate. */
export function byLoad(runs: readonly PerfRunResult[]): PerfRunResult[] {
  return [...runs].sort((a, b) => (a.parallel - b.parallel) || (a.rate - b.rate));
}

/** "Concurrency 10" or "Rate 5.0 req/s". */
export function loadLabel(run: PerfRunResult): string {
  return run.parallel > 0 ? `Concurrency ${run.parallel}` : `Rate ${fixed(run.rate, 1)} req/s`;
}

/** Basic Information rows: model, dataset, totals over the whole sweep. */
export function basicInformation(report: PerfReport): [string, string][] {
  let generated = 0;
  let seconds = 0;
  for (const r of report.runs) {
    generated += (r.summary.avgOutputTokens ?? 0) * r.summary.success;
    seconds += Math.max(0, r.summary.durationS);
  }
  return [
    ["Model", report.model],
    ["Test Dataset", report.dataset],
    ["API Type", report.api],
    ["Total Generated", `${grouped(generated)} tokens`],
    ["Total Test Time", `${fixed(seconds, 2)} seconds`],
    ["Avg Output Rate", `${fixed(seconds > 0 ? generated / seconds : 0, 2)} tokens/sec`],
    ["Output Path", report.outputDir],
  ];
}

/** The Detailed Performance Metrics table (TTFT and TPOT in ms, latency in s); for embeddings and
 * rerank runs EvalScope's pooling columns instead ({@linkcode poolingMetrics}). */
export function detailedMetrics(runs: readonly PerfRunResult[]): string {
  if (runs.length > 0 && runs.every((r) => isPoolingSummary(r.summary))) {
    return poolingMetrics(runs);
  }
  const showRate = runs.some((r) => r.rate > 0);
  const headers: string[][] = [
    ...leadHeaders(showRate),
    ["Gen.", "toks/s"],
    ["Avg", "TTFT(ms)"],
    ["P99", "TTFT(ms)"],
    ["Avg", "TPOT(ms)"],
    ["P99", "TPOT(ms)"],
    ["Success", "Rate"],
  ];
  const rows = byLoad(runs).map((r) => {
    const s = r.summary;
    const ok = successRate(s);
    return [
      ...leadCells(r, showRate),
      fixed(s.outputTps ?? NA, 2),
      fixed(s.avgTtftMs ?? NA, 2),
      fixed(r.p99.ttftMs, 2),
      fixed(s.avgTpotMs ?? NA, 2),
      fixed(r.p99.tpotMs, 2),
      ok !== null ? `${fixed(ok, 1)}%` : "-",
    ];
  });
  return boxTable(headers, rows, { title: "Detailed Performance Metrics" });
}

/** The first columns of both Detailed Performance Metrics tables: load, RPS and latency. */
function leadHeaders(showRate: boolean): string[][] {
  return [
    ["Conc."],
    ...(showRate ? [["Rate"]] : []),
    ["RPS"],
    ["Avg", "Lat.(s)"],
    ["P99", "Lat.(s)"],
  ];
}

/** The cells under {@linkcode leadHeaders} for one run. */
function leadCells(r: PerfRunResult, showRate: boolean): string[] {
  return [
    r.parallel > 0 ? String(r.parallel) : "INF",
    ...(showRate ? [r.rate > 0 ? fixed(r.rate, 2) : "-"] : []),
    fixed(r.summary.rps ?? NA, 2),
    fixed(r.summary.avgLatencyS ?? NA, 3),
    fixed(r.p99.latencyS, 3),
  ];
}

/** EvalScope's table for embeddings and rerank runs: latency, input tokens per second of one
 * request (avg and p99), input tokens per request, and lmeter's wall-time input throughput and
 * items (inputs or documents) per second. */
export function poolingMetrics(runs: readonly PerfRunResult[]): string {
  const showRate = runs.some((r) => r.rate > 0);
  const headers: string[][] = [
    ...leadHeaders(showRate),
    ["Avg", "Inp.TPS"],
    ["P99", "Inp.TPS"],
    ["Avg", "Inp.Tok"],
    ["Wall", "Inp.TPS"],
    ["Items/s"],
    ["Success", "Rate"],
  ];
  const rows = byLoad(runs).map((r) => {
    const s = r.summary;
    const ok = successRate(s);
    return [
      ...leadCells(r, showRate),
      fixed(s.inputTps ?? NA, 2),
      fixed(r.p99.inputTps ?? null, 2),
      fixed(s.avgInputTokens ?? NA, 1),
      fixed(s.wallInputTps ?? NA, 2),
      fixed(s.itemsPerS ?? NA, 2),
      ok !== null ? `${fixed(ok, 1)}%` : "-",
    ];
  });
  return boxTable(headers, rows, { title: "Detailed Performance Metrics" });
}

/** Workload Throughput: token rates (tok/s) of each run over the whole run, its last 30 s and its
 * steady state (first 20% of the wall time dropped), as in `workload_throughput.json`. Empty when
 * no run had a success. */
export function workloadTable(runs: readonly PerfRunResult[]): string {
  const withData = byLoad(runs).filter((r) => r.workload !== undefined);
  if (withData.length === 0) return "";
  const first = withData[0].workload!;
  const headers: string[][] = [
    ["Run"],
    ["Window"],
    ...first.rows.map((row) => row.metric.replace(" tok/s", "").split(" ").concat("(tok/s)")),
  ];
  const windows: [string, "overall" | "last_window" | "steady_state"][] = [
    ["Overall", "overall"],
    [`Last ${fixed(first.last_window_s, 0)}s`, "last_window"],
    [`Steady (drop ${fixed(first.warmup_frac * 100, 0)}%)`, "steady_state"],
  ];
  const rows: string[][] = [];
  for (const r of withData) {
    windows.forEach(([label, key], i) => {
      rows.push([
        i === 0 ? loadLabel(r) : "",
        label,
        ...r.workload!.rows.map((x) => fixed(x[key], 2)),
      ]);
    });
  }
  const table = boxTable(headers, rows, {
    title: "Workload Throughput",
    align: ["left", "left", ...first.rows.map(() => "right" as const)],
  });
  const omitted = withData.filter((r) => r.workload!.steady_state_omitted)
    .map((r) => `Steady window omitted for ${loadLabel(r)}: ${r.workload!.steady_state_omitted}`);
  return [table, ...omitted].join("\n");
}

/** Best Performance Configuration: highest RPS and lowest average latency, over the runs where a
 * request succeeded (a run where none did is no configuration at all). */
export function bestConfiguration(all: readonly PerfRunResult[]): [string, string][] {
  if (all.length === 0) return [];
  const runs = all.filter((r) => !noneSucceeded(r));
  if (runs.length === 0) return [["None", "no request succeeded in any run"]];
  const rps = (r: PerfRunResult) => r.summary.rps ?? NA;
  const lat = (r: PerfRunResult) => {
    const v = r.summary.avgLatencyS;
    return v !== null && v > 0 ? v : Infinity;
  };
  const best = runs.reduce((a, b) => (rps(b) > rps(a) ? b : a));
  const fast = runs.reduce((a, b) => (lat(b) < lat(a) ? b : a));
  return [
    ["Highest RPS", `${loadLabel(best)} (${fixed(rps(best), 2)} req/sec)`],
    [
      "Lowest Latency",
      `${loadLabel(fast)} (${Number.isFinite(lat(fast)) ? fixed(lat(fast), 3) : "-"} seconds)`,
    ],
  ];
}

/** Performance Recommendations (EvalScope's rules over runs sorted by load). */
export function recommendations(runs: readonly PerfRunResult[]): string[] {
  const sorted = byLoad(runs);
  const out: string[] = [];
  const axis = sorted.some((r) => r.parallel > 0) ? "concurrency" : "request rate";
  if (sorted.length >= 2) {
    const rpsList = sorted.map((r) => r.summary.rps ?? NA);
    const top = rpsList.indexOf(Math.max(...rpsList));
    if (top === sorted.length - 1) {
      out.push(
        `The system seems not to have reached its performance bottleneck, try higher ${axis}`,
      );
    } else if (top === 0) {
      out.push(`Throughput was highest at the lowest load; consider lowering the ${axis}`);
    } else {
      out.push(
        `The optimal ${axis} appears to be around ${loadLabel(sorted[top]).replace(/^\w+ /, "")}`,
      );
    }
  }
  for (const r of sorted) for (const w of loadWarnings(r)) out.push(`${r.name}: ${w}`);
  const last = sorted[sorted.length - 1];
  if (last) {
    const rate = successRate(last.summary) ?? 0;
    if (rate < 95) {
      out.push(
        `Success rate at the highest load is ${
          fixed(rate, 1)
        }%: check server resources or reduce the load`,
      );
    }
  }
  if (sorted.length >= 2) {
    const first = sorted[0].summary.avgLatencyS ?? NA;
    const lastLat = last.summary.avgLatencyS ?? NA;
    if (first > 0 && lastLat / first > 3) {
      out.push(
        `Latency grew ${
          fixed(lastLat / first, 1)
        }× from the lowest to the highest load: the system is under significant stress`,
      );
    }
  }
  return out;
}

/** lmeter's headroom lines: the client's ceiling and how much of it the busiest run used. */
export function headroomLines(report: PerfReport): string[] {
  const c = report.calibration;
  if (!c) return [`Client headroom: not measured (${report.calibrationNote ?? "--no-calibrate"})`];
  const busiest = report.runs.reduce<PerfRunResult | undefined>(
    (a, b) => ((b.client.ceilingUsedPct ?? 0) > (a?.client.ceilingUsedPct ?? -1) ? b : a),
    undefined,
  );
  const used = busiest?.client.ceilingUsedPct ?? 0;
  const lines = [
    `Client headroom: ceiling ${Math.round(c.maxEventsPerS)} events/s and ${
      fixed(c.maxReqPerS, 1)
    } req/s ` +
    `at concurrency ${c.concurrency}; client-added TTFT avg ${fixed(c.addedTtftMs.avg, 2)} ms, ` +
    `p99 ${fixed(c.addedTtftMs.p99, 2)} ms` + newConnectionCost(report),
    `The busiest run${busiest ? ` (${busiest.name})` : ""} used ${
      fixed(used, 1)
    }% of the client's ceiling.`,
  ];
  const limited = report.runs.filter((r) => loadWarnings(r).length > 0);
  if (limited.length > 0) {
    lines.push(
      `! ${
        limited.map((r) => r.name).join(", ")
      }: the requested load was not applied (see the recommendations); ` +
        "the client, not the server, limited these runs, whatever share of the ceiling they show " +
        "(the share counts only what was sent).",
    );
  }
  if (used > CEILING_WARN_PCT) {
    lines.push(
      `! Above ${CEILING_WARN_PCT}% of its ceiling the client's own scheduling inflates TTFT/ITL: ` +
        "treat the busiest runs' latencies as upper bounds, or spread the load over more machines.",
    );
  }
  return lines;
}

/** The whole sweep report. */
export function sweepReport(report: PerfReport): string {
  const parts = [
    panel("Performance Test Summary Report"),
    "Basic Information:\n" + keyValueBox(basicInformation(report)),
    detailedMetrics(report.runs),
    workloadTable(report.runs),
    plainList("Best Performance Configuration", bestConfiguration(report.runs)),
    "Performance Recommendations:\n" +
    (recommendations(report.runs).map((r) => `• ${r}`).join("\n") || "• No issues found"),
    headroomLines(report).join("\n"),
  ].filter((part) => part !== "");
  if (report.status === "incomplete") {
    parts.push(
      "! This sweep was interrupted: the last run is marked incomplete and later runs did not start.",
    );
  }
  return parts.join("\n\n") + "\n";
}

/** The calibrated client-added TTFT with a new connection per request, shown when a run's server
 * closed the connection after every answer (those runs paid it on every request). */
function newConnectionCost(report: PerfReport): string {
  const n = report.calibration?.addedTtftNewConnectionMs;
  if (!n || !report.runs.some(closesAfterEachAnswer)) return "";
  return `; with a new connection per request, as this server needs: avg ${fixed(n.avg, 2)} ms, ` +
    `p99 ${fixed(n.p99, 2)} ms`;
}
