/**
 * The simulator's options: the typed object `startSimulator` takes, and the same options as a
 * plain list (snake_case names, types, defaults, help) for the `lmeter sim` command line.
 *
 * @module
 */
import { defineOptions, optionDefaults } from "../config/schema.ts";
import type { Tokenizer } from "../tokenizer/mod.ts";
import type { AnswerKeyEntry } from "./answer_key.ts";
import type { UnmatchedMode } from "./plan.ts";

/** Options of {@linkcode startSimulator}; every field is optional (defaults in {@linkcode SIM_DEFAULTS}). */
export interface SimulatorOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** TCP port; 0 picks a free one (default 0 in code, 8801 for `lmeter sim`). */
  port?: number;
  /** Model names listed by `/v1/models`; the first is used when a request names none. */
  models?: string[];
  /** Answer 404 to requests for models not in `models` (default false: any name is served). */
  strictModel?: boolean;
  /** Require `Authorization: Bearer <apiKey>` (default: no check). */
  apiKey?: string;
  /** Tokenizer spec (see `loadTokenizer`) or a loaded tokenizer (default `o200k_base`). */
  tokenizer?: string | Tokenizer;
  /** Seed of every random choice: answers, filler, jitter, faults (default 0). */
  seed?: number;
  /** Base time to first token, ms. */
  ttftMs?: number;
  /** Uniform jitter of the TTFT, ± ms. */
  ttftJitterMs?: number;
  /** Extra TTFT per prompt token, ms. */
  prefillMsPerToken?: number;
  /** Inter-token latency, ms (0 = as fast as possible). */
  itlMs?: number;
  /** Uniform jitter of each inter-token gap, ± ms. */
  itlJitterMs?: number;
  /** TTFT and ITL grow by this fraction per other request in flight. */
  slowdownPerRequest?: number;
  /** Wait this long before sending response headers, ms. */
  delayHeadersMs?: number;
  /**
   * Streamed chat: send the role-only chunk this long before the first token, ms (not before the
   * request arrived; default 0: both at the first token's due time, as vLLM sends them).
   */
  roleGapMs?: number;
  /** Requests allowed in flight before answering 503 (default: fd soft limit − 64). */
  maxConnections?: number;
  /** Answer-key JSONL path, or the entries themselves. */
  answerKey?: string | AnswerKeyEntry[];
  /** What unmatched prompts get: `lorem` filler or `echo` of the prompt. */
  unmatched?: UnmatchedMode;
  /** Tokens of a `lorem` response. */
  loremTokens?: number;
  /** Tokens of filler reasoning sent before the content when the answer key gives none. */
  reasoningTokens?: number;
  /** Context length: prompt + max_tokens above it is a 400, as in vLLM. */
  maxModelLen?: number;
  /** Fault probabilities per request, 0..1. */
  fault500Rate?: number;
  fault429Rate?: number;
  faultCutRate?: number;
  faultMalformedRate?: number;
  faultStreamErrorRate?: number;
  faultHangRate?: number;
  /** In-stream faults (cut, malformed, stream_error) strike after this many pieces. */
  faultAfterTokens?: number;
  /** `Retry-After` of 429 answers, seconds. */
  retryAfterS?: number;
  /** Append a JSONL line per generation request to this file. */
  requestLog?: string;
  /** Entries kept in memory for `requests()` and `GET /sim/requests`. */
  logRingSize?: number;
  /** Events already due that may share one write (1 = every event its own write, like vLLM). */
  eventsPerWrite?: number;
  /** `system_fingerprint` of responses. */
  fingerprint?: string;
  /**
   * Answer in llama.cpp's `llama-server` shapes: a content-less finish chunk after the last token,
   * `timings` (with `cache_n`) on the final event and non-streamed bodies, events due together in
   * one write (role chunk + first token; last token + finish + usage), and `connection: close`
   * after every streamed answer (default false: vLLM's shapes).
   */
  llamaCpp?: boolean;
  /** Serve a prompt seen before from a prefix cache: no prefill time, and its tokens reported as
   * cached (`usage.prompt_tokens_details.cached_tokens`, or `timings.cache_n` with `llamaCpp`). */
  prefixCache?: boolean;
  /** Speculative decoding: draft tokens per decode step (default 0: off; lib/sim/spec.ts). */
  specTokens?: number;
  /** Speculative decoding: the chance that each draft token is accepted (default 0.7). */
  specAcceptRate?: number;
  /** KV-cache capacity in tokens, for `vllm:kv_cache_usage_perc` at `GET /metrics`. */
  kvCacheTokens?: number;
  /** Keep each request's parsed JSON body in its log entry (`body`), for tests that check what
   * was sent (default false). */
  logBodies?: boolean;
  /** Values per vector of `POST /v1/embeddings` answers (default 64). */
  embeddingDim?: number;
  /** Block size (tokens) of a block prefix cache that serves the longest cached prefix of every
   * prompt, its reply included (lib/sim/prefix_cache.ts); 0 = off. */
  prefixCacheBlock?: number;
}

const TIMING = "Timing model";
const ANSWERS = "Answers";
const FAULTS = "Fault injection";
const SERVER = "Server";

/** The `lmeter sim` options, for the command-line schema (defaults are the CLI's). */
export const SIM_OPTIONS = defineOptions([
  {
    name: "host",
    type: "string",
    default: "127.0.0.1",
    group: SERVER,
    help: "Interface to listen on",
  },
  {
    name: "port",
    type: "int",
    default: 8801,
    min: 0,
    max: 65535,
    group: SERVER,
    help: "TCP port (0 = a free port)",
  },
  {
    name: "models",
    type: "string[]",
    default: ["lmeter-sim"],
    group: SERVER,
    help: "Model names served by /v1/models; the first is the default",
  },
  {
    name: "strict_model",
    type: "bool",
    default: false,
    group: SERVER,
    help: "Answer 404 for model names not in --models",
  },
  {
    name: "api_key",
    type: "string",
    group: SERVER,
    help: "Require 'Authorization: Bearer <key>' (default: no check)",
  },
  {
    name: "tokenizer_path",
    type: "string",
    group: SERVER,
    help: "Directory with a tokenizer.json for token counts (default: o200k_base)",
  },
  {
    name: "max_connections",
    type: "int",
    min: 1,
    group: SERVER,
    help:
      "Requests in flight before answering 503 (default: fd soft limit - 64; raise it with ulimit -n)",
  },
  {
    name: "events_per_write",
    type: "int",
    default: 1,
    min: 1,
    group: SERVER,
    advanced: true,
    help: "Events already due that may share one write (1 = one event per HTTP chunk, like vLLM)",
  },
  {
    name: "llama_cpp",
    type: "bool",
    default: false,
    group: SERVER,
    advanced: true,
    help:
      "Answer like llama.cpp's llama-server: finish chunk, timings with cache_n, events due together in one write, connection closed after each stream",
  },
  {
    name: "prefix_cache",
    type: "bool",
    default: false,
    group: SERVER,
    advanced: true,
    help: "Serve repeated prompts from a prefix cache (no prefill time; reported as cached tokens)",
  },
  {
    name: "spec_tokens",
    type: "int",
    default: 0,
    min: 0,
    group: SERVER,
    advanced: true,
    help:
      "Speculative decoding: draft tokens per step; each step streams 1 + the accepted drafts as one chunk and moves vLLM's spec_decode counters at /metrics (0 = off)",
  },
  {
    name: "spec_accept_rate",
    type: "float",
    default: 0.7,
    min: 0,
    max: 1,
    group: SERVER,
    advanced: true,
    help: "Speculative decoding: the chance that each draft token is accepted",
  },
  {
    name: "kv_cache_tokens",
    type: "int",
    default: 65536,
    min: 1,
    group: SERVER,
    advanced: true,
    help: "KV-cache capacity in tokens behind vllm:kv_cache_usage_perc at GET /metrics",
  },
  {
    name: "prefix_cache_block",
    type: "int",
    default: 0,
    min: 0,
    group: SERVER,
    advanced: true,
    help:
      "Block prefix cache: serve the longest cached prefix of each prompt (replies included) in blocks of this many tokens, like vLLM (0 = off)",
  },
  {
    name: "request_log",
    type: "string",
    group: SERVER,
    help: "Append one JSON line per generation request to this file",
  },
  {
    name: "log_bodies",
    type: "bool",
    default: false,
    group: SERVER,
    advanced: true,
    help: "Keep each request's JSON body in its log entry (body), to check what a client sent",
  },
  {
    name: "embedding_dim",
    type: "int",
    default: 64,
    min: 1,
    max: 65536,
    group: SERVER,
    advanced: true,
    help: "Values per vector of POST /v1/embeddings answers (deterministic, unit length)",
  },
  {
    name: "log_ring_size",
    type: "int",
    default: 1000,
    min: 0,
    group: SERVER,
    advanced: true,
    help: "Requests kept in memory for GET /sim/requests",
  },
  {
    name: "seed",
    type: "int",
    default: 0,
    group: SERVER,
    help: "Seed of answers, filler text, jitter and faults",
  },
  {
    name: "ttft_ms",
    type: "float",
    default: 20,
    min: 0,
    group: TIMING,
    help: "Base time to first token, ms",
  },
  {
    name: "ttft_jitter_ms",
    type: "float",
    default: 0,
    min: 0,
    group: TIMING,
    help: "Uniform jitter of the TTFT, +/- ms",
  },
  {
    name: "prefill_ms_per_token",
    type: "float",
    default: 0,
    min: 0,
    group: TIMING,
    help: "Extra TTFT per prompt token, ms",
  },
  {
    name: "itl_ms",
    type: "float",
    default: 5,
    min: 0,
    group: TIMING,
    help: "Inter-token latency, ms (0 = as fast as possible)",
  },
  {
    name: "itl_jitter_ms",
    type: "float",
    default: 0,
    min: 0,
    group: TIMING,
    help: "Uniform jitter of each inter-token gap, +/- ms",
  },
  {
    name: "slowdown_per_request",
    type: "float",
    default: 0,
    min: 0,
    group: TIMING,
    help: "TTFT and ITL x (1 + this x (requests in flight - 1))",
  },
  {
    name: "delay_headers_ms",
    type: "float",
    default: 0,
    min: 0,
    group: TIMING,
    help: "Wait this long before sending response headers, ms",
  },
  {
    name: "role_gap_ms",
    type: "float",
    default: 0,
    min: 0,
    group: TIMING,
    help:
      "Streamed chat: send the role-only chunk this long before the first token, ms (0 = together, like vLLM)",
  },
  {
    name: "answer_key",
    type: "string",
    group: ANSWERS,
    help: "JSONL answer key: {match|sha256, answer, wrong_answer, p_correct, reasoning} per line",
  },
  {
    name: "unmatched",
    type: "string",
    default: "lorem",
    choices: ["lorem", "echo"],
    group: ANSWERS,
    help: "Reply to prompts not in the answer key with seeded filler or the prompt itself",
  },
  {
    name: "lorem_tokens",
    type: "int",
    default: 64,
    min: 0,
    group: ANSWERS,
    help: "Length of a filler reply, tokens",
  },
  {
    name: "reasoning_tokens",
    type: "int",
    default: 0,
    min: 0,
    group: ANSWERS,
    help: "Filler reasoning_content tokens before the content (0 = none)",
  },
  {
    name: "max_model_len",
    type: "int",
    default: 131072,
    min: 1,
    group: ANSWERS,
    help: "Context length; prompt + max_tokens above it is a 400",
  },
  {
    name: "fault_500_rate",
    type: "float",
    default: 0,
    min: 0,
    max: 1,
    group: FAULTS,
    help: "Share of requests answered with HTTP 500",
  },
  {
    name: "fault_429_rate",
    type: "float",
    default: 0,
    min: 0,
    max: 1,
    group: FAULTS,
    help: "Share of requests answered with HTTP 429 and Retry-After",
  },
  {
    name: "fault_cut_rate",
    type: "float",
    default: 0,
    min: 0,
    max: 1,
    group: FAULTS,
    help: "Share of requests whose connection is cut mid-stream",
  },
  {
    name: "fault_malformed_rate",
    type: "float",
    default: 0,
    min: 0,
    max: 1,
    group: FAULTS,
    help: "Share of requests with one chunk of invalid JSON",
  },
  {
    name: "fault_stream_error_rate",
    type: "float",
    default: 0,
    min: 0,
    max: 1,
    group: FAULTS,
    help: "Share of streams ended by an in-stream error event",
  },
  {
    name: "fault_hang_rate",
    type: "float",
    default: 0,
    min: 0,
    max: 1,
    group: FAULTS,
    help: "Share of requests that never get response headers",
  },
  {
    name: "fault_after_tokens",
    type: "int",
    default: 2,
    min: 0,
    group: FAULTS,
    help: "In-stream faults strike after this many tokens",
  },
  {
    name: "retry_after_s",
    type: "int",
    default: 1,
    min: 0,
    group: FAULTS,
    help: "Retry-After of 429 answers, seconds",
  },
]);

/** `snake_case` → `camelCase`, as a type (`fault_500_rate` → `fault500Rate`). */
type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}`
  : S;

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const CLI_DEFAULTS = optionDefaults(SIM_OPTIONS);
type CliDefaults = typeof CLI_DEFAULTS;

/**
 * The defaults of {@linkcode SimulatorOptions}: the `lmeter sim` options' defaults under their
 * camelCase names (written once, in {@linkcode SIM_OPTIONS}), except that a library caller gets
 * a free port, plus the one setting that has no flag.
 */
export const SIM_DEFAULTS: Readonly<
  { [K in keyof CliDefaults as Camel<K & string>]: CliDefaults[K] } & {
    fingerprint: string;
  }
> = {
  ...Object.fromEntries(Object.entries(CLI_DEFAULTS).map(([k, v]) => [camel(k), v])) as {
    [K in keyof CliDefaults as Camel<K & string>]: CliDefaults[K];
  },
  port: 0,
  fingerprint: "fp_lmeter_sim",
};

/** Maps parsed `lmeter sim` values (snake_case keys, as from {@linkcode SIM_OPTIONS}) to options. */
export function simulatorOptionsFromValues(values: Record<string, unknown>): SimulatorOptions {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    const name = key === "tokenizer_path" ? "tokenizer" : camel(key);
    out[name] = value;
  }
  return out as SimulatorOptions;
}
