/**
 * The model side of an evaluation: one chat request in, one {@linkcode Generation} out. The
 * OpenAI-compatible backend uses lmeter's only HTTP client; `mock_llm` answers without a server.
 *
 * @module
 */
import { HttpClient } from "../../client/http_client.ts";
import type { CompletionResult } from "../../client/types.ts";
import type { GenerationSettings } from "../config/generation_config.ts";
import type { ChatMessage } from "../benchmark/types.ts";
import type { Outcome } from "../../metrics/outcome.ts";
import { round } from "../../metrics/round.ts";

/** What one request produced, as cached and written to predictions. */
export interface Generation {
  /** `success` or `error` (after the retries); the predictions file writes it as `status`. */
  outcome: Outcome;
  /** The content of choice 0 (reasoning excluded). */
  text: string;
  /** `reasoning_content` / `reasoning`, kept apart. */
  reasoning: string;
  /** `stop`, `length`, `model_length` (context overflow), `content_filter`, … */
  finishReason: string | null;
  usage: {
    input_tokens: number;
    output_tokens: number;
    total_tokens: number;
    reasoning_tokens?: number;
  } | null;
  id?: string;
  model?: string;
  systemFingerprint?: string;
  /** ms from send to the end of the answer (last attempt). */
  latencyMs: number;
  /** ms to the first token (streaming only). */
  ttftMs?: number;
  attempts: number;
  /** Why it failed (outcome `error`). */
  error?: string;
  errorKind?: string;
  httpStatus?: number | null;
}

/** Something that answers chat requests. */
export interface ModelBackend {
  /** What identifies the model for cache keys: requests to the same identity reuse answers. */
  readonly identity: { api_url: string; model: string };
  generate(body: ChatRequestBody, options: { signal: AbortSignal }): Promise<Generation>;
  close(): void;
}

/** An OpenAI chat request body. */
export interface ChatRequestBody {
  model: string;
  messages: ChatMessage[];
  [key: string]: unknown;
}

/** Builds the request body of one attempt. */
export function buildRequestBody(
  messages: ChatMessage[],
  options: { model: string; generation: GenerationSettings },
): ChatRequestBody {
  const body: ChatRequestBody = { model: options.model, messages, ...options.generation.body };
  if (options.generation.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return body;
}

const OVERFLOW =
  /context_length_exceeded|maximum context length|context length|input length|too many tokens|prompt is too long/i;
const FILTERED = /content[_ ]filter|content management policy|safety system/i;

/** The OpenAI-compatible backend over {@linkcode HttpClient}. */
export class OpenAiBackend implements ModelBackend {
  readonly identity: { api_url: string; model: string };
  readonly #client: HttpClient;
  readonly #url: string;

  readonly #completions: boolean;

  constructor(
    options: {
      apiUrl: string;
      apiKey: string;
      model: string;
      generation: GenerationSettings;
      /** `completions`: a base model gets the raw prompt text (default `chat`). */
      endpoint?: "chat" | "completions";
    },
  ) {
    const g = options.generation;
    this.#completions = options.endpoint === "completions";
    // Chat and raw-prompt answers are different answers: they never share cached predictions.
    this.identity = {
      api_url: this.#completions ? `${options.apiUrl}/completions` : options.apiUrl,
      model: options.model,
    };
    const path = this.#completions ? "completions" : "chat/completions";
    const { client, url } = apiClient({ ...options, generation: g, path });
    this.#client = client;
    this.#url = url;
  }

  async generate(body: ChatRequestBody, options: { signal: AbortSignal }): Promise<Generation> {
    const payload = this.#completions ? completionsBody(body) : body;
    const r = await this.#client.post(this.#url, payload, { signal: options.signal });
    return toGeneration(r);
  }

  close(): void {
    this.#client.close();
  }
}

/**
 * A client with `generation`'s headers, timeout and retries, and the URL of `path` under
 * `apiUrl` with its query parameters (the model's backend and the judge engine share it).
 */
export function apiClient(
  options: { apiUrl: string; apiKey: string; generation: GenerationSettings; path: string },
): { client: HttpClient; url: string } {
  const g = options.generation;
  const client = new HttpClient({
    apiKey: options.apiKey,
    headers: g.headers,
    totalTimeoutMs: g.timeoutMs ?? undefined,
    retry: { maxRetries: g.retries, baseDelayMs: g.retryBaseMs, maxDelayMs: 30_000 },
  });
  const query = new URLSearchParams(g.query).toString();
  return { client, url: `${options.apiUrl}/${options.path}${query ? `?${query}` : ""}` };
}

/**
 * The `/completions` body of a chat request: the messages' text as one raw prompt (each message's
 * content, blank lines between), no chat template, for a base model that continues text.
 */
export function completionsBody(body: ChatRequestBody): Record<string, unknown> {
  const { messages, ...rest } = body;
  return { ...rest, prompt: rawPrompt(messages) };
}

/** The raw prompt of `messages`: their contents joined by blank lines. */
export function rawPrompt(messages: ChatMessage[]): string {
  return messages.map((m) => m.content).join("\n\n");
}

/** Maps a client result to a generation; context overflow and content filtering become empty answers. */
export function toGeneration(r: CompletionResult): Generation {
  const base = {
    latencyMs: round(r.timing.end - r.timing.sent, 3),
    attempts: r.attempts,
  };
  const meta: Partial<Generation> = {};
  if (r.id !== undefined) meta.id = r.id;
  if (r.model !== undefined) meta.model = r.model;
  if (r.systemFingerprint !== undefined) meta.systemFingerprint = r.systemFingerprint;
  if (r.outcome === "success") {
    // Assigned field by field (not spread): this runs once per sample on the engine's hot path.
    const g: Generation = {
      outcome: "success",
      text: r.text,
      reasoning: r.reasoning,
      finishReason: r.finishReason,
      usage: null,
      latencyMs: base.latencyMs,
      attempts: base.attempts,
    };
    if (r.usage) {
      g.usage = {
        input_tokens: r.usage.promptTokens,
        output_tokens: r.usage.completionTokens,
        total_tokens: r.usage.totalTokens,
      };
      if (r.usage.reasoningTokens !== undefined) g.usage.reasoning_tokens = r.usage.reasoningTokens;
    }
    Object.assign(g, meta);
    if (r.streamed && r.timing.firstToken !== null) {
      g.ttftMs = round(r.timing.firstToken - r.timing.sent, 3);
    }
    return g;
  }
  const status = r.httpStatus ?? 0;
  if (r.errorKind === "http" && [400, 403, 413, 422].includes(status)) {
    const msg = r.error ?? "";
    const reason = OVERFLOW.test(msg)
      ? "model_length"
      : FILTERED.test(msg)
      ? "content_filter"
      : null;
    if (reason) {
      return {
        outcome: "success",
        text: "",
        reasoning: "",
        finishReason: reason,
        usage: null,
        ...base,
        ...meta,
        error: msg,
      };
    }
  }
  return {
    outcome: "error",
    text: r.text,
    reasoning: r.reasoning,
    finishReason: r.finishReason,
    usage: null,
    ...base,
    ...meta,
    error: r.error ?? r.outcome,
    errorKind: r.errorKind ?? r.outcome,
    httpStatus: r.httpStatus,
  };
}

/** Answers every request with a fixed text, without a server (`--eval-type mock_llm`). */
export class MockBackend implements ModelBackend {
  readonly identity: { api_url: string; model: string };

  constructor(model: string) {
    this.identity = { api_url: "mock://", model };
  }

  generate(): Promise<Generation> {
    return Promise.resolve({
      outcome: "success",
      text: "This is a mock response from lmeter's mock_llm.",
      reasoning: "",
      finishReason: "stop",
      usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
      latencyMs: 0,
      attempts: 1,
    });
  }

  close(): void {}
}
