/**
 * The simulator's `POST /v1/responses`: the OpenAI Responses API's typed events for a stream
 * (`event: <type>` + `data: {"type": <type>, …}`), and its `response` object otherwise. The plan
 * and its timing are the chat endpoint's; reasoning comes as `response.reasoning_text.delta`,
 * content as `response.output_text.delta`, usage in `response.completed` (or
 * `response.incomplete` when the token cap cut the answer). Faults: `stream_error` ends the stream
 * with `response.failed`, `cut` drops the connection before the last event, `malformed` sends an
 * event that is not JSON.
 *
 * @module
 */
import type { ResponseMeta, UsageCounts } from "./events.ts";
import type { FaultKind } from "./faults.ts";
import type { GenerationPlan } from "./plan.ts";
import type { TimedEvent } from "./stream.ts";

/** The Responses API's `usage` object. */
export function responsesUsage(u: UsageCounts): Record<string, unknown> {
  return {
    input_tokens: u.promptTokens,
    input_tokens_details: { cached_tokens: u.cachedTokens ?? 0 },
    output_tokens: u.completionTokens,
    output_tokens_details: { reasoning_tokens: u.reasoningTokens },
    total_tokens: u.promptTokens + u.completionTokens,
  };
}

/** The `response` object: its status, output items and usage. */
function responseObject(
  meta: ResponseMeta,
  r: { status: string; content?: string; reasoning?: string; usage?: UsageCounts },
): Record<string, unknown> {
  const output: Record<string, unknown>[] = [];
  if (r.reasoning) {
    output.push({
      id: `rs-${meta.id}`,
      type: "reasoning",
      summary: [],
      content: [{ type: "reasoning_text", text: r.reasoning }],
    });
  }
  if (r.content !== undefined) {
    output.push({
      id: `msg-${meta.id}`,
      type: "message",
      role: "assistant",
      status: "completed",
      content: [{ type: "output_text", text: r.content, annotations: [] }],
    });
  }
  return {
    id: meta.id,
    object: "response",
    created_at: meta.created,
    model: meta.model,
    status: r.status,
    ...(r.status === "incomplete" ? { incomplete_details: { reason: "max_output_tokens" } } : {}),
    output,
    usage: r.usage ? responsesUsage(r.usage) : null,
  };
}

/** The JSON body of a non-streamed Responses answer. */
export function responsesBody(
  meta: ResponseMeta,
  r: { content: string; reasoning: string; finishReason: string; usage: UsageCounts },
): string {
  return JSON.stringify(responseObject(meta, {
    status: r.finishReason === "length" ? "incomplete" : "completed",
    content: r.content,
    reasoning: r.reasoning,
    usage: r.usage,
  }));
}

/** The timed events of one streamed Responses answer. */
export function* responsesEvents(
  plan: GenerationPlan,
  options: {
    meta: ResponseMeta;
    arrival: number;
    offsets: Float64Array;
    usage: UsageCounts;
    fault: FaultKind | null;
    faultAfter: number;
  },
): Generator<TimedEvent> {
  const { meta, arrival, offsets, fault } = options;
  let seq = 0;
  const sse = (type: string, fields: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...fields })}\n\n`;
  const pieces = plan.reasoning.texts.length + plan.content.texts.length;
  const faultAt = Math.min(options.faultAfter, pieces);
  const reasoningId = `rs-${meta.id}`;
  const messageId = `msg-${meta.id}`;
  let at = arrival + offsets[0];
  yield {
    at: arrival,
    data: sse("response.created", { response: responseObject(meta, { status: "in_progress" }) }),
  };
  yield {
    at: arrival,
    data: sse("response.in_progress", {
      response: responseObject(meta, { status: "in_progress" }),
    }),
  };
  let token = -1;
  let opened: "reasoning" | "message" | null = null;
  for (let k = 0; k <= pieces; k++) {
    if (k === faultAt && fault !== null) {
      if (fault === "cut") {
        yield { at, data: null };
        return;
      }
      if (fault === "stream_error") {
        const error = { code: "server_error", message: "simulated error in the stream" };
        const response = { ...responseObject(meta, { status: "failed" }), error };
        yield { at, data: sse("response.failed", { response }), error: true };
        return;
      }
      if (fault === "malformed") {
        yield { at, data: `data: {"type":"response.output_text.delta","delta":"broken\n\n` };
      }
    }
    if (k === pieces) break;
    const inReasoning = k < plan.reasoning.texts.length;
    const j = inReasoning ? k : k - plan.reasoning.texts.length;
    token += inReasoning ? plan.reasoning.tokens[j] : plan.content.tokens[j];
    at = arrival + offsets[token];
    const kind = inReasoning ? "reasoning" : "message";
    if (opened !== kind) {
      if (opened === "reasoning") yield* closeReasoning(at);
      opened = kind;
      const item = inReasoning
        ? { id: reasoningId, type: "reasoning", summary: [] }
        : { id: messageId, type: "message", role: "assistant", status: "in_progress", content: [] };
      yield {
        at,
        data: sse("response.output_item.added", {
          output_index: inReasoning ? 0 : outIndex(),
          item,
        }),
      };
      if (!inReasoning) {
        yield {
          at,
          data: sse("response.content_part.added", {
            item_id: messageId,
            output_index: outIndex(),
            content_index: 0,
            part: { type: "output_text", text: "", annotations: [] },
          }),
        };
      }
    }
    const delta = inReasoning ? plan.reasoning.texts[j] : plan.content.texts[j];
    yield {
      at,
      data: sse(inReasoning ? "response.reasoning_text.delta" : "response.output_text.delta", {
        item_id: inReasoning ? reasoningId : messageId,
        output_index: inReasoning ? 0 : outIndex(),
        content_index: 0,
        delta,
      }),
    };
  }
  if (opened === "reasoning") yield* closeReasoning(at);
  const content = plan.content.texts.join("");
  yield {
    at,
    data: sse("response.output_text.done", {
      item_id: messageId,
      output_index: outIndex(),
      content_index: 0,
      text: content,
    }),
  };
  const reasoning = plan.reasoning.texts.join("");
  const status = plan.finishReason === "length" ? "incomplete" : "completed";
  const response = responseObject(meta, { status, content, reasoning, usage: options.usage });
  yield { at, data: sse(`response.${status}`, { response }) };

  function outIndex(): number {
    return plan.reasoning.texts.length > 0 ? 1 : 0;
  }
  function* closeReasoning(when: number): Generator<TimedEvent> {
    const text = plan.reasoning.texts.join("");
    yield {
      at: when,
      data: sse("response.reasoning_text.done", {
        item_id: reasoningId,
        output_index: 0,
        content_index: 0,
        text,
      }),
    };
  }
}
