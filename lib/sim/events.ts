/**
 * The bytes the simulator sends: SSE chunks for streams and JSON bodies otherwise, in the shapes
 * of OpenAI's and vLLM's chat and completions APIs. The constant head of a request's chunks is
 * built once; each event only adds its delta.
 *
 * @module
 */
import type { Endpoint } from "./request.ts";

/** Identity of one response, repeated in every chunk. */
export interface ResponseMeta {
  endpoint: Endpoint;
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
  fingerprint: string;
}

/** Token counts of a response. */
export interface UsageCounts {
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  /** Prompt tokens served from the prefix cache, when the simulator keeps one (vLLM's field). */
  cachedTokens?: number;
  /** Prompt tokens of the images, reported when above 0 (`prompt_tokens_details.image_tokens`). */
  imageTokens?: number;
}

/** llama.cpp's `timings` object of a final event or body. */
export interface LlamaTimings {
  cache_n: number;
  prompt_n: number;
  prompt_ms: number;
  prompt_per_token_ms: number;
  prompt_per_second: number;
  predicted_n: number;
  predicted_ms: number;
  predicted_per_token_ms: number;
  predicted_per_second: number;
}

/** The last event of every successful stream. */
export const DONE_EVENT = "data: [DONE]\n\n";

/** The `usage` object: `prompt_tokens_details`/`completion_tokens_details` only with reasoning. */
export function usageObject(u: UsageCounts): Record<string, unknown> {
  const usage: Record<string, unknown> = {
    prompt_tokens: u.promptTokens,
    completion_tokens: u.completionTokens,
    total_tokens: u.promptTokens + u.completionTokens,
  };
  if (u.reasoningTokens > 0 || u.cachedTokens !== undefined) {
    usage.prompt_tokens_details = { cached_tokens: u.cachedTokens ?? 0 };
  }
  if (u.imageTokens) {
    usage.prompt_tokens_details = {
      ...(usage.prompt_tokens_details as Record<string, unknown> | undefined),
      image_tokens: u.imageTokens,
    };
  }
  if (u.reasoningTokens > 0) {
    usage.completion_tokens_details = { reasoning_tokens: u.reasoningTokens };
  }
  return usage;
}

/** Builds the SSE events of one streamed response. */
export class ChunkEncoder {
  #head: string;
  #chat: boolean;

  /** Pre-builds the part of every chunk that does not change. */
  constructor(meta: ResponseMeta) {
    this.#chat = meta.endpoint === "chat";
    const object = this.#chat ? "chat.completion.chunk" : "text_completion";
    this.#head =
      `data: {"id":${JSON.stringify(meta.id)},"object":"${object}","created":${meta.created},` +
      `"model":${JSON.stringify(meta.model)},"system_fingerprint":${
        JSON.stringify(meta.fingerprint)
      },`;
  }

  /** The chat stream's first event: `delta: {role: "assistant", content: ""}`. */
  role(): string {
    return this.#choice('"delta":{"role":"assistant","content":""}', null);
  }

  /** One piece of content (`delta.content`, or `text` for completions). */
  content(text: string, finish: string | null): string {
    const body = this.#chat
      ? `"delta":{"content":${JSON.stringify(text)}}`
      : `"text":${JSON.stringify(text)}`;
    return this.#choice(body, finish);
  }

  /** One piece of reasoning (`delta.reasoning_content`). */
  reasoning(text: string, finish: string | null): string {
    return this.#choice(`"delta":{"reasoning_content":${JSON.stringify(text)}}`, finish);
  }

  /** An event with an empty delta that only carries the finish reason (and llama.cpp's timings
   * when it is the last event). */
  finish(reason: string, timings?: LlamaTimings): string {
    const body = this.#choice(this.#chat ? '"delta":{}' : '"text":""', reason);
    return timings ? body.replace(/}\n\n$/, `,"timings":${JSON.stringify(timings)}}\n\n`) : body;
  }

  /** The `include_usage` event: empty `choices` and the `usage` object (and llama.cpp's timings). */
  usage(u: UsageCounts, timings?: LlamaTimings): string {
    const t = timings ? `,"timings":${JSON.stringify(timings)}` : "";
    return `${this.#head}"choices":[],"usage":${JSON.stringify(usageObject(u))}${t}}\n\n`;
  }

  /** A `data:` line that is not valid JSON (a truncated chunk). */
  malformed(): string {
    return `${this.#head}"choices":[{"index":0,"delta":{"content":"broken\n\n`;
  }

  /** An in-stream error event. */
  error(message: string, type: string, code: number): string {
    return `data: ${JSON.stringify({ error: { message, type, code } })}\n\n`;
  }

  #choice(body: string, finish: string | null): string {
    const reason = finish === null ? "null" : `"${finish}"`;
    return `${this.#head}"choices":[{"index":0,${body},"logprobs":null,"finish_reason":${reason}}]}\n\n`;
  }
}

/** The JSON body of a non-streamed response. */
export function completionBody(
  meta: ResponseMeta,
  r: {
    content: string;
    reasoning: string;
    finishReason: string;
    usage: UsageCounts;
    timings?: LlamaTimings;
  },
): string {
  const chat = meta.endpoint === "chat";
  const choice = chat
    ? {
      index: 0,
      message: {
        role: "assistant",
        content: r.content,
        reasoning_content: r.reasoning === "" ? null : r.reasoning,
      },
      logprobs: null,
      finish_reason: r.finishReason,
    }
    : { index: 0, text: r.content, logprobs: null, finish_reason: r.finishReason };
  return JSON.stringify({
    id: meta.id,
    object: chat ? "chat.completion" : "text_completion",
    created: meta.created,
    model: meta.model,
    system_fingerprint: meta.fingerprint,
    choices: [choice],
    usage: usageObject(r.usage),
    ...(r.timings ? { timings: r.timings } : {}),
  });
}

/** An OpenAI-style error body: `{"error": {message, type, param, code}}`. */
export function errorBody(
  message: string,
  type: string,
  code: number,
  param: string | null = null,
): string {
  return JSON.stringify({ error: { message, type, param, code } });
}
