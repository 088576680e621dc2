/**
 * `generation_config` (and the client parts of `model_args`) → the request parameters and the
 * client settings of a run.
 *
 * Like EvalScope, a given `generation_config` replaces the option's default (a temperature of 0)
 * entirely: `{"max_tokens": 512}` alone sends no temperature, so the server's default applies.
 * Keys lmeter does not know are sent in the request body unchanged (vLLM/SGLang parameters such
 * as `chat_template_kwargs`); `extra_body` is merged into the body.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import type { TaskConfig } from "./task_config.ts";
import { EVAL_DEFAULTS } from "./task_options.ts";

/** What the engine needs to send requests. */
export interface GenerationSettings {
  /** Parameters copied into every chat request body (besides `model` and `messages`). */
  body: Record<string, unknown>;
  stream: boolean;
  /** Max ms for one attempt (from `timeout`, seconds). Null: the client's default. */
  timeoutMs: number | null;
  /** Retries after a failed attempt. */
  retries: number;
  /** First backoff delay in ms (doubles each retry, capped at 30 s). */
  retryBaseMs: number;
  /** Headers on every request (`model_args.default_headers`, `generation_config.extra_headers`). */
  headers: Record<string, string>;
  /** Query parameters appended to the URL (`extra_query`). */
  query: Record<string, string>;
}

const CLIENT_KEYS = new Set([
  "timeout",
  "retries",
  "retry_interval",
  "stream",
  "extra_headers",
  "extra_query",
  "extra_body",
  "n",
  "batch_size",
]);
const DROPPED_KEYS = new Set([
  "do_sample",
  "reasoning_history",
  "reasoning_summary",
  "reasoning_tokens",
  "anthropic_cache_control",
  "anthropic_cache_strategy",
  "height",
  "width",
  "num_inference_steps",
  "guidance_scale",
]);

/** Resolves the generation settings; notes on dropped keys go to `notes`. */
export function resolveGeneration(
  config: TaskConfig,
  notes: string[],
): { settings: GenerationSettings; n: number | undefined } {
  const given = config.generation_config;
  const gen: Record<string, unknown> = given
    ? { ...given }
    : { ...EVAL_DEFAULTS.generation_config };
  if (config.timeout !== undefined && gen.timeout === undefined) gen.timeout = config.timeout;
  if (config.stream !== undefined && gen.stream === undefined) gen.stream = config.stream;
  const modelArgs = config.model_args ?? {};
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(gen)) {
    if (CLIENT_KEYS.has(key)) continue;
    if (DROPPED_KEYS.has(key)) {
      notes.push(
        `generation_config.${key} does not apply to OpenAI-compatible APIs and is not sent.`,
      );
      continue;
    }
    if (key === "max_new_tokens") body.max_tokens ??= value;
    else if (key === "stop_seqs") body.stop = value;
    else body[key] = value;
  }
  const extraBody = gen.extra_body;
  if (extraBody !== undefined) {
    if (typeof extraBody !== "object" || extraBody === null || Array.isArray(extraBody)) {
      throw new UserError(
        "Invalid generation_config.extra_body: expected an object",
        'Example: {"extra_body": {"chat_template_kwargs": {"enable_thinking": false}}}',
      );
    }
    Object.assign(body, extraBody);
  }
  const timeout = num(gen.timeout, "generation_config.timeout") ??
    num(modelArgs.timeout, "model_args.timeout");
  const retries = num(gen.retries, "generation_config.retries") ??
    num(modelArgs.max_retries, "model_args.max_retries") ?? 5;
  const interval = num(gen.retry_interval, "generation_config.retry_interval");
  const headers = {
    ...stringMap(modelArgs.default_headers, "model_args.default_headers"),
    ...stringMap(gen.extra_headers, "generation_config.extra_headers"),
  };
  for (const key of Object.keys(modelArgs)) {
    if (!["default_headers", "timeout", "max_retries", "api_key", "base_url"].includes(key)) {
      notes.push(`model_args.${key} does not apply to API models and is ignored.`);
    }
  }
  const n = num(gen.n, "generation_config.n");
  return {
    settings: {
      body,
      stream: gen.stream === true,
      timeoutMs: timeout !== undefined && timeout > 0 ? Math.round(timeout * 1000) : null,
      retries: Math.max(0, Math.floor(retries)),
      retryBaseMs: interval !== undefined ? Math.round(interval * 1000) : 1000,
      headers,
      query: stringMap(gen.extra_query, "generation_config.extra_query"),
    },
    n: n !== undefined ? Math.floor(n) : undefined,
  };
}

function num(v: unknown, where: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0) {
    throw new UserError(`Invalid ${where}: ${JSON.stringify(v)} is not a non-negative number`);
  }
  return n;
}

function stringMap(v: unknown, where: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== "object" || Array.isArray(v)) {
    throw new UserError(`Invalid ${where}: expected an object of strings`);
  }
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = String(x);
  return out;
}
