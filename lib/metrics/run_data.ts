/**
 * The numbers one benchmark run keeps about its requests, column by column (8 bytes a value):
 * everything the summary, the percentile table and lmeter's extra statistics are computed from.
 *
 * @module
 */
import type { Outcome } from "./outcome.ts";
import { Column } from "./growable.ts";

/** What the metrics need to know about one finished request. Times in ms (monotonic clock). */
export interface RequestSample {
  /** `aborted`: cancelled by lmeter (Ctrl-C), not counted as a failure. */
  outcome: Outcome;
  /** The answer was an SSE stream. */
  streamed: boolean;
  /** When the schedule (or a free concurrency slot) wanted the request sent. */
  intendedMs: number;
  /** When the client was asked to send it, before a connection was taken or opened (EvalScope's
   * `start_time`). */
  sentMs: number;
  /** Time spent opening a new connection for it (0 when a kept one was reused; NaN unknown). */
  connectMs?: number;
  /** True when it opened a new connection. */
  newConnection?: boolean;
  /** Last non-`[DONE]` event for a success (EvalScope's `completed_time`); the end otherwise. */
  completedMs: number;
  /** First event with a non-empty `choices` array, minus `sentMs` (successes). */
  ttftMs: number;
  /** First event with non-empty content, minus `sentMs`; NaN when none came. */
  contentTtftMs: number;
  /** `completedMs − sentMs`. */
  latencyMs: number;
  /** `(latency − ttft) / (completionTokens − 1)`, or 0 with at most one output token. */
  tpotMs: number;
  /** Gaps between consecutive `choices` events after the first one (EvalScope's ITL list). */
  itlMs: ArrayLike<number>;
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens the server served from its prefix cache, when it said (vLLM
   * `usage.prompt_tokens_details.cached_tokens`, llama.cpp `timings.cache_n`). */
  cachedTokens?: number;
  /** Events that carried `choices` (for decoded tokens per iteration). */
  choiceChunks: number;
  /** Pooling requests: the items carried (embedding inputs, or rerank documents). */
  inputs?: number;
  /** Images the request carried, when any. */
  images?: number;
  /** Prompt tokens of its images, when the server reported them (`prompt_tokens_details`). */
  imageTokens?: number;
  /** Why it failed (`http`, `timeout`, `cut`, …) and the message. */
  errorKind?: string;
  error?: string;
  httpStatus?: number | null;
}

const MAX_REASONS = 50;

/** Accumulates {@linkcode RequestSample}s of one run (warm-up excluded by the caller). */
export class RunData {
  /** Counted requests: successes and failures; aborted ones are not counted. */
  total = 0;
  success = 0;
  streamTotal = 0;
  nonStreamTotal = 0;
  aborted = 0;
  incomplete = 0;
  /** Counted requests that opened a new connection rather than reusing a kept one. */
  newConnections = 0;
  /** Failures by kind (`http`, `timeout`, `cut`, `stream_error`, …). */
  readonly failuresByKind = new Map<string, number>();
  /** Failures by message (first {@linkcode MAX_REASONS} distinct messages). */
  readonly failureReasons = new Map<string, number>();
  /** Earliest send over counted requests; latest completion over successes and over all. */
  minSentMs = Infinity;
  maxCompletedSuccessMs = -Infinity;
  maxEndMs = -Infinity;
  promptTokensSum = 0;
  completionTokensSum = 0;
  /** Successes whose server reported cached prompt tokens; those tokens, and their prompt tokens. */
  cacheReported = 0;
  cachedTokensSum = 0;
  cacheReportedPromptSum = 0;
  /** Successful pooling requests and the items (embedding inputs, rerank documents) they carried. */
  pooled = 0;
  inputsSum = 0;
  /** Successes that carried images, and the images; those whose server reported image tokens,
   * and the tokens. */
  withImages = 0;
  imagesSum = 0;
  imageTokensReported = 0;
  imageTokensSum = 0;
  /** Running sums over successes (cheap progress averages). */
  ttftSumMs = 0;
  latencySumMs = 0;

  // One value per success.
  readonly ttftMs = new Column();
  readonly contentTtftMs = new Column();
  readonly tpotMs = new Column();
  readonly latencyMs = new Column();
  readonly promptTokens = new Column();
  readonly completionTokens = new Column();
  /** 1 for a streamed success, 0 otherwise. */
  readonly streamed = new Column();
  /** Completion minus intended send: latency as the schedule saw it. */
  readonly scheduledLatencyMs = new Column();
  /** Decoded tokens per iteration, only for successes where it is above 1. */
  readonly decodedPerIter = new Column(16);
  /** Every chunk gap of every success, pooled. */
  readonly itlMs = new Column(1024);
  /** One value per counted request: actual send minus intended send. */
  readonly sendLagMs = new Column();
  /** One value per counted request: when it was sent and when it ended (achieved concurrency). */
  readonly sentAtMs = new Column();
  readonly endAtMs = new Column();
  /** Connect time of every counted request that opened a new connection. */
  readonly newConnectMs = new Column(16);
  /** One value per success: its connect time (0 when it reused a kept connection). */
  readonly connectMs = new Column();

  /** Adds one finished request. */
  add(s: RequestSample): void {
    if (s.outcome === "aborted") {
      this.aborted++;
      return;
    }
    this.total++;
    if (s.streamed) this.streamTotal++;
    else this.nonStreamTotal++;
    this.minSentMs = Math.min(this.minSentMs, s.sentMs);
    this.maxEndMs = Math.max(this.maxEndMs, s.completedMs);
    this.sendLagMs.push(Math.max(0, s.sentMs - s.intendedMs));
    this.sentAtMs.push(s.sentMs);
    this.endAtMs.push(s.completedMs);
    if (s.newConnection) {
      this.newConnections++;
      if (Number.isFinite(s.connectMs)) this.newConnectMs.push(s.connectMs!);
    }
    if (s.outcome !== "success") {
      if (s.outcome === "incomplete") this.incomplete++;
      const kind = s.errorKind ?? s.outcome;
      this.failuresByKind.set(kind, (this.failuresByKind.get(kind) ?? 0) + 1);
      const reason = s.error ?? kind;
      if (this.failureReasons.has(reason) || this.failureReasons.size < MAX_REASONS) {
        this.failureReasons.set(reason, (this.failureReasons.get(reason) ?? 0) + 1);
      }
      return;
    }
    this.success++;
    this.maxCompletedSuccessMs = Math.max(this.maxCompletedSuccessMs, s.completedMs);
    this.promptTokensSum += s.promptTokens;
    this.completionTokensSum += s.completionTokens;
    if (s.cachedTokens !== undefined) {
      this.cacheReported++;
      this.cachedTokensSum += s.cachedTokens;
      this.cacheReportedPromptSum += s.promptTokens;
    }
    if (s.images !== undefined) {
      this.withImages++;
      this.imagesSum += s.images;
    }
    if (s.imageTokens !== undefined) {
      this.imageTokensReported++;
      this.imageTokensSum += s.imageTokens;
    }
    if (s.inputs !== undefined) {
      this.pooled++;
      this.inputsSum += s.inputs;
    }
    this.ttftSumMs += s.ttftMs;
    this.latencySumMs += s.latencyMs;
    this.ttftMs.push(s.ttftMs);
    this.contentTtftMs.push(s.contentTtftMs);
    this.tpotMs.push(s.tpotMs);
    this.latencyMs.push(s.latencyMs);
    this.promptTokens.push(s.promptTokens);
    this.completionTokens.push(s.completionTokens);
    this.streamed.push(s.streamed ? 1 : 0);
    this.scheduledLatencyMs.push(s.completedMs - s.intendedMs);
    this.connectMs.push(s.connectMs ?? NaN);
    this.itlMs.pushAll(s.itlMs);
    if (s.completionTokens > 1 && s.choiceChunks > 1) {
      const l = (s.completionTokens - 1) / (s.choiceChunks - 1);
      if (l > 1) this.decodedPerIter.push(l);
    }
  }

  /** Failed requests: counted minus successful. */
  get failed(): number {
    return this.total - this.success;
  }

  /**
   * Wall time of the run in ms: latest successful completion minus earliest send (EvalScope's
   * `Test Duration`); when nothing succeeded, the latest end of any request. 0 when empty.
   */
  get wallMs(): number {
    if (this.total === 0) return 0;
    const end = this.success > 0 ? this.maxCompletedSuccessMs : this.maxEndMs;
    return Math.max(0, end - this.minSentMs);
  }

  /** Values of a per-success column, restricted to streamed successes when any streamed. */
  streamOnly(column: Column): Float64Array {
    const values = column.view();
    const flags = this.streamed.view();
    let n = 0;
    for (let i = 0; i < flags.length; i++) n += flags[i];
    if (n === 0 || n === flags.length) return values.slice();
    const out = new Float64Array(n);
    let j = 0;
    for (let i = 0; i < flags.length; i++) if (flags[i] === 1) out[j++] = values[i];
    return out;
  }
}
