/**
 * Turns one finished exchange into the numbers the metrics use ({@linkcode RequestSample}), the
 * token observation for reconciliation and the row stored in `benchmark_data.db`.
 *
 * Timing follows EvalScope: TTFT is the first event with a non-empty `choices` array (even a
 * role-only one), the end is the last non-`[DONE]` event (a trailing usage-only event counts),
 * and the inter-token gaps are taken between events that carry a token, so a role-only, finish-only
 * or usage-only event adds no gap — whenever it arrives, even in the same socket read as a token.
 *
 * @module
 */
import type { CompletionResult } from "../client/types.ts";
import type { RequestSample } from "../metrics/run_data.ts";
import type { Outcome } from "../metrics/outcome.ts";
import type { TokenObservation } from "../metrics/token_reconcile.ts";
import type { Tokenizer } from "../tokenizer/mod.ts";
import { localPromptTokens, type PreparedRequest } from "./request_builder.ts";
import { boundedCount } from "../tokenizer/bounded_count.ts";

/** Everything recorded about one request. */
export interface RequestRecord {
  sample: RequestSample;
  /** Present for successes. */
  tokens?: TokenObservation;
  /** Where the token counts came from. */
  tokenSource: "usage" | "tokenizer" | null;
}

/** Options of {@linkcode recordExchange}. */
export interface RecordOptions {
  /** Counts tokens when the server sent no usage. */
  tokenizer: Tokenizer;
}

/** The outcome label of a result. */
export function outcomeOf(r: CompletionResult): Outcome {
  if (r.outcome === "success") return "success";
  if (r.errorKind === "aborted") return "aborted";
  return r.outcome === "incomplete" ? "incomplete" : "error";
}

/**
 * Inter-token gaps (ms): between consecutive events that carry a token (non-empty content,
 * reasoning or text), and the number of `choices` events. Which events count is decided by what
 * they are, never by when they came: llama-server writes its role-only chunk with the first
 * token, and its last token, a content-less finish chunk and the usage-only chunk (`choices: []`)
 * in one write, so gaps to those events are 0 ms of nothing. (EvalScope takes gaps between all
 * `choices` events and so counts those zeros: docs/perf-metrics.md.)
 */
export function chunkGaps(r: CompletionResult): { gaps: Float64Array; choiceChunks: number } {
  const te = r.timing.tokenEvents;
  const choiceChunks = r.streamed ? r.timing.choiceEvents.length : 1;
  if (!r.streamed || te.length < 2) return { gaps: new Float64Array(0), choiceChunks };
  const gaps = new Float64Array(te.length - 1);
  for (let i = 1; i < te.length; i++) gaps[i - 1] = te[i] - te[i - 1];
  return { gaps, choiceChunks };
}

/** Records one exchange. */
export function recordExchange(
  prepared: PreparedRequest,
  r: CompletionResult,
  options: RecordOptions,
): RequestRecord {
  const t = r.timing;
  const outcome = outcomeOf(r);
  // What every record says, whatever the outcome: how and when the request went out.
  const sent = {
    outcome,
    streamed: r.streamed,
    intendedMs: t.intendedSend,
    sentMs: t.sent,
    connectMs: t.connectMs ?? NaN,
    newConnection: t.newConnection,
  };
  if (outcome !== "success") {
    return {
      sample: {
        ...sent,
        completedMs: t.end,
        ttftMs: NaN,
        contentTtftMs: NaN,
        latencyMs: NaN,
        tpotMs: NaN,
        itlMs: [],
        promptTokens: 0,
        completionTokens: 0,
        choiceChunks: 0,
        errorKind: r.errorKind,
        error: r.error,
        httpStatus: r.httpStatus,
      },
      tokenSource: null,
    };
  }
  const completed = t.lastEvent ?? t.end;
  const latency = completed - t.sent;
  const ttft = r.streamed && t.firstChoiceEvent !== null ? t.firstChoiceEvent - t.sent : latency;
  const { gaps, choiceChunks } = chunkGaps(r);
  const usage = r.usage;
  // Without usage the tokenizer must count here; reconciliation samples are counted after the run.
  const needLocal = usage === null;
  const output = r.text + r.reasoning;
  const localPrompt = needLocal ? localPromptTokens(prepared.body, options.tokenizer) : null;
  const localCompletion = needLocal ? boundedCount(options.tokenizer, output) : null;
  // A pooling answer's usage may hold only `total_tokens` (vLLM's and Jina's rerank).
  const pooled = prepared.inputs !== undefined;
  // Without usage, images count by the dataset's estimate (EvalScope's rule).
  const prompt = usage
    ? (pooled ? usage.promptTokens || usage.totalTokens : usage.promptTokens)
    : (localPrompt ?? 0) + (prepared.imageTokens ?? 0);
  const completion = usage ? usage.completionTokens : localCompletion ?? 0;
  return {
    sample: {
      ...sent,
      completedMs: completed,
      ttftMs: ttft,
      contentTtftMs: t.firstToken !== null ? t.firstToken - t.sent : NaN,
      latencyMs: latency,
      tpotMs: completion > 1 ? (latency - ttft) / (completion - 1) : 0,
      itlMs: gaps,
      promptTokens: prompt,
      completionTokens: completion,
      ...(usage?.cachedTokens !== undefined ? { cachedTokens: usage.cachedTokens } : {}),
      ...(pooled ? { inputs: prepared.inputs } : {}),
      ...(prepared.images ? { images: prepared.images } : {}),
      ...(usage?.imageTokens !== undefined ? { imageTokens: usage.imageTokens } : {}),
      choiceChunks,
      httpStatus: r.httpStatus,
    },
    tokens: {
      usagePrompt: usage ? prompt : null,
      usageCompletion: usage ? usage.completionTokens : null,
      localPrompt: localPrompt === null ? null : localPrompt + (prepared.imageTokens ?? 0),
      localCompletion,
      targetPrompt: prepared.targetPromptTokens,
      contentChunks: t.tokenEvents.length,
      maxTokens: prepared.maxTokens,
      exactOutput: prepared.exactOutput,
      finishReason: r.finishReason,
    },
    tokenSource: usage ? "usage" : "tokenizer",
  };
}
