/**
 * The server's own metrics over a run's measured window: what its Prometheus `/metrics` page
 * (vLLM's current and older names, SGLang's) says about the requests lmeter sent. Pure: scrapes
 * in, figures out, with Prometheus' semantics (lib/metrics/prom_window.ts).
 *
 * @module
 */
import {
  bracketIncrease,
  type Bucket,
  bucketQuantile,
  gaugeStats,
  type IncreaseMethod,
  type Point,
  type Window,
  windowIncrease,
} from "./prom_window.ts";
import { round } from "./round.ts";

/** One sample of a scrape (lib/client's `PromSample`, structurally). */
export interface ScrapedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** One scrape of one `/metrics` URL: its samples, or why it failed. */
export interface Scrape {
  /** Epoch ms when the answer was read. */
  t: number;
  source: string;
  samples?: ScrapedSample[];
  error?: string;
}

/**
 * The families lmeter reads, each a list of names tried in order (vLLM's current name first,
 * then its older one, then SGLang's). Counters carry the `_total` of the text format.
 */
export const SERVER_METRIC_NAMES = {
  requests: ["vllm:request_success_total", "sglang:num_requests_total"],
  promptTokens: ["vllm:prompt_tokens_total", "sglang:prompt_tokens_total"],
  generationTokens: ["vllm:generation_tokens_total", "sglang:generation_tokens_total"],
  prefixQueries: ["vllm:prefix_cache_queries_total", "vllm:gpu_prefix_cache_queries_total"],
  prefixHits: ["vllm:prefix_cache_hits_total", "vllm:gpu_prefix_cache_hits_total"],
  cachedTokens: ["sglang:cached_tokens_total"],
  cacheHitRateGauge: ["sglang:cache_hit_rate"],
  specDrafts: ["vllm:spec_decode_num_drafts_total"],
  specDraftTokens: ["vllm:spec_decode_num_draft_tokens_total"],
  specAccepted: ["vllm:spec_decode_num_accepted_tokens_total"],
  specAcceptRateGauge: ["sglang:spec_accept_rate"],
  specAcceptLengthGauge: ["sglang:spec_accept_length"],
  kvUsage: ["vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "sglang:token_usage"],
  running: ["vllm:num_requests_running", "sglang:num_running_reqs"],
  waiting: ["vllm:num_requests_waiting", "sglang:num_queue_reqs"],
  preemptions: ["vllm:num_preemptions_total"],
  ttft: ["vllm:time_to_first_token_seconds", "sglang:time_to_first_token_seconds"],
  itl: [
    "vllm:inter_token_latency_seconds",
    "vllm:time_per_output_token_seconds",
    "sglang:inter_token_latency_seconds",
    "sglang:time_per_output_token_seconds",
  ],
  queue: ["vllm:request_queue_time_seconds", "sglang:queue_time_seconds"],
  e2e: ["vllm:e2e_request_latency_seconds", "sglang:e2e_request_latency_seconds"],
} as const;

const HISTOGRAMS = new Set<string>([
  ...SERVER_METRIC_NAMES.ttft,
  ...SERVER_METRIC_NAMES.itl,
  ...SERVER_METRIC_NAMES.queue,
  ...SERVER_METRIC_NAMES.e2e,
]);
const KEPT = new Set<string>([
  ...Object.values(SERVER_METRIC_NAMES).flat().filter((n) => !HISTOGRAMS.has(n)),
  ...[...HISTOGRAMS].flatMap((n) => [`${n}_bucket`, `${n}_sum`, `${n}_count`]),
]);

/** True for the sample names lmeter keeps from a page (everything else is dropped at once). */
export function isServerMetricName(name: string): boolean {
  return KEPT.has(name);
}

/** A histogram over the window, in ms. */
export interface ServerHistogram {
  /** Observations in the window. */
  count: number;
  meanMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
}

/** A gauge over the window. */
export interface ServerGauge {
  max: number;
  mean: number;
}

/** What the server's metrics say about one run's window. */
export interface ServerMetricsSummary {
  sources: string[];
  /** `vllm`, `sglang`, or `unknown` when neither's names were found. */
  engine: "vllm" | "sglang" | "unknown";
  /** The measured window (epoch ms) and its length. */
  window: { startMs: number; endMs: number; durationS: number };
  scrapes: number;
  scrapeErrors: number;
  /** Scrapes inside the window (its edges included). */
  scrapesInWindow: number;
  /** How the counters' increases were computed (`extrapolated` when an edge lacked a scrape). */
  increaseMethod: IncreaseMethod | null;
  /** Counter resets seen inside the window (a server restart). */
  counterResets: number;
  /** Requests the server finished in the window (interpolated). */
  requests: number | null;
  /** Requests the server finished from the scrape before the window to the one after: exact. */
  requestsAround: number | null;
  promptTokens: number | null;
  generationTokens: number | null;
  /** Generated tokens per second of the window. */
  outputTps: number | null;
  /** Δhits / Δqueries × 100 (vLLM), Δcached / Δprompt × 100 (SGLang), else SGLang's gauge mean. */
  prefixCacheHitRatePct: number | null;
  prefixCacheFrom: "counters" | "gauge" | null;
  /** Δaccepted / Δdraft tokens × 100 (vLLM), or SGLang's gauge mean × 100. */
  specAcceptRatePct: number | null;
  /** 1 + Δaccepted / Δdrafts (vLLM), or SGLang's gauge mean. */
  specMeanAcceptanceLength: number | null;
  specDrafts: number | null;
  specDraftTokens: number | null;
  specAcceptedTokens: number | null;
  /** Highest KV-cache usage scraped in the window, % (the busiest engine). */
  kvCacheUsageMaxPct: number | null;
  running: ServerGauge | null;
  waiting: ServerGauge | null;
  preemptions: number | null;
  ttft: ServerHistogram | null;
  itl: ServerHistogram | null;
  queue: ServerHistogram | null;
  e2e: ServerHistogram | null;
  /** Things the reader must know (short window, failed scrapes, resets). */
  notes: string[];
}

interface Series {
  labels: Record<string, string>;
  points: Point[];
}

/** The scrapes as series: name → series key (source and labels) → points in time order. */
export function seriesOf(scrapes: readonly Scrape[]): Map<string, Map<string, Series>> {
  const out = new Map<string, Map<string, Series>>();
  const sorted = [...scrapes].sort((a, b) => a.t - b.t);
  for (const s of sorted) {
    for (const sample of s.samples ?? []) {
      let byKey = out.get(sample.name);
      if (!byKey) out.set(sample.name, byKey = new Map());
      const key = `${s.source}\u0000${labelKey(sample.labels)}`;
      let series = byKey.get(key);
      if (!series) byKey.set(key, series = { labels: sample.labels, points: [] });
      series.points.push({ t: s.t, v: sample.value });
    }
  }
  return out;
}

function labelKey(labels: Record<string, string>): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join("\u0001");
}

/** Options of {@linkcode summarizeServerMetrics}. */
export interface SummarizeServerMetricsOptions {
  /** The scrape interval, ms (a window shorter than two intervals gets a note). */
  intervalMs: number;
}

/** Summarises the scrapes over `window` (epoch ms). */
export function summarizeServerMetrics(
  scrapes: readonly Scrape[],
  window: Window,
  options: SummarizeServerMetricsOptions,
): ServerMetricsSummary {
  const series = seriesOf(scrapes);
  const n = SERVER_METRIC_NAMES;
  const tally: Tally = { methods: new Set(), resets: 0 };
  const pick = (names: readonly string[]) => names.find((name) => series.has(name));
  const increase = (names: readonly string[]): number | null => {
    const name = pick(names);
    return name ? sumIncrease(series.get(name), window, tally) : null;
  };
  const around = (names: readonly string[]): number | null => {
    const name = pick(names);
    if (!name) return null;
    let total = 0;
    for (const s of series.get(name)!.values()) {
      const inc = bracketIncrease(s.points, window);
      if (inc === null) return null;
      total += inc;
    }
    return total;
  };
  const gauge = (names: readonly string[], combine: "sum" | "max") => {
    const name = pick(names);
    return name ? gaugeStats(combined(series.get(name)!, combine), window) : null;
  };
  const histogram = (names: readonly string[]) =>
    windowHistogram(series, names.find((name) => series.has(`${name}_bucket`)), window);

  const durationS = (window.end - window.start) / 1000;
  const requests = increase(n.requests);
  const promptTokens = increase(n.promptTokens);
  const generationTokens = increase(n.generationTokens);
  const hits = increase(n.prefixHits);
  const queries = increase(n.prefixQueries);
  const cached = increase(n.cachedTokens);
  const hitGauge = gauge(n.cacheHitRateGauge, "sum");
  let prefixCacheHitRatePct: number | null = null;
  let prefixCacheFrom: ServerMetricsSummary["prefixCacheFrom"] = null;
  if (hits !== null && queries !== null && queries > 0) {
    prefixCacheHitRatePct = (hits / queries) * 100;
    prefixCacheFrom = "counters";
  } else if (cached !== null && promptTokens !== null && promptTokens > 0) {
    prefixCacheHitRatePct = (cached / promptTokens) * 100;
    prefixCacheFrom = "counters";
  } else if (hitGauge) {
    prefixCacheHitRatePct = hitGauge.mean * 100;
    prefixCacheFrom = "gauge";
  }
  const drafts = increase(n.specDrafts);
  const draftTokens = increase(n.specDraftTokens);
  const accepted = increase(n.specAccepted);
  let specAcceptRatePct: number | null = null;
  let specMeanAcceptanceLength: number | null = null;
  if (accepted !== null && draftTokens !== null && draftTokens > 0) {
    specAcceptRatePct = (accepted / draftTokens) * 100;
  } else {
    const g = gauge(n.specAcceptRateGauge, "sum");
    if (g) specAcceptRatePct = g.mean * 100;
  }
  if (accepted !== null && drafts !== null && drafts > 0) {
    specMeanAcceptanceLength = 1 + accepted / drafts;
  } else {
    const g = gauge(n.specAcceptLengthGauge, "sum");
    if (g) specMeanAcceptanceLength = g.mean;
  }
  const kv = gauge(n.kvUsage, "max");
  const running = gauge(n.running, "sum");
  const waiting = gauge(n.waiting, "sum");
  const preemptions = increase(n.preemptions);

  const scrapesInWindow = new Set(
    scrapes.filter((s) => s.t >= window.start && s.t <= window.end).map((s) => s.t),
  ).size;
  const errors = scrapes.filter((s) => s.error !== undefined);
  const notes: string[] = [];
  if (durationS * 1000 < 2 * options.intervalMs) {
    notes.push(
      `the window (${round(durationS, 3)} s) is shorter than two scrape intervals ` +
        `(${options.intervalMs} ms): gauges were read ${scrapesInWindow} time(s) in it`,
    );
  }
  if (errors.length > 0) {
    notes.push(`${errors.length} scrape(s) failed (first: ${errors[0].error})`);
  }
  if (tally.resets > 0) {
    notes.push(
      `${tally.resets} counter reset(s) in the window (server restart?): increases add them back`,
    );
  }
  const names = new Set(series.keys());
  const engine = [...names].some((x) => x.startsWith("vllm:"))
    ? "vllm"
    : [...names].some((x) => x.startsWith("sglang:"))
    ? "sglang"
    : "unknown";
  const r4 = (v: number | null) => (v === null ? null : round(v, 4));
  return {
    sources: [...new Set(scrapes.map((s) => s.source))],
    engine,
    window: { startMs: window.start, endMs: window.end, durationS: round(durationS, 4) },
    scrapes: scrapes.length,
    scrapeErrors: errors.length,
    scrapesInWindow,
    increaseMethod: tally.methods.has("extrapolated")
      ? "extrapolated"
      : tally.methods.has("interpolated")
      ? "interpolated"
      : null,
    counterResets: tally.resets,
    requests: r4(requests),
    requestsAround: around(n.requests),
    promptTokens: r4(promptTokens),
    generationTokens: r4(generationTokens),
    outputTps: generationTokens !== null && durationS > 0
      ? round(generationTokens / durationS, 4)
      : null,
    prefixCacheHitRatePct: r4(prefixCacheHitRatePct),
    prefixCacheFrom,
    specAcceptRatePct: r4(specAcceptRatePct),
    specMeanAcceptanceLength: r4(specMeanAcceptanceLength),
    specDrafts: r4(drafts),
    specDraftTokens: r4(draftTokens),
    specAcceptedTokens: r4(accepted),
    kvCacheUsageMaxPct: kv ? round(kv.max * 100, 4) : null,
    running: running ? { max: running.max, mean: round(running.mean, 4) } : null,
    waiting: waiting ? { max: waiting.max, mean: round(waiting.mean, 4) } : null,
    preemptions: r4(preemptions),
    ttft: histogram(n.ttft),
    itl: histogram(n.itl),
    queue: histogram(n.queue),
    e2e: histogram(n.e2e),
    notes,
  };
}

/**
 * A gauge's series combined per scrape: summed over its series (requests running on every
 * engine) or their maximum (the fullest KV cache). Scrapes of one source share their time.
 */
function combined(bySeries: Map<string, Series>, how: "sum" | "max"): Point[] {
  const at = new Map<number, number>();
  for (const s of bySeries.values()) {
    for (const p of s.points) {
      const prev = at.get(p.t);
      at.set(p.t, prev === undefined ? p.v : how === "sum" ? prev + p.v : Math.max(prev, p.v));
    }
  }
  return [...at.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ t, v }));
}

/** A histogram's window: every bucket's increase (summed over series by `le`), then quantiles. */
function windowHistogram(
  series: Map<string, Map<string, Series>>,
  name: string | undefined,
  window: Window,
): ServerHistogram | null {
  if (!name) return null;
  const byLe = new Map<number, number>();
  for (const s of series.get(`${name}_bucket`)?.values() ?? []) {
    const le = s.labels.le === "+Inf" ? Infinity : Number(s.labels.le);
    const inc = windowIncrease(s.points, window);
    if (inc === null || Number.isNaN(le)) continue;
    byLe.set(le, (byLe.get(le) ?? 0) + inc.value);
  }
  if (byLe.size === 0) return null;
  const sum = sumIncrease(series.get(`${name}_sum`), window);
  const count = sumIncrease(series.get(`${name}_count`), window);
  const buckets: Bucket[] = [...byLe.entries()].map(([le, c]) => ({ le, count: c }));
  const q = (p: number) => {
    const v = bucketQuantile(p, buckets);
    return Number.isFinite(v) ? round(v * 1000, 4) : null;
  };
  const observed = count ?? byLe.get(Infinity) ?? 0;
  return {
    count: round(observed, 4),
    meanMs: sum !== null && observed > 0 ? round((sum / observed) * 1000, 4) : null,
    p50Ms: q(0.5),
    p90Ms: q(0.9),
    p99Ms: q(0.99),
  };
}

/** How a run's counter increases were computed (methods used, resets met). */
interface Tally {
  methods: Set<IncreaseMethod>;
  resets: number;
}

/** The increase of a counter summed over its series (null when no series has one). */
function sumIncrease(
  bySeries: Map<string, Series> | undefined,
  window: Window,
  tally?: Tally,
): number | null {
  if (!bySeries) return null;
  let total = 0;
  let any = false;
  for (const s of bySeries.values()) {
    const inc = windowIncrease(s.points, window);
    if (inc === null) continue;
    total += inc.value;
    any = true;
    tally?.methods.add(inc.method);
    if (tally) tally.resets += inc.resets;
  }
  return any ? total : null;
}

/** Mean and percentiles of a latency, ms (null where not available). */
export interface LatencyFigures {
  meanMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
}

/** What lmeter itself measured in the same run, to set beside the server's figures. */
export interface ClientSide {
  /** Requests lmeter sent in the window (counted ones: successes, failures, cancelled). */
  sent: number;
  /** Successful requests. */
  succeeded: number;
  ttft: LatencyFigures;
  itl: LatencyFigures;
  /** EvalScope's `Avg Decoded Tok/Iter` L (null when no success had L > 1). */
  decodedPerIter: number | null;
  /** EvalScope's `Spec. Accept Rate` 1 − 1/L, in %: an estimate from chunk counts. */
  specAcceptRateEstimatePct: number | null;
}

/** A run's server metrics, lmeter's own figures beside them, and the warnings they call for. */
export interface ServerMetricsReport {
  server: ServerMetricsSummary;
  client: ClientSide;
  /** Client mean TTFT − server mean TTFT, ms: time outside the engine (network, HTTP, tokenizing). */
  ttftGapMs: number | null;
  /** Client mean ITL − server mean ITL, ms. */
  itlGapMs: number | null;
  warnings: string[];
}

/** Sets the server's summary beside lmeter's figures and says what does not add up. */
export function serverMetricsReport(
  server: ServerMetricsSummary,
  client: ClientSide,
): ServerMetricsReport {
  const warnings: string[] = [];
  const ok = server.scrapes - server.scrapeErrors;
  if (ok === 0) {
    warnings.push(
      `server metrics: no scrape of ${server.sources.join(", ")} succeeded` +
        (server.notes.length ? ` (${server.notes.join("; ")})` : ""),
    );
  } else if (server.engine === "unknown") {
    warnings.push(
      `server metrics: ${server.sources.join(", ")} shows none of vLLM's or SGLang's metrics ` +
        "(SGLang needs --enable-metrics)",
    );
  }
  const served = server.requestsAround ?? server.requests;
  if (served !== null && served > client.sent + (server.requestsAround === null ? 0.5 : 0)) {
    warnings.push(
      `server metrics: the server finished ${round(served, 2)} requests during the run, lmeter ` +
        `sent ${client.sent}: another client's requests were on the server, and its figures ` +
        "(cache hit rate, KV usage, latencies) include them",
    );
  }
  const gap = (c: number | null, s: number | null | undefined) =>
    c !== null && s !== null && s !== undefined ? round(c - s, 4) : null;
  return {
    server,
    client,
    ttftGapMs: gap(client.ttft.meanMs, server.ttft?.meanMs),
    itlGapMs: gap(client.itl.meanMs, server.itl?.meanMs),
    warnings,
  };
}
