/**
 * Load on pooling endpoints: OpenAI's `/v1/embeddings` and the rerank endpoint (`/v1/rerank` of
 * vLLM, Jina and Cohere; `/v1/reranks`, the suffix EvalScope appends). EvalScope's `--api` names
 * choose them (`openai_embedding`/`embedding`, `openai_rerank`/`rerank`). Requests are never
 * streamed and carry no generation parameters: `{model, input, …extra_args}` and
 * `{model, query, documents, …extra_args}`.
 *
 * This module owns the engine's pooling rules: the body and the local token count (`--url` is
 * normalised in config.ts, beside the generation URLs). The
 * pooling datasets' options (`batch_size`, `num_documents`, `document_length_ratio`) are read by
 * `poolingArgs` in dataset_args.ts, with the other `--dataset-args` rules.
 *
 * @module
 */
import type { Tokenizer } from "../tokenizer/mod.ts";
import { boundedCount } from "../tokenizer/bounded_count.ts";
import type { DatasetItem, DatasetMessage } from "./dataset.ts";

/** A pooling endpoint. */
export type PoolingEndpoint = "embeddings" | "rerank";

/** `--api` values, as EvalScope names them, and the endpoint each drives. */
export const POOLING_APIS: Readonly<Record<string, PoolingEndpoint>> = {
  openai_embedding: "embeddings",
  embedding: "embeddings",
  openai_rerank: "rerank",
  rerank: "rerank",
};

/** The pooling endpoint an `--api` value names; null for a generation API. */
export function poolingEndpointOf(api: string): PoolingEndpoint | null {
  return Object.hasOwn(POOLING_APIS, api) ? POOLING_APIS[api] : null;
}

/** The body of a pooling request and the number of items (inputs or documents) it carries. */
export function poolingBody(
  item: DatasetItem,
  params: { endpoint: PoolingEndpoint; model: string; extraArgs?: Record<string, unknown> },
): { body: Record<string, unknown>; items: number } {
  if (params.endpoint === "embeddings") {
    const input = item.input ?? itemText(item);
    return {
      body: { model: params.model, input, ...params.extraArgs },
      items: Array.isArray(input) ? input.length : 1,
    };
  }
  // A plain prompt (the connection test, --prompt) is its own one document.
  const rerank = item.rerank ?? { query: itemText(item), documents: [itemText(item)] };
  return {
    body: {
      model: params.model,
      query: rerank.query,
      documents: rerank.documents,
      ...params.extraArgs,
    },
    items: rerank.documents.length,
  };
}

function itemText(item: DatasetItem): string {
  if (item.prompt !== undefined) return item.prompt;
  if (item.messages) return item.messages.map(messageText).join("\n");
  return "";
}

function messageText(m: DatasetMessage): string {
  if (typeof m.content === "string") return m.content;
  if (!Array.isArray(m.content)) return "";
  return m.content.map((p) =>
    typeof p === "object" && p !== null && typeof (p as { text?: unknown }).text === "string"
      ? (p as { text: string }).text
      : ""
  ).join(" ");
}

/**
 * The tokens of a pooling body by the local tokenizer, without special tokens: the sum over an
 * embeddings `input` (token-id inputs count their ids), or every (query, document) pair of a rerank
 * body (`documents × query + Σ documents`, as a cross-encoder reads them). Null when `body` is not
 * a pooling body.
 */
export function localPoolingTokens(
  body: Record<string, unknown>,
  tokenizer: Tokenizer,
): number | null {
  const count = (v: unknown): number =>
    typeof v === "string"
      ? boundedCount(tokenizer, v)
      : Array.isArray(v) && v.every((x) => typeof x === "number")
      ? v.length
      : typeof v === "object" && v !== null && typeof (v as { text?: unknown }).text === "string"
      ? boundedCount(tokenizer, (v as { text: string }).text)
      : 0;
  if (body.input !== undefined) {
    const input = body.input;
    if (Array.isArray(input) && input.some((x) => typeof x !== "number")) {
      return input.reduce((n: number, x) => n + count(x), 0);
    }
    return count(input);
  }
  if (typeof body.query === "string" && Array.isArray(body.documents)) {
    const q = count(body.query);
    return body.documents.reduce((n: number, d) => n + q + count(d), 0);
  }
  return null;
}
