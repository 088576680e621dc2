/**
 * `--server-metrics`: the server's Prometheus page scraped during each run, on a thread of its
 * own (a vLLM page is 100–300 KB of text; parsing it must not delay the thread that timestamps
 * streams). For each run the worker scrapes once before the timed phase starts (the baseline),
 * then every `--server-metrics-interval`, then once after the last request ended; it appends every
 * scrape to the run's `server_metrics.jsonl` and, told the measured window, summarises it
 * (lib/metrics/server_metrics.ts).
 *
 * The worker starts from the same entry as every job and inherits the perf job's permissions
 * (the scrape URLs are in its net scope).
 *
 * @module
 */
import { scrapeMetrics } from "../client/scrape_metrics.ts";
import {
  isServerMetricName,
  type Scrape,
  type ServerMetricsSummary,
  summarizeServerMetrics,
} from "../metrics/server_metrics.ts";
import type { Window } from "../metrics/prom_window.ts";
import { startStreamingJob } from "../worker/stream_job.ts";
import type { JobContext } from "../worker/job.ts";
import { errorFromWire, errorToWire, type ToWorker, type WireError } from "../worker/protocol.ts";

/** What the scraper needs (`PerfConfig.serverMetrics`). */
export interface ServerMetricsConfig {
  /** The `/metrics` URLs. */
  urls: string[];
  /** Between two scrapes, ms. */
  intervalMs: number;
  /** Headers sent to each URL (the target's own headers for a URL on the target's host). */
  headers: Record<string, Record<string, string>>;
}

/** Main → worker. */
type Down =
  | { op: "begin"; file: string }
  | { op: "end"; window: Window }
  | { op: "stop" };

/** Worker → main. */
type Up =
  | { op: "ready" }
  | { op: "begun" }
  | { op: "summary"; summary: ServerMetricsSummary }
  | { op: "error"; error: WireError };

/** Epoch ms on a monotonic clock (the same on every thread of the process). */
export function epochMs(monotonicMs = performance.now()): number {
  return performance.timeOrigin + monotonicMs;
}

/** The worker side of `perf-server-metrics`. */
export async function serverMetricsJob(input: unknown, ctx: JobContext): Promise<null> {
  const config = input as ServerMetricsConfig;
  const stream = ctx.stream;
  if (!stream) throw new Error("the perf-server-metrics job needs a stream");
  const encoder = new TextEncoder();
  type Run = {
    scrapes: Scrape[];
    file: Deno.FsFile;
    timer?: ReturnType<typeof setInterval>;
    busy: Promise<void>;
  };
  let run = null as Run | null;
  const scrapeAll = async (): Promise<void> => {
    const r = run;
    if (!r) return;
    const got = await Promise.all(config.urls.map(async (url): Promise<Scrape> => {
      const res = await scrapeMetrics(url, {
        timeoutMs: Math.max(1000, config.intervalMs),
        headers: config.headers[url],
        keep: isServerMetricName,
        signal: ctx.signal,
      });
      const t = epochMs(res.atMs);
      return res.ok
        ? { t, source: url, samples: res.samples }
        : { t, source: url, error: res.error };
    }));
    for (const s of got) {
      r.scrapes.push(s);
      await r.file.write(encoder.encode(jsonLine(s)));
    }
  };
  const tick = () => {
    const r = run;
    if (!r) return;
    r.busy = r.busy.then(scrapeAll);
  };
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  ctx.signal.addEventListener("abort", () => stop(), { once: true });
  stream.onData(async (data) => {
    const m = data as Down;
    try {
      if (m.op === "begin") {
        const file = await Deno.open(m.file, { create: true, write: true, truncate: true });
        run = { scrapes: [], file, busy: Promise.resolve() };
        await scrapeAll();
        run.timer = setInterval(tick, config.intervalMs);
        stream.post({ op: "begun" } satisfies Up);
      } else if (m.op === "end") {
        const r = run;
        if (!r) throw new Error("end without begin");
        clearInterval(r.timer);
        await r.busy;
        await scrapeAll();
        run = null;
        r.file.close();
        const summary = summarizeServerMetrics(r.scrapes, m.window, {
          intervalMs: config.intervalMs,
        });
        stream.post({ op: "summary", summary } satisfies Up);
      } else if (m.op === "stop") {
        stop();
      }
    } catch (e) {
      stream.post({ op: "error", error: errorToWire(e) } satisfies Up);
    }
  });
  stream.post({ op: "ready" } satisfies Up);
  await stopped;
  const left = run as Run | null;
  if (left) {
    clearInterval(left.timer);
    left.file.close();
  }
  return null;
}

/** A scrape as one line of `server_metrics.jsonl` (±∞ and NaN written as Prometheus spells them). */
export function jsonLine(s: Scrape): string {
  return JSON.stringify({
    t: Math.round(s.t * 1000) / 1000,
    source: s.source,
    ...(s.error !== undefined ? { error: s.error } : {}),
    ...(s.samples
      ? {
        samples: s.samples.map((x) => ({
          name: x.name,
          labels: x.labels,
          value: Number.isFinite(x.value)
            ? x.value
            : x.value > 0
            ? "+Inf"
            : x.value < 0
            ? "-Inf"
            : "NaN",
        })),
      }
      : {}),
  }) + "\n";
}

/** The main side: one scraper thread for an invocation; {@linkcode begin}/{@linkcode end} per run. */
export class ServerMetricsScraper {
  #worker!: Worker;
  #waiting: { resolve: (up: Up) => void; reject: (e: Error) => void } | null = null;
  #failure: Error | null = null;

  private constructor() {}

  /** Starts the scraper thread. */
  static async start(config: ServerMetricsConfig): Promise<ServerMetricsScraper> {
    const s = new ServerMetricsScraper();
    s.#worker = await startStreamingJob({
      name: "lmeter-server-metrics",
      job: "perf-server-metrics",
      input: config,
      what: "the server-metrics scraper",
      onData(data) {
        const up = data as Up;
        const w = s.#waiting;
        s.#waiting = null;
        if (up.op === "error") w?.reject(errorFromWire(up.error));
        else w?.resolve(up);
      },
      onFail(e) {
        s.#failure = e;
        s.#waiting?.reject(e);
        s.#waiting = null;
      },
    });
    return s;
  }

  /** Starts a run's scrapes into `file`; resolves once the baseline scrape is written. */
  async begin(file: string): Promise<void> {
    await this.#ask({ op: "begin", file });
  }

  /** Ends the run's scrapes with a last one and summarises them over `window` (epoch ms). */
  async end(window: Window): Promise<ServerMetricsSummary> {
    const up = await this.#ask({ op: "end", window });
    if (up.op !== "summary") throw new Error("the server-metrics scraper answered out of turn");
    return up.summary;
  }

  /** Stops the thread. */
  close(): void {
    try {
      this.#worker.postMessage({ type: "stream", data: { op: "stop" } } satisfies ToWorker);
    } catch { /* already gone */ }
    this.#worker.terminate();
  }

  #ask(m: Down): Promise<Up> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<Up>((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#worker.postMessage({ type: "stream", data: m } satisfies ToWorker);
    });
  }
}
