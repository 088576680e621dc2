/**
 * Turns a dataset item into the JSON body of one request, with EvalScope's generation
 * parameters. Pure apart from the injected random source (for `--max-tokens lo hi`).
 *
 * @module
 */
import type { Conversation, DatasetItem, DatasetMessage, SkipReport } from "./dataset.ts";
import type { Tokenizer } from "../tokenizer/mod.ts";
import { type Random, uniformInt } from "../util/random.ts";
import { boundedCount } from "../tokenizer/bounded_count.ts";
import { boundedChatTokens } from "./token_count.ts";
import { localPoolingTokens, poolingBody } from "./pooling.ts";
import { responsesBody } from "./responses.ts";

/**
 * Which API a URL talks to: generation (chat, completions, `responses`: the OpenAI Responses API,
 * lib/load/responses.ts) or pooling (embeddings, rerank).
 */
export type Endpoint = "chat" | "completions" | "responses" | "embeddings" | "rerank";

/** The generation parameters placed in every body (only the ones that are set). */
export interface BodyParams {
  model: string;
  endpoint: Endpoint;
  stream: boolean;
  /** One value, or `[lo, hi]`: drawn uniformly per request. */
  maxTokens?: number | [number, number];
  minTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  frequencyPenalty?: number;
  repetitionPenalty?: number;
  logprobs?: boolean;
  nChoices?: number;
  stop?: string[];
  stopTokenIds?: number[];
  seed?: number;
  /** Merged last (`--extra-args`). */
  extraArgs?: Record<string, unknown>;
  /** `--query-template`: a body whose `messages`/`prompt` the dataset replaces. */
  queryTemplate?: Record<string, unknown>;
  /** Completions endpoint with `--apply-chat-template`: renders a prompt through the chat template. */
  chatTemplate?: (messages: { role: string; content: string }[]) => string;
  /** `--tokenize-prompt`: turns a completions prompt into the token ids sent instead. */
  tokenize?: (text: string) => number[];
}

/** One request, ready to send, plus what is needed to count its prompt locally. */
export interface PreparedRequest {
  body: Record<string, unknown>;
  /** `max_tokens` sent (null when the body has none). */
  maxTokens: number | null;
  /** An exact output length was asked (`min_tokens` = `max_tokens`, or `ignore_eos`). */
  exactOutput: boolean;
  /** The dataset's intended prompt length in tokens (random dataset). */
  targetPromptTokens: number | null;
  /** Group label for grouped reports (speed benchmark). */
  group?: string;
  /** Dataset lines skipped as not JSON since the previous request was made. */
  skipped?: SkipReport;
  /** Pooling requests: the items carried (embedding inputs, or rerank documents). */
  inputs?: number;
  /** Images in the messages (`image_url` parts), when there are any. */
  images?: number;
  /** The images' estimated prompt tokens (the dataset's), for counts without usage. */
  imageTokens?: number;
  /** A conversation (`--multi-turn`): `body` holds what every turn shares, the runner adds the
   * messages of each turn (lib/load/conversation.ts). */
  conversation?: Conversation;
  /** When to send it, in ms after the run starts (trace datasets). */
  arrivalMs?: number;
}

/** Builds the body for `item`. */
export function buildRequest(item: DatasetItem, params: BodyParams, rng: Random): PreparedRequest {
  if (params.endpoint === "embeddings" || params.endpoint === "rerank") {
    const { body, items } = poolingBody(item, { ...params, endpoint: params.endpoint });
    const pooled: PreparedRequest = {
      body,
      maxTokens: null,
      exactOutput: false,
      targetPromptTokens: item.targetPromptTokens ?? null,
      inputs: items,
    };
    if (item.group !== undefined) pooled.group = item.group;
    if (item.skipped) pooled.skipped = item.skipped;
    return pooled;
  }
  let body: Record<string, unknown>;
  const gen = params.endpoint === "responses" ? {} : generationFields(params, rng);
  if (params.endpoint === "responses") {
    body = responsesBody(item, params, rng);
  } else if (item.body) {
    body = { ...item.body };
    if (body.model === undefined) body.model = params.model;
    for (const [k, v] of Object.entries(gen)) if (body[k] === undefined) body[k] = v;
  } else {
    body = { ...(params.queryTemplate ?? {}), model: params.model };
    if (item.conversation) {
      if (item.conversation.tools) body.tools = item.conversation.tools;
    } else Object.assign(body, promptFields(item, params));
    for (const [k, v] of Object.entries(gen)) {
      if (params.queryTemplate === undefined || body[k] === undefined) body[k] = v;
    }
  }
  if (params.endpoint === "responses") {
    // The Responses API always reports usage (in `response.completed`).
  } else if (body.stream === true) {
    if (body.stream_options === undefined) body.stream_options = { include_usage: true };
  } else if (body.stream === false) {
    delete body.stream_options;
  }
  const { maxTokens, exactOutput } = outputCap(body);
  const out: PreparedRequest = {
    body,
    maxTokens,
    exactOutput,
    targetPromptTokens: item.targetPromptTokens ?? null,
  };
  if (item.group !== undefined) out.group = item.group;
  if (item.skipped) out.skipped = item.skipped;
  const images = Array.isArray(body.messages) ? imageParts(body.messages) : 0;
  if (images > 0) out.images = images;
  if (item.imageTokens !== undefined) out.imageTokens = item.imageTokens;
  if (item.conversation) out.conversation = item.conversation;
  if (item.arrivalMs !== undefined) out.arrivalMs = item.arrivalMs;
  return out;
}

/** The `image_url` parts of chat messages. */
export function imageParts(messages: readonly unknown[]): number {
  let n = 0;
  for (const m of messages) {
    const content = typeof m === "object" && m !== null
      ? (m as { content?: unknown }).content
      : undefined;
    if (!Array.isArray(content)) continue;
    for (const p of content) {
      if (typeof p === "object" && p !== null && (p as { type?: unknown }).type === "image_url") {
        n++;
      }
    }
  }
  return n;
}

/** The output cap a body asks (`max_tokens`, else `max_completion_tokens`, else the Responses
 * API's `max_output_tokens`; null for none), and
 * whether it asks exactly that many tokens (`min_tokens` equal to it, or `ignore_eos`). */
export function outputCap(
  body: Record<string, unknown>,
): { maxTokens: number | null; exactOutput: boolean } {
  const maxTokens = typeof body.max_tokens === "number"
    ? body.max_tokens
    : typeof body.max_completion_tokens === "number"
    ? body.max_completion_tokens
    : typeof body.max_output_tokens === "number"
    ? body.max_output_tokens
    : null;
  const exactOutput = maxTokens !== null &&
    (body.min_tokens === maxTokens || body.ignore_eos === true);
  return { maxTokens, exactOutput };
}

function promptFields(item: DatasetItem, params: BodyParams): Record<string, unknown> {
  if (params.endpoint === "chat") {
    if (item.messages) return { messages: item.messages };
    return { messages: [{ role: "user", content: item.prompt ?? "" }] };
  }
  if (item.promptIds) return { prompt: item.promptIds };
  const text = completionsText(item, params);
  return { prompt: params.tokenize ? params.tokenize(text) : text };
}

function completionsText(item: DatasetItem, params: BodyParams): string {
  if (params.chatTemplate) {
    const messages = item.messages
      ? item.messages.map((m) => ({ role: m.role, content: String(m.content) }))
      : [{ role: "user", content: item.prompt ?? "" }];
    return params.chatTemplate(messages);
  }
  if (item.messages) return messagesAsText(item.messages);
  return item.prompt ?? "";
}

function messagesAsText(messages: DatasetMessage[]): string {
  return messages.map((
    m,
  ) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)))
    .join("\n");
}

function generationFields(p: BodyParams, rng: Random): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (p.maxTokens !== undefined) {
    out.max_tokens = Array.isArray(p.maxTokens)
      ? uniformInt(rng, p.maxTokens[0], p.maxTokens[1])
      : p.maxTokens;
  }
  const set = (k: string, v: unknown) => {
    if (v !== undefined && v !== null) out[k] = v;
  };
  set("min_tokens", p.minTokens);
  set("temperature", p.temperature);
  set("top_p", p.topP);
  set("top_k", p.topK);
  set("frequency_penalty", p.frequencyPenalty);
  set("repetition_penalty", p.repetitionPenalty);
  if (p.logprobs) out.logprobs = true;
  set("n", p.nChoices);
  if (p.stop?.length) out.stop = p.stop;
  if (p.stopTokenIds?.length) out.stop_token_ids = p.stopTokenIds;
  set("seed", p.seed);
  out.stream = p.stream;
  if (p.extraArgs) Object.assign(out, p.extraArgs);
  return out;
}

/** The prompt's token count by the local tokenizer (the fallback when usage is missing). */
export function localPromptTokens(body: Record<string, unknown>, tokenizer: Tokenizer): number {
  // A Responses body's `input` holds chat messages (objects with a role), not pooling inputs.
  const messages = Array.isArray(body.messages)
    ? body.messages
    : Array.isArray(body.input) && body.input.length > 0 &&
        body.input.every((m) => typeof m === "object" && m !== null && "role" in m)
    ? body.input
    : undefined;
  const pooled = messages ? null : localPoolingTokens(body, tokenizer);
  if (pooled !== null) return pooled;
  if (messages) {
    const msgs = messages.map((m) => {
      const r = (typeof m === "object" && m !== null ? m : {}) as Record<string, unknown>;
      const c = r.content;
      return { role: String(r.role ?? "user"), content: typeof c === "string" ? c : partsText(c) };
    });
    return boundedChatTokens(tokenizer, msgs);
  }
  if (Array.isArray(body.prompt)) return body.prompt.length;
  if (typeof body.prompt === "string") return boundedCount(tokenizer, body.prompt);
  return 0;
}

function partsText(c: unknown): string {
  if (!Array.isArray(c)) return c === undefined || c === null ? "" : JSON.stringify(c);
  return c.map((
    p,
  ) => (typeof p === "object" && p !== null && typeof (p as { text?: unknown }).text === "string"
    ? (p as { text: string }).text
    : "")
  )
    .join("");
}
