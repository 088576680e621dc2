/**
 * Reading and validating the body of a chat, completions or Responses API request.
 *
 * @module
 */
import type { ChatMessage } from "../tokenizer/mod.ts";
import { pngSize } from "../util/png_decode.ts";

/** Which generation endpoint a request hit (`responses`: the OpenAI Responses API). */
export type Endpoint = "chat" | "completions" | "responses";

/** What the simulator needs from a generation request. */
export interface SimRequest {
  endpoint: Endpoint;
  /** The requested model name (null when the body has none). */
  model: string | null;
  /** Chat messages with text content (chat only). */
  messages: ChatMessage[];
  /** The text answers are matched on: the last user message, or the completions prompt. */
  promptText: string;
  /** Token ids when a completions prompt was given as ids. */
  promptIds: number[] | null;
  /** `max_completion_tokens` or `max_tokens`; null when neither was given. */
  maxTokens: number | null;
  minTokens: number;
  ignoreEos: boolean;
  stop: string[];
  stream: boolean;
  includeUsage: boolean;
  seed: number | null;
  /** `chat_template_kwargs.enable_thinking` when given. */
  enableThinking: boolean | null;
  /** Prompt tokens of the messages' images ({@linkcode imageTokens}); 0 or absent without images. */
  imageTokens?: number;
}

/** Pixels per side of one image token in the simulator (Qwen-VL's 28-pixel patches). */
export const SIM_IMAGE_PATCH = 28;

/**
 * The prompt tokens of the images in chat messages: `ceil(h/28) · ceil(w/28)` for each
 * `image_url` part holding a `data:image/png;base64,` URL (its size read from the PNG header);
 * other images (remote URLs, other formats) count 0.
 */
export function imageTokens(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  let n = 0;
  for (const m of messages) {
    const content = typeof m === "object" && m !== null ? (m as Json).content : undefined;
    if (!Array.isArray(content)) continue;
    for (const part of content) {
      const url = typeof part === "object" && part !== null && (part as Json).type === "image_url"
        ? ((part as Json).image_url as Json | undefined)?.url
        : undefined;
      const prefix = "data:image/png;base64,";
      if (typeof url !== "string" || !url.startsWith(prefix)) continue;
      const head = Uint8Array.from(
        atob(url.slice(prefix.length, prefix.length + 44)),
        (c) => c.charCodeAt(0),
      );
      const size = pngSize(head);
      if (size) {
        n += Math.ceil(size.height / SIM_IMAGE_PATCH) * Math.ceil(size.width / SIM_IMAGE_PATCH);
      }
    }
  }
  return n;
}

/** A request the simulator refuses with HTTP 400. */
export class BadRequest extends Error {
  readonly param: string | null;

  /** `message` is sent to the client; `param` names the offending field. */
  constructor(message: string, param: string | null = null) {
    super(message);
    this.name = "BadRequest";
    this.param = param;
  }
}

type Json = Record<string, unknown>;

/** Validates a parsed JSON body; throws {@linkcode BadRequest} with a client-facing message. */
export function parseSimRequest(endpoint: Endpoint, body: unknown): SimRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadRequest("The request body must be a JSON object.");
  }
  const b = body as Json;
  const n = b.n ?? 1;
  if (n !== 1) {
    throw new BadRequest(`n=${JSON.stringify(n)} is not supported by lmeter sim: only n=1.`, "n");
  }
  const model = optional(b, "model", "string");
  let messages: ChatMessage[] = [];
  let promptText: string;
  let promptIds: number[] | null = null;
  if (endpoint === "responses") {
    checkResponsesBody(b);
    messages = readResponsesInput(b);
    const lastUser = messages.findLast((m) => m.role === "user");
    promptText = lastUser?.content ?? "";
  } else if (endpoint === "chat") {
    messages = readMessages(b.messages);
    const lastUser = messages.findLast((m) => m.role === "user");
    promptText = lastUser?.content ?? "";
  } else {
    [promptText, promptIds] = readPrompt(b.prompt);
  }
  const maxTokens = endpoint === "responses"
    ? positiveInt(b, "max_output_tokens")
    : positiveInt(b, "max_completion_tokens") ?? positiveInt(b, "max_tokens");
  const minTokens = nonNegativeInt(b, "min_tokens") ?? 0;
  const streamOptions = b.stream_options;
  const kwargs = b.chat_template_kwargs;
  const thinking = typeof kwargs === "object" && kwargs !== null
    ? (kwargs as Json).enable_thinking
    : undefined;
  const seed = b.seed;
  if (seed !== undefined && seed !== null && !Number.isInteger(seed)) {
    throw new BadRequest("seed must be an integer.", "seed");
  }
  return {
    endpoint,
    model: model ?? null,
    messages,
    promptText,
    promptIds,
    maxTokens,
    minTokens,
    ignoreEos: optional(b, "ignore_eos", "boolean") ?? false,
    stop: readStop(b.stop),
    stream: optional(b, "stream", "boolean") ?? false,
    // The Responses API always reports usage, in its last event.
    includeUsage: endpoint === "responses" ||
      (typeof streamOptions === "object" && streamOptions !== null &&
        (streamOptions as Json).include_usage === true),
    seed: typeof seed === "number" ? seed : null,
    enableThinking: typeof thinking === "boolean" ? thinking : null,
    imageTokens: endpoint === "chat" ? imageTokens(b.messages) : 0,
  };
}

/**
 * The Responses API's own names: `input` (not `messages` or `prompt`), `max_output_tokens` (not
 * `max_tokens`), no `stream_options.include_usage` and no `n`; a body in chat's shape is a 400,
 * so a client that mixes the two APIs is caught.
 */
function checkResponsesBody(b: Json): void {
  for (
    const [key, use] of [
      ["messages", "input"],
      ["prompt", "input"],
      ["max_tokens", "max_output_tokens"],
      ["max_completion_tokens", "max_output_tokens"],
      ["stream_options", "nothing: usage is always in response.completed"],
      ["n", "nothing: one output per request"],
    ] as const
  ) {
    if (b[key] !== undefined) {
      throw new BadRequest(`The Responses API has no ${key}; use ${use}.`, key);
    }
  }
}

/** `input` as chat messages: a string is one user message; `instructions` is a system message. */
function readResponsesInput(b: Json): ChatMessage[] {
  const input = b.input;
  const messages = typeof input === "string"
    ? [{ role: "user", content: input }]
    : Array.isArray(input) && input.length > 0
    ? readMessages(input.map((m) => typeof m === "string" ? { role: "user", content: m } : m))
    : null;
  if (messages === null) {
    throw new BadRequest("input must be a string or a non-empty array of messages.", "input");
  }
  const instructions = b.instructions;
  if (typeof instructions === "string" && instructions !== "") {
    return [{ role: "system", content: instructions }, ...messages];
  }
  return messages;
}

function optional<T extends "string" | "boolean">(
  b: Json,
  key: string,
  type: T,
): (T extends "string" ? string : boolean) | undefined {
  const value = b[key];
  if (value === undefined || value === null) return undefined;
  const actual: string = typeof value;
  if (actual !== type) throw new BadRequest(`${key} must be a ${type}.`, key);
  return value as T extends "string" ? string : boolean;
}

function positiveInt(b: Json, key: string): number | null {
  const value = nonNegativeInt(b, key);
  if (value === 0) throw new BadRequest(`${key} must be at least 1.`, key);
  return value;
}

function nonNegativeInt(b: Json, key: string): number | null {
  const value = b[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new BadRequest(`${key} must be a non-negative integer.`, key);
  }
  return value;
}

function readMessages(value: unknown): ChatMessage[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequest("messages must be a non-empty array.", "messages");
  }
  return value.map((m, i) => {
    if (typeof m !== "object" || m === null || typeof (m as Json).role !== "string") {
      throw new BadRequest(`messages[${i}] must be an object with a string role.`, "messages");
    }
    return { role: (m as Json).role as string, content: contentText((m as Json).content) };
  });
}

/** Text of a message's content: a string, or the `text` parts of an array joined with `\n`. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part === "object" && part !== null && typeof (part as Json).text === "string") {
      texts.push((part as Json).text as string);
    }
  }
  return texts.join("\n");
}

function readPrompt(value: unknown): [string, number[] | null] {
  if (typeof value === "string") return [value, null];
  if (Array.isArray(value) && value.every((v) => Number.isInteger(v))) {
    return ["", value as number[]];
  }
  if (Array.isArray(value) && value.length === 1) return readPrompt(value[0]);
  throw new BadRequest(
    "prompt must be a string, an array of token ids, or an array of one of those (lmeter sim serves one prompt per request).",
    "prompt",
  );
}

function readStop(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || !list.every((s) => typeof s === "string")) {
    throw new BadRequest("stop must be a string or an array of strings.", "stop");
  }
  return list.filter((s) => s !== "");
}
