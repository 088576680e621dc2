/**
 * "Server metrics": what the server's `/metrics` said over a run's window (`--server-metrics`),
 * beside lmeter's own figures, and why the two differ. Pure.
 *
 * @module
 */
import type { LatencyFigures, ServerHistogram } from "../../metrics/server_metrics.ts";
import type { PerfRunResult } from "../../results/perf/schema.ts";
import { gridTable } from "../../util/text_table.ts";
import { num } from "./format.ts";

/** The block printed under a run's tables; empty without `--server-metrics`. */
export function serverMetricsLines(run: PerfRunResult): string[] {
  const r = run.serverMetrics;
  if (!r) return [];
  const s = r.server;
  const c = r.client;
  const cache = run.extras.promptCache;
  const clientCachePct = cache.reported > 0 && cache.promptTokens > 0
    ? (cache.cachedTokens / cache.promptTokens) * 100
    : null;
  const pair = (a: { max: number; mean: number } | null) =>
    a ? `${num(a.max)} / ${num(a.mean, 2)}` : "-";
  const lat = (h: LatencyFigures | ServerHistogram | null) =>
    h ? `${num(h.meanMs, 2)} / ${num(h.p50Ms, 2)} / ${num(h.p90Ms, 2)} / ${num(h.p99Ms, 2)}` : "-";
  const rows: string[][] = [
    ["Requests", num(s.requestsAround ?? s.requests), `${c.sent} sent`],
    ["Server Output Throughput (tok/s)", num(s.outputTps, 2), num(run.summary.outputTps, 2)],
    [
      "Server Prefix Cache Hit Rate (%)",
      num(s.prefixCacheHitRatePct, 2) + (s.prefixCacheFrom === "gauge" ? " (gauge)" : ""),
      clientCachePct === null ? "-" : `${num(clientCachePct, 2)} (usage)`,
    ],
    [
      "Server Spec Accept Rate (%)",
      num(s.specAcceptRatePct, 2),
      c.specAcceptRateEstimatePct === null
        ? "-"
        : `${num(c.specAcceptRateEstimatePct, 2)} (estimate 1−1/L)`,
    ],
    [
      "Server Mean Acceptance Length",
      num(s.specMeanAcceptanceLength, 4),
      c.decodedPerIter === null ? "-" : `${num(c.decodedPerIter, 4)} (L, tokens/chunk)`,
    ],
    ["Max KV Cache Usage (%)", num(s.kvCacheUsageMaxPct, 2), "-"],
    ["Running Requests (max / mean)", pair(s.running), "-"],
    ["Waiting Requests (max / mean)", pair(s.waiting), "-"],
    ["Preemptions", num(s.preemptions), "-"],
    ["Queue Time ms (mean / p50 / p90 / p99)", lat(s.queue), "-"],
    ["TTFT ms (mean / p50 / p90 / p99)", lat(s.ttft), lat(c.ttft)],
    ["ITL ms (mean / p50 / p90 / p99)", lat(s.itl), lat(c.itl)],
  ];
  const head = `Server metrics (${s.engine}, ${s.sources.join(", ")}): ${s.scrapes} scrapes, ` +
    `${s.scrapesInWindow} inside the ${num(s.window.durationS, 3)} s window` +
    (s.increaseMethod ? `, counters ${s.increaseMethod} at its edges` : "");
  const lines = [
    head,
    gridTable(["Figure", "Server", "lmeter"], rows, { align: ["left", "right", "right"] }),
  ];
  if (r.ttftGapMs !== null) {
    lines.push(
      `TTFT: lmeter's mean is ${num(r.ttftGapMs, 2)} ms above the server's. The server times ` +
        "from the moment its engine took the request (its queue time included" +
        (s.queue?.meanMs !== null && s.queue?.meanMs !== undefined
          ? `: ${num(s.queue.meanMs, 2)} ms on average`
          : "") +
        "); lmeter adds the request's trip, connecting, HTTP handling and tokenizing before " +
        "that, and the first chunk's trip back.",
    );
  }
  if (r.itlGapMs !== null) {
    lines.push(
      `ITL: lmeter's mean is ${num(r.itlGapMs, 2)} ms from the server's. The server times ` +
        "its decode steps; lmeter times chunk arrivals, which the network and the server's " +
        "streaming bunch or spread (and lmeter pools gaps of every request, the server too).",
    );
  }
  for (const n of s.notes) lines.push(`  note: ${n}`);
  for (const w of r.warnings) lines.push(`  ! ${w}`);
  return lines;
}
