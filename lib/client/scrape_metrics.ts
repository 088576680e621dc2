/**
 * One scrape of a model server's Prometheus page (`GET /metrics`): the text, read with Deno's
 * `fetch` (a scrape runs on its own thread, where fetch's cost per call does not matter), and
 * parsed into the samples a caller keeps.
 *
 * @module
 */
import { parsePromText, type PromSample } from "./prometheus_text.ts";

/** Options of {@linkcode scrapeMetrics}. */
export interface ScrapeOptions {
  /** Give up after this long, ms. */
  timeoutMs: number;
  headers?: Record<string, string>;
  /** Keep only the samples whose name this accepts. */
  keep?: (name: string) => boolean;
  signal?: AbortSignal;
}

/**
 * What one scrape gave: the samples, or why there are none. `atMs` is when the answer's headers
 * came (`performance.now()`): the server wrote the page just before, so its values are of then.
 */
export type ScrapeResult =
  | { ok: true; samples: PromSample[]; invalidLines: number; atMs: number }
  | { ok: false; error: string; atMs: number };

/** Scrapes `url` once; never throws for a failed exchange. */
export async function scrapeMetrics(url: string, options: ScrapeOptions): Promise<ScrapeResult> {
  const signals = [AbortSignal.timeout(options.timeoutMs)];
  if (options.signal) signals.push(options.signal);
  try {
    const res = await fetch(url, {
      headers: { accept: "text/plain;version=0.0.4", ...options.headers },
      signal: AbortSignal.any(signals),
    });
    const atMs = performance.now();
    const text = await res.text();
    if (!res.ok) return { ok: false, error: `HTTP ${res.status}`, atMs };
    if (/^\s*[{[]/.test(text)) {
      return { ok: false, error: "the answer is JSON, not Prometheus text", atMs };
    }
    const page = parsePromText(text, { keep: options.keep });
    return { ok: true, samples: page.samples, invalidLines: page.invalid.length, atMs };
  } catch (e) {
    const err = e as Error;
    return {
      ok: false,
      error: err.name === "TimeoutError" ? `no answer in ${options.timeoutMs} ms` : err.message,
      atMs: performance.now(),
    };
  }
}
