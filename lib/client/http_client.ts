/**
 * The one HTTP client lmeter uses to talk to model services.
 *
 * Built on lmeter's own HTTP/1.1 transport over Deno sockets ({@linkcode H1Pool}), which costs about
 * 2 µs of CPU per streamed chunk, where `node:http` costs 6–7 µs and `fetch` about 50 µs
 * (docs/PERFORMANCE.md). It never throws for a failed exchange: every outcome
 * is a {@linkcode CompletionResult} with a status and a reason.
 *
 * @module
 */
import { concatBytes } from "../util/bytes.ts";
import { type H1Handle, type H1Handlers, H1Pool } from "./h1.ts";
import { ResponseAccumulator } from "./accumulator.ts";
import { proxyFor } from "./proxy.ts";
import { maskText } from "./mask.ts";
import {
  backoffDelay,
  DEFAULT_RETRY,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
} from "./retry.ts";
import { SseParser } from "./sse_parser.ts";
import type { CompletionResult, ErrorKind, RequestTiming } from "./types.ts";
import type { Outcome } from "../metrics/outcome.ts";

/** How a client connects, authenticates, times out and retries. */
export interface ClientOptions {
  /** Sent as `Authorization: Bearer <key>`; masked in every message. `EMPTY` or "" sends none. */
  apiKey?: string;
  /** Extra headers on every request (a `--api-key` wins over an `Authorization` header here). */
  headers?: Record<string, string>;
  /** Max ms to open a connection. Default 30 000. */
  connectTimeoutMs?: number;
  /** Max ms between two bytes of a response (and before the first). Default: none. */
  readTimeoutMs?: number;
  /** Max ms for one attempt, from send to the last byte. Default: 6 h. */
  totalTimeoutMs?: number;
  /** Retry policy. Default {@linkcode DEFAULT_RETRY}; load tests pass `NO_RETRY`. */
  retry?: RetryPolicy;
  /** Max open sockets per host. Default: unlimited. */
  maxSockets?: number;
  /** Extra PEM certificate authorities to trust for `https:` URLs (self-signed endpoints). */
  caCerts?: string[];
  /** The HTTP proxy for a target URL, or null for a direct connection. Default: the
   * `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`/`NO_PROXY` environment, loopback never proxied
   * ({@linkcode proxyFor}). */
  proxy?: (url: URL) => URL | null;
  /** Random source for backoff jitter (tests inject a seeded one). */
  random?: () => number;
}

/** Per-request options. */
export interface SendOptions {
  /** When the schedule wanted this request sent (performance.now() ms). Default: now. */
  intendedSend?: number;
  /** Cancels the request; the result is an `error` with kind `aborted`. */
  signal?: AbortSignal;
  /** Keep every parsed event payload in `rawEvents` (debugging; costs memory). */
  keepEvents?: boolean;
  /** Headers for this request only. */
  headers?: Record<string, string>;
}

/** A plain JSON GET response (used for `/v1/models`). */
export interface JsonResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
const DEFAULT_TOTAL_TIMEOUT_MS = 6 * 3600_000;
const encoder = new TextEncoder();

/** An OpenAI-compatible HTTP client with exact timing, retries and masked secrets. */
export class HttpClient {
  readonly #options: ClientOptions;
  readonly #secrets: string[];
  readonly #headers: Record<string, string>;
  readonly #pool: H1Pool;

  constructor(options: ClientOptions = {}) {
    this.#options = options;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
    const key = options.apiKey;
    if (key && key !== "EMPTY") headers["authorization"] = `Bearer ${key}`;
    this.#headers = headers;
    this.#secrets = [key ?? "", ...Object.values(options.headers ?? {})].filter((s) =>
      s.length >= 8
    );
    this.#pool = new H1Pool({
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      maxSockets: options.maxSockets,
      caCerts: options.caCerts,
      proxy: options.proxy ?? ((url) => proxyFor(url)),
    });
  }

  /** POSTs a JSON body and reads the (streamed or plain) answer, retrying per the policy. */
  async post(url: string, body: unknown, options: SendOptions = {}): Promise<CompletionResult> {
    const payload = JSON.stringify(body);
    const policy = this.#options.retry ?? DEFAULT_RETRY;
    const intendedSend = options.intendedSend ?? performance.now();
    let result: CompletionResult | undefined;
    for (let attempt = 1;; attempt++) {
      result = await this.#attempt(url, payload, { ...options, intendedSend });
      result.attempts = attempt;
      if (result.outcome === "success" || attempt > policy.maxRetries) break;
      if (!isRetryable(result) || options.signal?.aborted) break;
      const retryAfter = parseRetryAfter(result.responseHeaders?.["retry-after"], Date.now());
      const delay = backoffDelay(attempt, {
        policy,
        retryAfterMs: retryAfter,
        random: this.#options.random,
      });
      if (!(await sleep(delay, options.signal))) break;
    }
    return result;
  }

  /** GETs a JSON document (for `/v1/models`); throws a user-facing error when unreachable. */
  getJson(url: string, options: { timeoutMs?: number } = {}): Promise<JsonResponse> {
    return this.#exchangeJson(url, { method: "GET", body: null, timeoutMs: options.timeoutMs });
  }

  /** POSTs a JSON body and reads a plain JSON answer (`/tokenize`, `/detokenize`); throws a
   * user-facing error when unreachable. */
  postJson(
    url: string,
    body: unknown,
    options: { timeoutMs?: number } = {},
  ): Promise<JsonResponse> {
    return this.#exchangeJson(url, {
      method: "POST",
      body: JSON.stringify(body),
      timeoutMs: options.timeoutMs,
    });
  }

  /** One plain request whose answer is read as JSON (its text when it is not JSON). */
  async #exchangeJson(
    url: string,
    o: { method: "GET" | "POST"; body: string | null; timeoutMs: number | undefined },
  ): Promise<JsonResponse> {
    const r = await this.#attempt(url, o.body, { intendedSend: performance.now() }, {
      method: o.method,
      totalTimeoutMs: o.timeoutMs ?? 30_000,
    });
    if (r.errorKind !== undefined && r.errorKind !== "http" && r.errorKind !== "parse") {
      throw new Error(`Cannot ${o.method} ${url}: ${r.error}`);
    }
    let body: unknown = r.text;
    try {
      body = JSON.parse(r.text);
    } catch { /* keep text */ }
    return { status: r.httpStatus ?? 0, body, headers: r.responseHeaders ?? {} };
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.#pool.close();
  }

  #attempt(
    url: string,
    payload: string | null,
    options: SendOptions & { intendedSend: number },
    raw?: { method: "GET" | "POST"; totalTimeoutMs: number },
  ): Promise<CompletionResult> {
    const acc = new ResponseAccumulator({ keepEvents: options.keepEvents });
    const timing: RequestTiming = {
      intendedSend: options.intendedSend,
      wallStart: Date.now(),
      sent: performance.now(),
      connectMs: null,
      newConnection: false,
      written: null,
      headers: null,
      firstByte: null,
      firstChoiceEvent: null,
      firstToken: null,
      events: acc.events,
      choiceEvents: acc.choiceEvents,
      tokenEvents: acc.tokenEvents,
      lastEvent: null,
      end: 0,
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return Promise.resolve(
        this.#finish(acc, timing, { httpStatus: null, streamed: false }, {
          kind: "network",
          message: `"${url}" is not a valid URL`,
        }),
      );
    }
    const headers: Record<string, string> = {
      "accept": raw ? "application/json" : "text/event-stream, application/json",
      // Compression would hide when each token arrived behind a decoder's buffering.
      "accept-encoding": "identity",
      "user-agent": "lmeter",
      ...this.#headers,
    };
    for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
    if (payload !== null) headers["content-type"] = "application/json";
    const readTimeout = this.#options.readTimeoutMs;
    const totalTimeout = raw?.totalTimeoutMs ?? this.#options.totalTimeoutMs ??
      DEFAULT_TOTAL_TIMEOUT_MS;

    return new Promise<CompletionResult>((resolve) => {
      let settled = false;
      let status: number | null = null;
      let streamed = false;
      let responseHeaders: Record<string, string> | undefined;
      let rawBody: string | undefined;
      // Set once the request starts; the callbacks above it may run only after that.
      const ctl: { timer?: ReturnType<typeof setTimeout>; handle?: H1Handle } = {};
      const settle = (failure?: { kind: ErrorKind; message: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(ctl.timer);
        options.signal?.removeEventListener("abort", onAbort);
        resolve(
          this.#finish(
            acc,
            timing,
            { httpStatus: status, streamed, responseHeaders, rawBody },
            failure,
          ),
        );
      };
      const fail = (kind: ErrorKind, message: string) => {
        settle({ kind, message });
        ctl.handle?.abort();
      };
      const onAbort = () => fail("aborted", "the request was cancelled");

      // Body handling is chosen when the head arrives: an SSE parser, or bytes kept whole.
      let parser: SseParser | null = null;
      const parts: Uint8Array[] = [];
      const events: { data: string }[] = [];
      const handlers: H1Handlers = {
        onConnection: (info) => {
          if (info.retry) {
            // The first attempt's connection had been closed by the server: time this one only.
            timing.wallStart += info.start - timing.sent;
            timing.sent = info.start;
            timing.written = null;
          }
          timing.connectMs = info.connectMs;
          timing.newConnection = !info.reused;
        },
        onWritten: (now) => (timing.written = now),
        onHead: (code, hdrs, now) => {
          timing.headers = now;
          status = code;
          responseHeaders = hdrs;
          streamed = (hdrs["content-type"] ?? "").includes("text/event-stream");
          const ok = code >= 200 && code < 300;
          const coding = (hdrs["content-encoding"] ?? "identity").trim().toLowerCase();
          if (coding !== "identity" && coding !== "") {
            return fail(
              "parse",
              `the server compressed its answer (content-encoding: ${coding}) although lmeter asked ` +
                "for none (accept-encoding: identity); turn compression off for this endpoint in " +
                "the proxy or server in front of the model",
            );
          }
          if (ok && streamed && !raw) parser = new SseParser();
        },
        onBody: (bytes, now) => {
          if (settled) return;
          if (timing.firstByte === null) timing.firstByte = now;
          if (parser === null) {
            parts.push(bytes.slice());
            return;
          }
          events.length = 0;
          parser.push(bytes, events);
          for (const ev of events) {
            if (acc.onEventData(ev.data, now) === "error") {
              return fail(acc.errorKind ?? "parse", acc.error ?? "bad event");
            }
          }
        },
        onEnd: (now) => {
          if (settled) return;
          if (parser === null) return settleWhole(now);
          const tail = parser.finish();
          const rest = tail.pending ? [...tail.events, tail.pending] : tail.events;
          for (const ev of rest) {
            if (acc.onEventData(ev.data, now) === "error") {
              // A trailing unterminated fragment that is not JSON is a cut stream, not garbage.
              if (ev === tail.pending && !acc.done) {
                return settle({ kind: "cut", message: cutMessage(acc.chunks) });
              }
              return settle({ kind: acc.errorKind ?? "parse", message: acc.error ?? "" });
            }
          }
          if (!acc.done) return settle({ kind: "cut", message: cutMessage(acc.chunks) });
          settle();
        },
        onFail: (f) => {
          if (settled) return;
          if (parser !== null && f.inBody && f.kind === "network") {
            if (acc.done) return settle();
            return settle({ kind: "cut", message: `${cutMessage(acc.chunks)} (${f.message})` });
          }
          settle({ kind: f.kind, message: f.message });
        },
      };
      const settleWhole = (now: number) => {
        const ok = status !== null && status >= 200 && status < 300;
        const text = new TextDecoder().decode(concatBytes(parts));
        if (raw) {
          rawBody = text;
          return settle(ok ? undefined : { kind: "http", message: `HTTP ${status}` });
        }
        if (!ok) return settle({ kind: "http", message: httpErrorMessage(status ?? 0, text) });
        if (acc.onBody(text, now) === "error") {
          return settle({ kind: acc.errorKind ?? "parse", message: acc.error ?? "" });
        }
        settle();
      };

      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
      ctl.timer = setTimeout(
        () => fail("timeout", `no complete answer within the total timeout of ${totalTimeout} ms`),
        totalTimeout,
      );
      timing.sent = performance.now();
      timing.wallStart = Date.now();
      ctl.handle = this.#pool.request({
        url: target,
        method: raw?.method ?? "POST",
        headers,
        body: payload === null ? null : encoder.encode(payload),
        readTimeoutMs: readTimeout,
      }, handlers);
    });
  }

  #finish(
    acc: ResponseAccumulator,
    timing: RequestTiming,
    meta: {
      httpStatus: number | null;
      streamed: boolean;
      responseHeaders?: Record<string, string>;
      rawBody?: string;
    },
    failure?: { kind: ErrorKind; message: string },
  ): CompletionResult {
    timing.end = performance.now();
    timing.firstChoiceEvent = acc.firstChoiceEvent;
    timing.firstToken = acc.firstToken;
    timing.lastEvent = acc.lastEvent;
    const result: CompletionResult = {
      outcome: failure ? failureOutcome(failure.kind) : "success",
      httpStatus: meta.httpStatus,
      streamed: meta.streamed,
      text: meta.rawBody ?? acc.text,
      reasoning: acc.reasoning,
      finishReason: acc.finishReason,
      usage: acc.usage,
      chunks: acc.chunks,
      attempts: 1,
      timing,
    };
    if (failure) {
      result.errorKind = failure.kind;
      result.error = maskText(failure.message, this.#secrets);
    }
    if (acc.timings) {
      result.serverTimings = acc.timings;
      // llama.cpp reports prompt-cache reuse only as timings.cache_n; vLLM as cached_tokens.
      const cached = acc.timings.cacheN;
      if (result.usage && result.usage.cachedTokens === undefined && cached !== undefined) {
        result.usage = { ...result.usage, cachedTokens: cached };
      }
    }
    if (acc.id !== undefined) result.id = acc.id;
    if (acc.model !== undefined) result.model = acc.model;
    if (acc.systemFingerprint !== undefined) result.systemFingerprint = acc.systemFingerprint;
    if (acc.rawEvents) result.rawEvents = acc.rawEvents;
    if (meta.responseHeaders) result.responseHeaders = meta.responseHeaders;
    return result;
  }
}

function isRetryable(r: CompletionResult): boolean {
  switch (r.errorKind) {
    case "network":
    case "timeout":
    case "cut":
      return true;
    case "http":
      return r.httpStatus !== null && isRetryableStatus(r.httpStatus);
    default:
      return false;
  }
}

function httpErrorMessage(status: number, body: string): string {
  let detail = body.trim();
  try {
    const obj = JSON.parse(body);
    const err = obj?.error ?? obj?.detail ?? obj?.message;
    if (typeof err === "string") detail = err;
    else if (err && typeof err.message === "string") detail = err.message;
  } catch { /* plain text body */ }
  if (detail.length > 500) detail = `${detail.slice(0, 500)}…`;
  return `HTTP ${status}${detail ? `: ${detail}` : ""}`;
}

function cutMessage(chunks: number): string {
  return `the stream ended after ${chunks} events without [DONE]`;
}

/** Sleeps `ms`; resolves false early when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      resolve(false);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The outcome of a failed exchange: a cut stream is `incomplete`, a cancelled one `aborted`. */
function failureOutcome(kind: ErrorKind): Outcome {
  if (kind === "cut") return "incomplete";
  return kind === "aborted" ? "aborted" : "error";
}
