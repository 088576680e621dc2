/**
 * Turns the `data:` payloads of an OpenAI-compatible stream (or one JSON body) into a
 * {@linkcode CompletionResult}'s content fields. Pure: timestamps are passed in.
 *
 * @module
 */
import type { ErrorKind, ServerTimings, Usage } from "./types.ts";
import { isRecord } from "../util/is_record.ts";

/** What one event did to the exchange. */
export type EventVerdict = "continue" | "done" | "error";

/** Accumulates text, reasoning, usage and timing marks from parsed events. */
export class ResponseAccumulator {
  readonly events: number[] = [];
  readonly choiceEvents: number[] = [];
  readonly tokenEvents: number[] = [];
  firstChoiceEvent: number | null = null;
  firstToken: number | null = null;
  lastEvent: number | null = null;
  chunks = 0;
  finishReason: string | null = null;
  usage: Usage | null = null;
  timings: ServerTimings | undefined;
  id: string | undefined;
  model: string | undefined;
  systemFingerprint: string | undefined;
  errorKind: ErrorKind | undefined;
  error: string | undefined;
  done = false;
  readonly rawEvents: unknown[] | undefined;
  #text: string[] = [];
  #reasoning: string[] = [];

  constructor(options: { keepEvents?: boolean } = {}) {
    if (options.keepEvents) this.rawEvents = [];
  }

  /** Concatenated content of choice 0. */
  get text(): string {
    return this.#text.join("");
  }

  /** Concatenated reasoning of choice 0. */
  get reasoning(): string {
    return this.#reasoning.join("");
  }

  /** Takes one SSE `data:` payload that arrived at `ts` (ms). */
  onEventData(data: string, ts: number): EventVerdict {
    if (this.done) return "done";
    if (data === "[DONE]") {
      this.done = true;
      return "done";
    }
    let obj: unknown;
    try {
      obj = JSON.parse(data);
    } catch {
      this.#fail("parse", `the server sent an event that is not JSON: ${preview(data)}`);
      return "error";
    }
    this.chunks++;
    this.events.push(ts);
    this.lastEvent = ts;
    if (this.rawEvents) this.rawEvents.push(obj);
    if (!isRecord(obj)) return "continue";
    if (isResponsesEvent(obj)) return this.#responsesEvent(obj, ts);
    if (obj.error !== undefined && obj.error !== null) {
      this.#fail(
        "stream_error",
        `the server reported an error in the stream: ${errorText(obj.error)}`,
      );
      return "error";
    }
    this.#meta(obj);
    const choices = obj.choices;
    if (Array.isArray(choices) && choices.length > 0) {
      if (this.firstChoiceEvent === null) this.firstChoiceEvent = ts;
      this.choiceEvents.push(ts);
      const choice = pickChoice(choices);
      if (choice) {
        const delta = isRecord(choice.delta) ? choice.delta : undefined;
        const content = delta ? delta.content : choice.text;
        const reasoning = delta ? (delta.reasoning_content ?? delta.reasoning) : undefined;
        let token = false;
        if (typeof content === "string" && content.length > 0) {
          this.#text.push(content);
          token = true;
        }
        if (typeof reasoning === "string" && reasoning.length > 0) {
          this.#reasoning.push(reasoning);
          token = true;
        }
        if (token) {
          this.tokenEvents.push(ts);
          if (this.firstToken === null) this.firstToken = ts;
        }
        if (typeof choice.finish_reason === "string") this.finishReason = choice.finish_reason;
      }
    }
    if (isRecord(obj.usage)) this.usage = parseUsage(obj.usage);
    return "continue";
  }

  /** Takes a whole non-streamed JSON body that was read completely at `ts` (ms). */
  onBody(body: string, ts: number): EventVerdict {
    let obj: unknown;
    try {
      obj = JSON.parse(body);
    } catch {
      this.#fail("parse", `the server's response is not JSON: ${preview(body)}`);
      return "error";
    }
    if (this.rawEvents) this.rawEvents.push(obj);
    this.lastEvent = ts;
    if (!isRecord(obj)) {
      this.#fail("parse", `the server's response is not a JSON object: ${preview(body)}`);
      return "error";
    }
    if (obj.error !== undefined && obj.error !== null) {
      this.#fail("stream_error", `the server reported an error: ${errorText(obj.error)}`);
      return "error";
    }
    this.#meta(obj);
    if (obj.object === "response") return this.#responsesBody(obj, ts);
    const choices = obj.choices;
    if (Array.isArray(choices) && choices.length > 0) {
      this.firstChoiceEvent = ts;
      this.choiceEvents.push(ts);
      const choice = pickChoice(choices);
      if (choice) {
        const message = isRecord(choice.message) ? choice.message : undefined;
        const content = message ? message.content : choice.text;
        const reasoning = message ? (message.reasoning_content ?? message.reasoning) : undefined;
        if (typeof content === "string") this.#text.push(content);
        if (typeof reasoning === "string") this.#reasoning.push(reasoning);
        if (this.text.length > 0 || this.reasoning.length > 0) this.firstToken = ts;
        if (typeof choice.finish_reason === "string") this.finishReason = choice.finish_reason;
      }
    }
    if (isRecord(obj.usage)) this.usage = parseUsage(obj.usage);
    this.done = true;
    return "done";
  }

  /**
   * One typed event of the Responses API. TTFT (`firstChoiceEvent`) is the first non-empty
   * output-text (or refusal) delta; reasoning deltas are reasoning text, token events and the first
   * token, but do not start TTFT (unless no output text ever came). Usage is read from
   * `response.completed` (or `response.incomplete`, whose reason is the finish reason); a
   * `response.failed` or `error` event fails the exchange.
   */
  #responsesEvent(obj: Record<string, unknown>, ts: number): EventVerdict {
    const type = obj.type as string;
    const response = isRecord(obj.response) ? obj.response : undefined;
    if (response) this.#meta(response);
    const delta = typeof obj.delta === "string" ? obj.delta : "";
    switch (type) {
      case "response.output_text.delta":
      case "response.refusal.delta":
      case "response.reasoning_text.delta":
      case "response.reasoning_summary_text.delta": {
        if (delta === "") return "continue";
        const output = type === "response.output_text.delta" || type === "response.refusal.delta";
        (output ? this.#text : this.#reasoning).push(delta);
        this.choiceEvents.push(ts);
        this.tokenEvents.push(ts);
        if (this.firstToken === null) this.firstToken = ts;
        if (output && this.firstChoiceEvent === null) this.firstChoiceEvent = ts;
        return "continue";
      }
      case "response.completed":
      case "response.incomplete": {
        if (response && isRecord(response.usage)) this.usage = parseResponsesUsage(response.usage);
        const details = response && isRecord(response.incomplete_details)
          ? response.incomplete_details
          : undefined;
        this.finishReason = type === "response.completed"
          ? "stop"
          : typeof details?.reason === "string"
          ? details.reason
          : "length";
        if (this.firstChoiceEvent === null) this.firstChoiceEvent = this.firstToken;
        this.done = true;
        return "done";
      }
      case "response.failed": {
        const err = response?.error;
        this.#fail(
          "stream_error",
          `the server reported an error in the stream: ${
            err === undefined || err === null ? "response.failed" : errorText(err)
          }`,
        );
        return "error";
      }
      case "error":
        this.#fail("stream_error", `the server reported an error in the stream: ${errorText(obj)}`);
        return "error";
    }
    return "continue";
  }

  /** A whole Responses API body (`object: "response"`): text from `output[*].content`. */
  #responsesBody(obj: Record<string, unknown>, ts: number): EventVerdict {
    if (obj.status === "failed") {
      this.#fail("stream_error", `the server reported an error: ${errorText(obj.error ?? "")}`);
      return "error";
    }
    for (const item of Array.isArray(obj.output) ? obj.output : []) {
      if (!isRecord(item)) continue;
      const into = item.type === "reasoning" ? this.#reasoning : this.#text;
      const parts = [
        ...(Array.isArray(item.content) ? item.content : []),
        ...(item.type === "reasoning" && Array.isArray(item.summary) ? item.summary : []),
      ];
      for (const part of parts) {
        if (isRecord(part) && typeof part.text === "string") into.push(part.text);
        else if (isRecord(part) && typeof part.refusal === "string") into.push(part.refusal);
      }
    }
    this.firstChoiceEvent = ts;
    this.choiceEvents.push(ts);
    if (this.text.length > 0 || this.reasoning.length > 0) this.firstToken = ts;
    const details = isRecord(obj.incomplete_details) ? obj.incomplete_details : undefined;
    this.finishReason = typeof details?.reason === "string" ? details.reason : "stop";
    if (isRecord(obj.usage)) this.usage = parseResponsesUsage(obj.usage);
    this.done = true;
    return "done";
  }

  #meta(obj: Record<string, unknown>): void {
    if (isRecord(obj.timings)) this.timings = parseTimings(obj.timings);
    if (this.id === undefined && typeof obj.id === "string") this.id = obj.id;
    if (this.model === undefined && typeof obj.model === "string") this.model = obj.model;
    if (typeof obj.system_fingerprint === "string") this.systemFingerprint = obj.system_fingerprint;
  }

  #fail(kind: ErrorKind, message: string): void {
    this.errorKind = kind;
    this.error = message;
  }
}

/** Reads an OpenAI `usage` object; missing counts are 0. */
export function parseUsage(u: Record<string, unknown>): Usage {
  return usageFrom(u, { input: "prompt_tokens", output: "completion_tokens" });
}

/** A usage object whose counts are `<input>`, `<output>` and their `…_details`. */
function usageFrom(
  u: Record<string, unknown>,
  names: { input: string; output: string },
): Usage {
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  const usage: Usage = {
    promptTokens: num(u[names.input]),
    completionTokens: num(u[names.output]),
    totalTokens: num(u.total_tokens) || num(u[names.input]) + num(u[names.output]),
  };
  const pd = u[`${names.input}_details`];
  if (isRecord(pd) && typeof pd.cached_tokens === "number") usage.cachedTokens = pd.cached_tokens;
  if (isRecord(pd) && typeof pd.image_tokens === "number") usage.imageTokens = pd.image_tokens;
  const cd = u[`${names.output}_details`];
  if (isRecord(cd) && typeof cd.reasoning_tokens === "number") {
    usage.reasoningTokens = cd.reasoning_tokens;
  }
  return usage;
}

/** A Responses API event: its JSON has a `type` naming it (`response.…`, or `error`). */
function isResponsesEvent(obj: Record<string, unknown>): boolean {
  return typeof obj.type === "string" && (obj.type.startsWith("response.") || obj.type === "error");
}

/**
 * Reads a Responses API `usage` (`input_tokens`, `output_tokens`, their `…_details`), or the
 * chat names when a server sends those there.
 */
export function parseResponsesUsage(u: Record<string, unknown>): Usage {
  if (u.input_tokens === undefined && u.output_tokens === undefined) return parseUsage(u);
  return usageFrom(u, { input: "input_tokens", output: "output_tokens" });
}

/** Reads llama.cpp's `timings` object; absent or non-numeric fields are left out. */
export function parseTimings(t: Record<string, unknown>): ServerTimings {
  const out: ServerTimings = {};
  const keys: [keyof ServerTimings, string][] = [
    ["promptN", "prompt_n"],
    ["promptMs", "prompt_ms"],
    ["predictedN", "predicted_n"],
    ["predictedMs", "predicted_ms"],
    ["predictedPerTokenMs", "predicted_per_token_ms"],
    ["cacheN", "cache_n"],
  ];
  for (const [k, name] of keys) {
    const v = t[name];
    if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/** A server's error payload as one line of text. */
export function errorText(err: unknown): string {
  if (typeof err === "string") return err;
  if (isRecord(err)) {
    const msg = typeof err.message === "string" ? err.message : JSON.stringify(err);
    const type = typeof err.type === "string" ? ` (${err.type})` : "";
    return msg + type;
  }
  return JSON.stringify(err);
}

function pickChoice(choices: unknown[]): Record<string, unknown> | undefined {
  for (const c of choices) if (isRecord(c) && (c.index === 0 || c.index === undefined)) return c;
  return undefined;
}

function preview(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
