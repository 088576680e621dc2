/**
 * The simulator's counters, served at `GET /sim/stats` and by `handle.stats()`. As a test
 * oracle it also reports what it was told to do (`told`), so a client can compare its
 * measurements with the configured timings.
 *
 * @module
 */
import type { FaultKind, FaultRates } from "./faults.ts";
import type { UnmatchedMode } from "./plan.ts";
import type { LogOutcome } from "./request_log.ts";
import type { TimingModel } from "./timing.ts";

/** The configuration the simulator runs with. */
export interface ToldConfig extends TimingModel {
  delayHeadersMs: number;
  roleGapMs: number;
  seed: number;
  faultRates: FaultRates;
  faultAfterTokens: number;
  retryAfterS: number;
  unmatched: UnmatchedMode;
  loremTokens: number;
  reasoningTokens: number;
  maxModelLen: number;
  eventsPerWrite: number;
  llamaCpp: boolean;
  prefixCache: boolean;
  specTokens: number;
  specAcceptRate: number;
  kvCacheTokens: number;
  /** Block size of the block prefix cache, in tokens; 0 = off (lib/sim/prefix_cache.ts). */
  prefixCacheBlock: number;
  answerKeyEntries: number;
  models: string[];
}

/** A snapshot of the counters. */
export interface SimStats {
  url: string;
  startedAt: string;
  uptimeMs: number;
  tokenizer: string;
  /** Soft "Max open files" limit read at start (null when unknown). */
  fdSoftLimit: number | null;
  maxConnections: number;
  told: ToldConfig;
  /** Generation requests received (chat + completions), rejected ones included. */
  requests: number;
  byEndpoint: { chat: number; completions: number; responses: number };
  /** Pooling requests received: `POST /v1/embeddings`, and `/v1/rerank` (or `/v1/reranks`). */
  pooling: { embeddings: number; rerank: number };
  /** Generation requests being handled now / at most at once (the connection cap counts these). */
  inFlight: number;
  maxInFlight: number;
  /** Requests generating tokens now / at most at once (the slowdown model counts these). */
  active: number;
  maxActive: number;
  outcomes: Record<LogOutcome, number>;
  faults: Record<FaultKind, number>;
  streamed: number;
  notStreamed: number;
  finishReasons: { stop: number; length: number };
  answers: { correct: number; wrong: number; unmatched: number };
  /** Tokens of planned responses (a cut or abandoned stream counts in full). */
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  /** Prompt tokens of the requests a prefix cache looked up, and those it served (vLLM's
   * `prefix_cache_queries` / `prefix_cache_hits`, in tokens); 0 with no prefix cache. */
  prefixCacheQueries: number;
  prefixCacheHits: number;
  /** The timer lag the scheduler has measured and corrects for, ms. */
  timerLagMs: number;
  /** How late stream writes left the simulator against their schedule (its own error). */
  sendLateness: LatenessSnapshot;
}

/** Lateness of stream writes against their due times, in ms (negative = early). */
export interface LatenessSnapshot {
  writes: number;
  meanMs: number;
  maxMs: number;
}

/** Accumulates how late each stream write was. */
export class LatenessMeter {
  #writes = 0;
  #sum = 0;
  #max = 0;

  /** Records one write that left `lateMs` after its due time. */
  record(lateMs: number): void {
    this.#writes++;
    this.#sum += lateMs;
    if (lateMs > this.#max) this.#max = lateMs;
  }

  /** The totals so far. */
  snapshot(): LatenessSnapshot {
    return {
      writes: this.#writes,
      meanMs: this.#writes === 0 ? 0 : this.#sum / this.#writes,
      maxMs: this.#max,
    };
  }
}

/** Counters at zero. */
export function emptyCounters(): Omit<
  SimStats,
  | "url"
  | "startedAt"
  | "uptimeMs"
  | "tokenizer"
  | "fdSoftLimit"
  | "maxConnections"
  | "told"
  | "timerLagMs"
  | "sendLateness"
> {
  return {
    requests: 0,
    byEndpoint: { chat: 0, completions: 0, responses: 0 },
    pooling: { embeddings: 0, rerank: 0 },
    inFlight: 0,
    maxInFlight: 0,
    active: 0,
    maxActive: 0,
    outcomes: {
      completed: 0,
      client_closed: 0,
      cut: 0,
      stream_error: 0,
      malformed: 0,
      fault_500: 0,
      fault_429: 0,
      hang: 0,
      server_closed: 0,
      rejected: 0,
      invalid: 0,
      unauthorized: 0,
      not_found: 0,
    },
    faults: { "500": 0, "429": 0, cut: 0, malformed: 0, stream_error: 0, hang: 0 },
    streamed: 0,
    notStreamed: 0,
    finishReasons: { stop: 0, length: 0 },
    answers: { correct: 0, wrong: 0, unmatched: 0 },
    promptTokens: 0,
    completionTokens: 0,
    reasoningTokens: 0,
    prefixCacheQueries: 0,
    prefixCacheHits: 0,
  };
}
