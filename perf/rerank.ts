/**
 * The rerank datasets (for `--api openai_rerank`), as EvalScope names them:
 *
 * - `rerank`: `{query, documents}` pairs from `--dataset-path`: a `.json` list of objects, or
 *   `.jsonl`/`.txt` lines of them; `passages` or `texts` may stand for `documents`, and a document
 *   may be a string or `{"text": …}`;
 * - `random_rerank`: a random query of an exact token length drawn uniformly from
 *   [`--min-prompt-length`, `--max-prompt-length`], and `num_documents` random documents (default
 *   10) of `document_length_ratio` × that length each (default 5, whole tokens, at least 1).
 *
 * @module
 */
import { extname } from "node:path";
import type { DatasetContext, DatasetItem, PerfDataset } from "../lib/load/dataset.ts";
import { poolingArgs } from "../lib/load/dataset_args.ts";
import { uniformInt } from "../lib/util/random.ts";
import { isRecord } from "../lib/util/is_record.ts";
import { RandomText } from "./random.ts";
import { readJsonLines } from "./read_lines.ts";

/** A query and its documents from one dataset value; undefined when it holds none. */
export function rerankPair(v: unknown): { query: string; documents: string[] } | undefined {
  if (!isRecord(v) || typeof v.query !== "string" || !v.query) return undefined;
  const list = [v.documents, v.passages, v.texts].find((d) => Array.isArray(d) && d.length > 0);
  if (!Array.isArray(list)) return undefined;
  const documents = list
    .map((
      d,
    ) => (typeof d === "string" ? d : isRecord(d) && typeof d.text === "string" ? d.text : ""))
    .filter((d) => d !== "");
  return documents.length ? { query: v.query, documents } : undefined;
}

async function* filePairs(ctx: DatasetContext): AsyncGenerator<DatasetItem> {
  const path = ctx.path ?? "";
  const ext = extname(path).toLowerCase();
  let values: AsyncIterable<unknown> | Iterable<unknown>;
  if (ext === ".json") {
    const data = JSON.parse(await Deno.readTextFile(path));
    if (!Array.isArray(data)) {
      throw new Error(
        `Cannot read ${path}: a rerank .json file holds a list of {query, documents}`,
      );
    }
    values = data;
  } else if (ext === ".jsonl" || ext === ".txt") {
    values = readJsonLines(path, ctx.skipped);
  } else {
    throw new Error(
      `Cannot read ${path}: rerank datasets read .json, .jsonl or .txt files, not ${
        ext || "a file without an extension"
      }`,
    );
  }
  for await (const v of values) {
    const pair = rerankPair(v);
    if (pair) yield { rerank: pair };
  }
}

async function* randomPairs(ctx: DatasetContext): AsyncGenerator<DatasetItem> {
  const { numDocuments, documentLengthRatio } = poolingArgs(ctx.datasetArgs);
  const random = new RandomText(ctx);
  const lo = Math.max(1, Math.min(ctx.minPromptLength, ctx.maxPromptLength));
  const hi = Math.max(1, ctx.maxPromptLength, lo);
  for (let i = 0;; i++) {
    const q = uniformInt(ctx.rng, lo, hi);
    const d = Math.max(1, Math.floor(q * documentLengthRatio));
    const query = random.text(q);
    const documents = Array.from({ length: numDocuments }, () => random.text(d));
    if (i % 16 === 15) await new Promise((r) => setTimeout(r, 0));
    // A cross-encoder reads the query once per document.
    yield { rerank: { query, documents }, targetPromptTokens: numDocuments * (q + d) };
  }
}

/** `rerank`. */
export const rerank: PerfDataset = {
  name: "rerank",
  summary: "Rerank: {query, documents} pairs of a .json, .jsonl or .txt file (--dataset-path)",
  kind: "rerank",
  requiresPath: true,
  items: filePairs,
};

/** `random_rerank`. */
export const randomRerank: PerfDataset = {
  name: "random_rerank",
  summary:
    "Rerank: a random query of [--min-prompt-length, --max-prompt-length] tokens and num_documents documents document_length_ratio× as long",
  kind: "rerank",
  argKeys: ["num_documents", "document_length_ratio"],
  items: randomPairs,
};
