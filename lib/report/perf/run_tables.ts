/**
 * The per-run console output: "Benchmarking summary", "Percentile results" and lmeter's
 * "Beyond EvalScope" lines (send lag, latency from the intended send, goodput, client load,
 * token reconciliation, failures). Pure.
 *
 * @module
 */
import {
  percentilesInFormat,
  speedToFile,
  type SummaryFormat,
  summaryInFormat,
} from "../../results/perf/evalscope_format.ts";
import { noneSucceeded, type PerfRunResult, type SpeedRow } from "../../results/perf/schema.ts";
import { fixed, num } from "./format.ts";
import { concurrencyLine, loadWarnings } from "./load_warnings.ts";
import { serverMetricsLines } from "./server_metrics_table.ts";
import { gridTable, prettyTable } from "../../util/text_table.ts";
import type { TraceSummary } from "../../metrics/multi_turn.ts";

/** "Benchmarking summary:" — every key of `benchmark_summary.json` with its value. */
export function summaryTable(
  run: Pick<PerfRunResult, "summary">,
  options: { format?: SummaryFormat } = {},
): string {
  const rows = Object.entries(summaryInFormat(run.summary, options.format ?? "lmeter"))
    .map(([k, v]) => [k, num(v)]);
  return "Benchmarking summary:\n" + gridTable(["Key", "Value"], rows, {
    align: ["left", "right"],
    minPadding: 0,
  });
}

/** "Percentile results:" — the rows of `benchmark_percentile.json`. */
export function percentileResultsTable(
  run: Pick<PerfRunResult, "percentiles">,
  options: { format?: SummaryFormat } = {},
): string {
  const t = percentilesInFormat(run.percentiles, options.format ?? "lmeter");
  const rows = t.rows.map(([label, ...values]) => [
    String(label),
    ...values.map((v) => num(v as number | null)),
  ]);
  return "Percentile results:\n" + prettyTable(t.headers, rows);
}

/** lmeter's extra lines for one run (each line says its unit). */
export function beyondLines(run: PerfRunResult): string[] {
  const x = run.extras;
  const lines: string[] = [];
  const status = run.status === "complete" ? "complete" : `INCOMPLETE (${run.stopReason})`;
  lines.push(
    `Run ${run.name}: ${status}` +
      (run.stopReason === "duration" ? " — stopped by --duration" : ""),
  );
  if (run.warmup.requests > 0) {
    lines.push(`Warm-up: ${run.warmup.requests} requests excluded (${run.warmup.failed} failed)`);
  }
  const lag = x.sendLagMs;
  if (lag.count > 0) {
    lines.push(
      `Send lag vs intended time (ms): avg ${num(lag.avg, 3)}, p50 ${num(lag.p50, 3)}, ` +
        `p99 ${num(lag.p99, 3)}, max ${num(lag.max, 3)}; late by >10 ms: ${num(x.lateSendPct, 2)}%`,
    );
  }
  const conc = concurrencyLine(run);
  if (conc) lines.push(conc);
  for (const w of loadWarnings(run)) lines.push(`  ! ${w}`);
  const sl = x.latencyFromIntendedS;
  if (sl.count > 0 && run.rate > 0) {
    lines.push(
      `Latency from intended send (s): avg ${num(sl.avg)}, p50 ${num(sl.p50)}, p99 ${num(sl.p99)}`,
    );
  }
  if (x.contentTtftMs.count > 0) {
    lines.push(
      `TTFT to first content token (ms): avg ${num(x.contentTtftMs.avg, 2)}, p99 ${
        num(x.contentTtftMs.p99, 2)
      }`,
    );
  }
  if (run.goodput) {
    const g = run.goodput;
    const parts = [];
    if (g.slo.ttftMs !== undefined) parts.push(`TTFT ≤ ${g.slo.ttftMs} ms`);
    if (g.slo.tpotMs !== undefined) parts.push(`TPOT ≤ ${g.slo.tpotMs} ms`);
    if (g.slo.e2elMs !== undefined) parts.push(`latency ≤ ${g.slo.e2elMs / 1000} s`);
    lines.push(
      `Goodput: ${fixed(g.goodputRps, 3)} req/s; ${fixed(g.goodPct, 1)}% of requests met ${
        parts.join(", ")
      }`,
    );
  }
  const kinds = Object.entries(x.failuresByKind);
  if (noneSucceeded(run)) {
    // Nothing was measured: no client figures; the CLI's error quotes what the server said.
    lines.push(`FAILED: no request succeeded (${kinds.map(([k, n]) => `${k} ${n}`).join(", ")})`);
    if (x.aborted > 0) lines.push(`Cancelled in flight (not counted): ${x.aborted}`);
    return lines;
  }
  const c = run.client;
  lines.push(
    `Client: ${Math.round(c.eventsPerS)} events/s` +
      (c.cpuUsPerEvent !== null ? `, ${fixed(c.cpuUsPerEvent, 1)} µs CPU/event` : "") +
      (c.ceilingUsedPct !== null ? `, ${fixed(c.ceilingUsedPct, 1)}% of its measured ceiling` : ""),
  );
  lines.push(...connectionLines(run), ...promptCacheLines(run));
  const t = run.tokens;
  if (t.requests > 0) {
    lines.push(
      `Tokens: usage from the server on ${t.withUsage}/${t.requests} successes` +
        (t.tokensPerChunk !== null
          ? `, ${fixed(t.tokensPerChunk, 2)} output tokens per content chunk`
          : ""),
    );
  }
  for (const w of t.warnings) lines.push(`  ! ${w}`);
  if (kinds.length) {
    lines.push(`Failures: ${kinds.map(([k, n]) => `${k} ${n}`).join(", ")}`);
    for (const f of x.topFailures.slice(0, 3)) lines.push(`  ${f.count}× ${f.reason}`);
  }
  if (x.aborted > 0) lines.push(`Cancelled in flight (not counted): ${x.aborted}`);
  for (const g of run.gateFailures) {
    lines.push(
      `  ✗ gate ${g.gate}: ${g.metric} = ${num(g.actual, 3)}${
        g.unit === "%" ? "%" : g.unit ? ` ${g.unit}` : ""
      }`,
    );
  }
  return lines;
}

/** The whole per-run block as printed after each run. */
export function runReport(
  run: PerfRunResult,
  options: { format?: SummaryFormat } = {},
): string {
  const parts = [summaryTable(run, options), percentileResultsTable(run, options)];
  if (run.speed) parts.push(speedTable(run.speed));
  if (run.traceSummary && run.traceSummary.nTraces > 0) parts.push(traceTable(run.traceSummary));
  parts.push(beyondLines(run).join("\n"));
  const server = serverMetricsLines(run);
  if (server.length > 0) parts.push(server.join("\n"));
  return parts.join("\n\n");
}

/** "Per-Trace Metrics:" — one row per statistic over the conversations (`trace_summary.json`). */
export function traceTable(t: TraceSummary): string {
  const stats = ["mean", "min", "p50", "p90", "p95", "p99", "max"] as const;
  return `Per-Trace Metrics (${t.nTraces} conversations):\n` + prettyTable(
    ["Metric", ...stats],
    t.rows.map((r) => [r.metric, ...stats.map((k) => fixed(r[k], 4))]),
  );
}

/** "Speed Benchmark Results:" — speed by prompt length. */
export function speedTable(rows: readonly SpeedRow[]): string {
  const headers = Object.keys(speedToFile([{ promptTokens: 0, tokensPerS: 0, gpuMemoryGb: 0 }])[0]);
  return "Speed Benchmark Results:\n" + prettyTable(
    headers,
    rows.map((r) => [String(r.promptTokens), fixed(r.tokensPerS, 2), fixed(r.gpuMemoryGb, 2)]),
  );
}

/**
 * The error for a sweep where some run level had no success (null when every level had one):
 * which levels failed, the server's most frequent message once, and a hint that fits it.
 */
export function failedRunsError(
  runs: readonly PerfRunResult[],
): { message: string; hint: string } | null {
  const failed = runs.filter(noneSucceeded);
  if (failed.length === 0) return null;
  const reasons = new Map<string, number>();
  for (const r of failed) {
    for (const f of r.extras.topFailures) {
      reasons.set(f.reason, (reasons.get(f.reason) ?? 0) + f.count);
    }
  }
  const top = [...reasons.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const names = failed.map((r) => r.name).join(", ");
  const message = `Cannot measure ${names}: no request succeeded` + (top ? ` (${top})` : "");
  let hint = "check --url, --model and the server's log; --debug prints every request and answer";
  if (top && /context|too long|exceeds|maximum.*length|max_model_len/i.test(top)) {
    hint = "the prompts are longer than the server's context: lower --max-prompt-length/" +
      "--max-tokens, give the server more context, or pass the model's tokenizer with " +
      "--tokenizer-path so prompt lengths are exact";
  } else if (top && /invalid tokens?|token id/i.test(top)) {
    hint = "the server rejected the prompt's tokens: pass the model's tokenizer with " +
      "--tokenizer-path (or --tokenizer-path server) so prompts are made of its own tokens";
  }
  return { message, hint };
}

/** The connections line, and a warning when the server closed the connection after every answer
 * (each request then pays a new connect, which TTFT and latency include). */
export function connectionLines(run: PerfRunResult): string[] {
  const x = run.extras;
  const counted = run.summary.total;
  if (counted === 0) return [];
  const c = x.connectMs;
  const lines = [
    `Connections: ${x.newConnections} of ${counted} requests opened a new connection` +
    (c.count > 0 ? ` (connect avg ${num(c.avg, 3)} ms, p99 ${num(c.p99, 3)} ms)` : ""),
  ];
  if (closesAfterEachAnswer(run)) {
    lines.push(
      "  ! the server closed the connection after every answer, so every request opened a new " +
        `one; TTFT and latency include that connect (avg ${num(c.avg, 3)} ms), as EvalScope's do`,
    );
  }
  return lines;
}

/** True when every counted request opened a new connection although the run had more requests
 * than its concurrency: the server keeps no connection after an answer. */
export function closesAfterEachAnswer(run: PerfRunResult): boolean {
  const counted = run.summary.total;
  return counted >= 4 && run.extras.newConnections === counted && counted > run.parallel;
}

/** Above this share of prompt tokens served from the server's cache, a run warns. */
export const CACHE_WARN_PCT = 50;

/** The prompt-cache line (when the server reports cached tokens) and a warning when the cache
 * served most of the prompts: TTFT then measures a cached prefill (not in multi-turn runs). */
export function promptCacheLines(run: PerfRunResult): string[] {
  const c = run.extras.promptCache;
  if (c.reported === 0) return [];
  const pct = c.promptTokens > 0 ? (c.cachedTokens / c.promptTokens) * 100 : 0;
  const lines = [
    `Prompt cache: ${c.cachedTokens} of ${c.promptTokens} prompt tokens served from the ` +
    `server's cache (${fixed(pct, 1)}%, on ${c.reported} successes that reported it)`,
  ];
  // In a multi-turn run the cache serving the earlier turns is the point, not a flaw.
  if (pct > CACHE_WARN_PCT && run.traceSummary === undefined) {
    lines.push(
      `  ! the server's prefix cache served ${
        fixed(pct, 1)
      }% of the prompt tokens: TTFT measures ` +
        "a cached prefill; send distinct prompts (--dataset random) or turn the cache off",
    );
  }
  return lines;
}
