/**
 * The simulator's pooling endpoints: `POST /v1/embeddings` (OpenAI's shape) and `POST /v1/rerank`
 * (vLLM's, Jina's and Cohere's path; `/v1/reranks`, the path EvalScope appends, answers the
 * same). Both are deterministic, so a test can predict every number:
 *
 * - an embedding is a unit vector of `embeddingDim` values drawn from the hash of its text;
 * - a rerank score is the share of the query's distinct tokens that the document also holds;
 * - token counts are the simulator tokenizer's bare counts (no special tokens): an embedding
 *   request's `prompt_tokens` is the sum over its inputs; a rerank request's `total_tokens` is the
 *   sum over its (query, document) pairs, as a cross-encoder reads them (the query once per
 *   document);
 * - the answer comes `ttftMs + prefillMsPerToken × tokens` after the request arrived (one prefill,
 *   no decode).
 *
 * @module
 */
import { errorBody } from "./events.ts";
import type { SimContext } from "./generate.ts";
import { LOG_TEXT_LIMIT, type LogOutcome, newLogEntry } from "./request_log.ts";
import { hash32 } from "../util/random.ts";
import type { Tokenizer } from "../tokenizer/mod.ts";
import { isRecord } from "../util/is_record.ts";
import { toBase64 } from "../util/bytes.ts";

/** Which pooling endpoint a request hit. */
export type PoolingEndpoint = "embeddings" | "rerank";

const JSON_HEADERS = { "content-type": "application/json", server: "lmeter-sim" };

/** Answers one embeddings or rerank request. */
export async function handlePooling(
  request: Request,
  options: { endpoint: PoolingEndpoint; path: string; ctx: SimContext },
): Promise<Response> {
  const { endpoint, path, ctx } = options;
  const arrival = performance.now();
  const entry = newLogEntry(ctx.seq++, path);
  entry.stream = false;
  entry.completion_tokens = 0;
  ctx.counters.pooling[endpoint]++;
  const finish = (outcome: LogOutcome, status: number) => {
    entry.outcome = outcome;
    entry.status = status;
    entry.duration_ms = Math.round((performance.now() - arrival) * 1000) / 1000;
    ctx.counters.outcomes[outcome]++;
    ctx.log.add(entry);
  };
  const config = ctx.config;
  if (
    config.apiKey !== null && request.headers.get("authorization") !== `Bearer ${config.apiKey}`
  ) {
    finish("unauthorized", 401);
    return json(401, errorBody("Invalid or missing API key.", "authentication_error", 401));
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    finish("invalid", 400);
    return json(
      400,
      errorBody("The request body is not valid JSON.", "invalid_request_error", 400),
    );
  }
  if (config.logBodies) entry.body = body;
  const answer = endpoint === "embeddings"
    ? embeddingsAnswer(body, { tokenizer: config.tokenizer, dim: config.embeddingDim })
    : rerankAnswer(body, { tokenizer: config.tokenizer });
  if (typeof answer === "string") {
    finish("invalid", 400);
    return json(400, errorBody(answer, "invalid_request_error", 400));
  }
  const model = isRecord(body) && typeof body.model === "string" ? body.model : null;
  entry.model = model;
  entry.last_user = answer.text.slice(0, LOG_TEXT_LIMIT);
  entry.prompt_tokens = answer.tokens;
  ctx.counters.promptTokens += answer.tokens;
  const told = config.told;
  await ctx.scheduler.waitUntil(arrival + told.ttftMs + told.prefillMsPerToken * answer.tokens);
  if (ctx.closing.aborted) {
    finish("server_closed", 503);
    return json(503, errorBody("The simulator closed.", "service_unavailable", 503));
  }
  const id = `${endpoint === "embeddings" ? "embd" : "rerank"}-sim-${entry.seq}`;
  finish("completed", 200);
  return json(
    200,
    JSON.stringify({ id, model: model ?? told.models[0], ...answer.fields }),
  );
}

/** What a pooling answer holds: its JSON fields, its token count and a text to log. */
interface PoolingAnswer {
  fields: Record<string, unknown>;
  tokens: number;
  text: string;
}

/** The answer to an embeddings body, or the message of a 400. */
export function embeddingsAnswer(
  body: unknown,
  options: { tokenizer: Tokenizer; dim: number },
): PoolingAnswer | string {
  if (!isRecord(body)) return "The request body must be a JSON object.";
  const inputs = embeddingInputs(body.input);
  if (inputs === null) {
    return "input must be a string, an array of strings, or token ids (an array of integers, or arrays of them).";
  }
  const base64 = body.encoding_format === "base64";
  let tokens = 0;
  const data = inputs.map((input, index) => {
    const text = typeof input === "string" ? input : input.join(" ");
    tokens += typeof input === "string" ? options.tokenizer.count(input) : input.length;
    const vector = embeddingOf(text, options.dim);
    return {
      object: "embedding",
      index,
      embedding: base64 ? float32Base64(vector) : Array.from(vector),
    };
  });
  return {
    fields: {
      object: "list",
      data,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
    tokens,
    text: inputs.map((i) => (typeof i === "string" ? i : `[${i.length} ids]`)).join(" | "),
  };
}

/** The answer to a rerank body, or the message of a 400. */
export function rerankAnswer(
  body: unknown,
  options: { tokenizer: Tokenizer },
): PoolingAnswer | string {
  if (!isRecord(body)) return "The request body must be a JSON object.";
  if (typeof body.query !== "string") return "query must be a string.";
  const docs = Array.isArray(body.documents)
    ? body.documents.map((d) => (typeof d === "string" ? d : isRecord(d) ? d.text : undefined))
    : null;
  if (docs === null || docs.length === 0 || !docs.every((d) => typeof d === "string")) {
    return 'documents must be a non-empty array of strings (or of {"text": …} objects).';
  }
  const topN = body.top_n;
  if (topN !== undefined && (typeof topN !== "number" || !Number.isInteger(topN) || topN < 1)) {
    return "top_n must be a positive integer.";
  }
  const tok = options.tokenizer;
  const queryIds = tok.encode(body.query);
  const query = new Set(queryIds);
  let tokens = 0;
  const results = (docs as string[]).map((text, index) => {
    const ids = tok.encode(text);
    tokens += queryIds.length + ids.length;
    return { index, document: { text }, relevance_score: overlap(query, ids) };
  });
  results.sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
  const kept = typeof topN === "number" ? results.slice(0, topN) : results;
  return {
    fields: { results: kept, usage: { total_tokens: tokens } },
    tokens,
    text: body.query,
  };
}

/** The share of the query's distinct tokens found in the document, 0..1. */
function overlap(query: ReadonlySet<number>, doc: readonly number[]): number {
  if (query.size === 0) return 0;
  const seen = new Set(doc);
  let n = 0;
  for (const id of query) if (seen.has(id)) n++;
  return n / query.size;
}

function embeddingInputs(input: unknown): (string | number[])[] | null {
  const ids = (v: unknown): v is number[] =>
    Array.isArray(v) && v.length > 0 && v.every((x) => Number.isInteger(x));
  if (typeof input === "string") return [input];
  if (ids(input)) return [input];
  if (!Array.isArray(input) || input.length === 0) return null;
  if (input.every((v) => typeof v === "string")) return input as string[];
  if (input.every(ids)) return input as number[][];
  return null;
}

/** The simulator's embedding of `text`: `dim` values from its hash, scaled to unit length. */
export function embeddingOf(text: string, dim: number): Float32Array {
  const out = new Float32Array(dim);
  const seed = hash32(text);
  let norm = 0;
  for (let i = 0; i < dim; i++) {
    const v = hash32(seed, i) / 4294967296 - 0.5;
    out[i] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < dim; i++) out[i] *= scale;
  return out;
}

/** OpenAI's `encoding_format: "base64"`: the float32 values, little-endian, in base64. */
function float32Base64(v: Float32Array): string {
  const bytes = new Uint8Array(v.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < v.length; i++) view.setFloat32(i * 4, v[i], true);
  return toBase64(bytes);
}

function json(status: number, body: string): Response {
  return new Response(body, { status, headers: JSON_HEADERS });
}
