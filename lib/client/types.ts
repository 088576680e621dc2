/**
 * The records the HTTP client produces for every exchange with a model service.
 *
 * All timestamps are milliseconds on the monotonic clock `performance.now()` of the process
 * that made the request. They are never wall-clock times; `RequestTiming.wallStart` gives the
 * epoch time of `sent` for display only.
 *
 * @module
 */
import type { Outcome } from "../metrics/outcome.ts";

/** Why an exchange did not succeed. */
export type ErrorKind =
  | "http" // a non-2xx status; `httpStatus` and the server's message are set
  | "network" // connection refused/reset, DNS, TLS
  | "timeout" // connect, read or total timeout
  | "stream_error" // an `{"error": …}` object inside the SSE stream
  | "cut" // the stream ended before `[DONE]`
  | "parse" // a body or an event that is not valid JSON
  | "permission" // the run's permission scope does not include this host
  | "aborted"; // cancelled by the caller (Ctrl-C, duration limit)

/** Token usage as the server reported it (`usage` object), in tokens. */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** `prompt_tokens_details.cached_tokens`, when the server gives it. */
  cachedTokens?: number;
  /** `prompt_tokens_details.image_tokens`: the prompt tokens of its images, when the server gives
   * them (part of `promptTokens`). */
  imageTokens?: number;
  /** `completion_tokens_details.reasoning_tokens`, when the server gives it. */
  reasoningTokens?: number;
}

/** The server's own account of a request's timing, when it gives one (llama.cpp's `timings`). */
export interface ServerTimings {
  /** Prompt tokens evaluated, and the time it took (ms). */
  promptN?: number;
  promptMs?: number;
  /** Tokens generated, their time (ms) and time per token (ms). */
  predictedN?: number;
  predictedMs?: number;
  predictedPerTokenMs?: number;
  /** Prompt tokens reused from the server's cache (llama.cpp `cache_n`). */
  cacheN?: number;
}

/** Every instant of one exchange, in ms on `performance.now()`. */
export interface RequestTiming {
  /** When the schedule wanted the request sent (equals `sent` when there is no schedule). */
  intendedSend: number;
  /** Epoch ms matching `sent`, for display and for joining logs. */
  wallStart: number;
  /** When the client was asked to send the request: before a connection is taken from the pool or
   * opened, so a new connection's set-up is inside TTFT and latency, as with EvalScope's
   * `start_time` (aiohttp connects inside `session.post`). When a reused connection turned out to
   * be closed by the server and the request went out again on a fresh one, the start of that
   * second attempt: a request is never timed twice. */
  sent: number;
  /** Time spent opening a new connection (TCP, proxy tunnel, TLS) for this request, in ms; 0 when
   * a kept connection was reused; null when no connection was obtained. Part of TTFT and latency. */
  connectMs: number | null;
  /** True when the request opened a new connection instead of reusing a kept one. */
  newConnection: boolean;
  /** When the request's last byte was handed to the socket (null if it never was). Later than
   * `sent` by connection set-up and by event-loop delay when many requests start at once. */
  written: number | null;
  /** Response headers received. */
  headers: number | null;
  /** First byte of the response body. */
  firstByte: number | null;
  /** First SSE event whose JSON has a non-empty `choices` array (EvalScope's and vLLM's TTFT anchor). */
  firstChoiceEvent: number | null;
  /** First event that carries a non-empty `content`, `reasoning_content` or `text` delta. */
  firstToken: number | null;
  /** Time of every parsed `data:` event other than `[DONE]`, in arrival order. */
  events: number[];
  /** Time of every event whose JSON has a non-empty `choices` array, in arrival order. */
  choiceEvents: number[];
  /** Time of every event that carried non-empty content/reasoning/text, in arrival order. */
  tokenEvents: number[];
  /** Last `data:` event other than `[DONE]`. */
  lastEvent: number | null;
  /** When the exchange ended, successfully or not. */
  end: number;
}

/** What one request produced. `text` never contains `reasoning`. */
export interface CompletionResult {
  /** How it ended: `incomplete` when the stream was cut before `[DONE]`, `aborted` when the caller cancelled it. */
  outcome: Outcome;
  errorKind?: ErrorKind;
  /** A message for people: the server's own error text when there is one. Secrets are masked. */
  error?: string;
  httpStatus: number | null;
  /** True when the response was an SSE stream. */
  streamed: boolean;
  /** Concatenated `delta.content` (chat) or `text` (completions) of choice 0. */
  text: string;
  /** Concatenated `reasoning_content` (or `reasoning`) of choice 0. */
  reasoning: string;
  finishReason: string | null;
  usage: Usage | null;
  /** The server's `timings` object (llama.cpp), from the last event that carried one. */
  serverTimings?: ServerTimings;
  /** Response `id`, `model` and `system_fingerprint`, as the server sent them. */
  id?: string;
  model?: string;
  systemFingerprint?: string;
  /** Number of `data:` events other than `[DONE]`. */
  chunks: number;
  /** How many attempts were made (1 when not retried). */
  attempts: number;
  timing: RequestTiming;
  /** Parsed event payloads, only when the request asked to keep them (debugging). */
  rawEvents?: unknown[];
  /** Response headers (lower-case names) of the last attempt. */
  responseHeaders?: Record<string, string>;
}
