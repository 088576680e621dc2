/**
 * The streamed response: SSE events released at their due times through a pull-based stream.
 *
 * Each event is its own write (its own HTTP chunk), as vLLM sends them. When several events are
 * already due (role + first token, `itlMs` = 0, a slow client), up to `eventsPerWrite` of them
 * are joined into one write. Pieces that merge several tokens (split characters) are sent at
 * the due time of their last token.
 *
 * @module
 */
import { type ChunkEncoder, DONE_EVENT, type LlamaTimings, type UsageCounts } from "./events.ts";
import type { FaultKind } from "./faults.ts";
import type { GenerationPlan } from "./plan.ts";
import type { WakeScheduler } from "./scheduler.ts";
import type { LatenessMeter } from "./stats.ts";

/** One event of a stream: its text and its due time (ms on `performance.now()`), or a cut. */
export interface TimedEvent {
  at: number;
  /** The SSE text; null aborts the connection here. */
  data: string | null;
  /** Set on an in-stream error event: the stream ends after it. */
  error?: true;
  /** Written in the same write as the event before it (llama-server's habit). */
  withPrevious?: true;
}

/** How a stream ended. */
export type StreamEnd = "completed" | "client_closed" | "cut" | "stream_error" | "server_closed";

/** The events of one response, lazily, with an in-stream fault after `faultAfter` pieces. */
export function* streamEvents(
  plan: GenerationPlan,
  options: {
    encoder: ChunkEncoder;
    chat: boolean;
    arrival: number;
    offsets: Float64Array;
    includeUsage: boolean;
    /** The role-only chunk goes out this long before the first token (not before `arrival`). */
    roleGapMs?: number;
    fault: FaultKind | null;
    faultAfter: number;
    /** llama.cpp's shapes: a separate finish chunk, and these timings on the last event. */
    llamaTimings?: LlamaTimings;
    cachedTokens?: number;
  },
): Generator<TimedEvent> {
  const llama = options.llamaTimings;
  const { encoder, arrival, offsets, fault } = options;
  const pieces = plan.reasoning.texts.length + plan.content.texts.length;
  const faultAt = Math.min(options.faultAfter, pieces);
  const first = arrival + offsets[0];
  const roleAt = Math.max(arrival, first - (options.roleGapMs ?? 0));
  if (options.chat) yield { at: roleAt, data: encoder.role() };
  let token = -1;
  let at = first;
  for (let k = 0; k <= pieces; k++) {
    if (k === faultAt && fault !== null) {
      if (fault === "cut") {
        yield { at, data: null };
        return;
      }
      if (fault === "stream_error") {
        const data = encoder.error("simulated error in the stream", "internal_server_error", 500);
        yield { at, data, error: true };
        return;
      }
      if (fault === "malformed") yield { at, data: encoder.malformed() };
    }
    if (k === pieces) break;
    const inReasoning = k < plan.reasoning.texts.length;
    const j = inReasoning ? k : k - plan.reasoning.texts.length;
    token += inReasoning ? plan.reasoning.tokens[j] : plan.content.tokens[j];
    at = arrival + offsets[token];
    // llama-server writes its role chunk with the first token (unless told to send it earlier).
    const withFirst = llama && options.chat && k === 0 && at === roleAt;
    const finish = k === pieces - 1 && !llama ? plan.finishReason : null;
    const data = inReasoning
      ? encoder.reasoning(plan.reasoning.texts[j], finish)
      : encoder.content(plan.content.texts[j], finish);
    // A plain literal per token, not a spread: this runs once per streamed token.
    yield withFirst ? { at, data, withPrevious: true } : { at, data };
  }
  // llama-server writes the last token, the finish chunk, the usage chunk and [DONE] together.
  const joined = llama ? { withPrevious: true as const } : {};
  if (pieces === 0 || llama) {
    yield {
      at,
      data: encoder.finish(plan.finishReason, options.includeUsage ? undefined : llama),
      ...joined,
    };
  }
  if (options.includeUsage) {
    yield { at, data: encoder.usage(usageOf(plan, options.cachedTokens), llama), ...joined };
  }
  yield { at, data: DONE_EVENT, ...joined };
}

/** The usage counts of a plan. */
export function usageOf(plan: GenerationPlan, cachedTokens?: number): UsageCounts {
  return {
    promptTokens: plan.promptTokens,
    completionTokens: plan.completionTokens,
    reasoningTokens: plan.reasoningTokens,
    ...(cachedTokens !== undefined ? { cachedTokens } : {}),
    ...(plan.imageTokens ? { imageTokens: plan.imageTokens } : {}),
  };
}

/** Error used to abort a connection on purpose; its stack is just its message. */
export function cutError(): Error {
  const error = new Error("lmeter sim: connection cut on purpose (fault 'cut')");
  error.stack = error.message;
  return error;
}

/** A byte stream that releases `events` at their due times; `onEnd` is called exactly once. */
export function timedStream(
  events: Iterator<TimedEvent>,
  options: {
    scheduler: WakeScheduler;
    lateness: LatenessMeter;
    eventsPerWrite: number;
    /** Some events may carry `withPrevious` (llama.cpp's shapes): look one event ahead. */
    joinsEvents?: boolean;
    onEnd: (end: StreamEnd) => void;
    /** Called with `performance.now()` when the first bytes are handed over. */
    onFirstWrite?: (at: number) => void;
    /** Aborted when the simulator closes. */
    signal: AbortSignal;
  },
): ReadableStream<Uint8Array> {
  const textEncoder = new TextEncoder();
  let pending: TimedEvent | null = null;
  let ended = false;
  let wrote = false;
  const end = (how: StreamEnd) => {
    if (ended) return;
    ended = true;
    options.onEnd(how);
  };
  const next = (): TimedEvent | null => {
    if (pending !== null) {
      const p = pending;
      pending = null;
      return p;
    }
    const r = events.next();
    return r.done ? null : r.value;
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const event = next();
      if (event === null) {
        controller.close();
        end("completed");
        return;
      }
      await options.scheduler.waitUntil(event.at);
      if (ended) return;
      if (options.signal.aborted) {
        controller.error(cutError());
        end("server_closed");
        return;
      }
      if (event.data === null) {
        controller.error(cutError());
        end("cut");
        return;
      }
      let text = event.data;
      let failed = event.error === true;
      // One event per write and nothing to join: no look-ahead (this runs once per token).
      const batching = options.eventsPerWrite > 1 || options.joinsEvents === true;
      for (let n = 1; batching && !failed; n++) {
        const more = next();
        if (more === null) break;
        const due = n < options.eventsPerWrite && more.at - performance.now() <= 1;
        if (more.data === null || !(more.withPrevious || due)) {
          pending = more;
          break;
        }
        text += more.data;
        failed = more.error === true;
      }
      const now = performance.now();
      options.lateness.record(now - event.at);
      if (!wrote) {
        wrote = true;
        options.onFirstWrite?.(now);
      }
      controller.enqueue(textEncoder.encode(text));
      if (failed) {
        controller.close();
        end("stream_error");
      }
    },
    cancel() {
      end("client_closed");
    },
  }, { highWaterMark: 0 });
}
