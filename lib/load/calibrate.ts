/**
 * Self-calibration: how much load this client can generate, measured against lmeter's own
 * simulator told to answer instantly (TTFT 0, ITL 0). Two saturating phases — short answers
 * and long streams — give the client's time per request and per streamed event; a light phase
 * at concurrency 1 gives the TTFT the client (plus loopback and simulator) adds by itself, on a
 * kept connection and, with a new client per request, when every request opens a new connection
 * (what a server that closes after each answer costs: its connect is inside TTFT).
 * Runs' loads are then expressed as a share of that ceiling.
 *
 * @module
 */
import { mean, percentileOf, sortedFinite } from "../metrics/percentile.ts";
import { round } from "../metrics/round.ts";
import type { Calibration } from "../results/perf/schema.ts";
import { dispatch, type PostClient } from "./dispatch.ts";
import type { PreparedRequest } from "./request_builder.ts";
import type { Timer } from "./timer.ts";

/** Options of {@linkcode calibrate}. */
export interface CalibrateOptions {
  /** A chat/completions URL of a simulator answering with TTFT 0 and ITL 0. */
  url: string;
  client: PostClient;
  /** Concurrency of the saturating phases. */
  concurrency: number;
  /** Makes a client with no kept connection, for the new-connection phase (skipped without it). */
  freshClient?: () => PostClient & { close(): void };
  /** Duration of each saturating phase, ms (default 700). */
  phaseMs?: number;
  signal?: AbortSignal;
  /** The clock the phases are timed on (default: the real one; tests inject a virtual one). */
  timer?: Timer;
}

function request(maxTokens: number): PreparedRequest {
  return {
    body: {
      model: "lmeter-calibration",
      messages: [{ role: "user", content: "calibrate" }],
      max_tokens: maxTokens,
      min_tokens: maxTokens,
      ignore_eos: true,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    },
    maxTokens,
    exactOutput: true,
    targetPromptTokens: null,
  };
}

async function phase(
  o: CalibrateOptions,
  opts: {
    maxTokens: number;
    concurrency: number;
    durationMs?: number;
    count?: number;
    client?: PostClient;
  },
): Promise<{ requests: number; events: number; wallMs: number; ttftMs: number[] }> {
  const body = request(opts.maxTokens);
  let left = opts.count ?? Infinity;
  let requests = 0;
  let events = 0;
  const ttftMs: number[] = [];
  const stats = await dispatch({
    client: opts.client ?? o.client,
    url: o.url,
    source: { next: () => Promise.resolve(left-- > 0 ? body : undefined) },
    parallel: opts.concurrency,
    arrivals: null,
    durationMs: opts.durationMs,
    timer: o.timer,
    signal: o.signal,
    onResult({ result: r }) {
      if (r.outcome !== "success") return;
      requests++;
      events += r.chunks;
      if (r.timing.firstChoiceEvent !== null) {
        ttftMs.push(r.timing.firstChoiceEvent - r.timing.sent);
      }
    },
  });
  return { requests, events, wallMs: stats.endMs - stats.startMs, ttftMs };
}

/** Measures the client's ceiling; null when the simulator gave no answers. */
export async function calibrate(o: CalibrateOptions): Promise<Calibration | null> {
  const started = performance.now();
  const phaseMs = o.phaseMs ?? 700;
  await phase(o, { maxTokens: 4, concurrency: Math.min(o.concurrency, 32), count: 64 }); // warm sockets
  const short = await phase(o, { maxTokens: 1, concurrency: o.concurrency, durationMs: phaseMs });
  const long = await phase(o, { maxTokens: 96, concurrency: o.concurrency, durationMs: phaseMs });
  const light = await phase(o, { maxTokens: 4, concurrency: 1, count: 30 });
  const fresh = o.freshClient ? await freshPhase(o, o.freshClient) : null;
  if (short.requests === 0 || long.requests === 0 || light.requests === 0) return null;
  const tA = short.wallMs / 1000 / short.requests; // s per short request
  const tB = long.wallMs / 1000 / long.requests;
  const eA = short.events / short.requests;
  const eB = long.events / long.requests;
  let perEvent = eB > eA ? (tB - tA) / (eB - eA) : tB / eB;
  if (!(perEvent > 0)) perEvent = tB / eB;
  const perRequest = Math.max(0, tA - perEvent * eA);
  const ttft = sortedFinite(light.ttftMs);
  return {
    concurrency: o.concurrency,
    maxReqPerS: round(1 / tA, 1),
    maxEventsPerS: round(eB / tB, 0),
    addedTtftMs: stats3(ttft),
    addedTtftNewConnectionMs: fresh && fresh.length ? stats3(fresh) : null,
    costPerRequestUs: round(perRequest * 1e6, 2),
    costPerEventUs: round(perEvent * 1e6, 3),
    durationS: round((performance.now() - started) / 1000, 2),
  };
}

/**
 * The share (%) of the measured ceiling a run's load used: `(req/s · a + events/s · b) × 100`,
 * with `a` and `b` the client's measured cost per request and per event (docs/perf-metrics.md).
 */
export function ceilingUsedPct(
  load: { reqPerS: number; eventsPerS: number },
  cal: Pick<Calibration, "costPerRequestUs" | "costPerEventUs">,
): number {
  return round(
    ((load.reqPerS * cal.costPerRequestUs + load.eventsPerS * cal.costPerEventUs) / 1e6) * 100,
    2,
  );
}

function stats3(sorted: Float64Array): { avg: number; p50: number; p99: number } {
  return {
    avg: round(mean(sorted), 3),
    p50: round(percentileOf(sorted, 50), 3),
    p99: round(percentileOf(sorted, 99), 3),
  };
}

/** TTFTs at concurrency 1 where every request opens a new connection (one client each). */
async function freshPhase(
  o: CalibrateOptions,
  make: () => PostClient & { close(): void },
): Promise<Float64Array> {
  const ttft: number[] = [];
  for (let i = 0; i < 30 && !o.signal?.aborted; i++) {
    const client = make();
    try {
      const r = await phase(o, { maxTokens: 4, concurrency: 1, count: 1, client });
      ttft.push(...r.ttftMs);
    } finally {
      client.close();
    }
  }
  return sortedFinite(ttft);
}
