/**
 * The embeddings datasets (for `--api openai_embedding`), as EvalScope names them:
 *
 * - `random_embedding`: one random text per request, of an exact token length drawn uniformly
 *   from [`--min-prompt-length`, `--max-prompt-length`] (bare tokens, at least 1);
 * - `random_embedding_batch`: `batch_size` such texts per request (`--dataset-args`, default 8);
 * - `embedding` (alias `embed`): texts from `--dataset-path`: a `.txt` file (one text per
 *   non-blank line), a `.json` list, or `.jsonl` lines, each a string or an object with `text`,
 *   `input`, `sentence` or `content`; kept when within the prompt-length limits;
 * - `embedding_batch`: the same texts, `batch_size` per request (the last batch may be smaller).
 *
 * @module
 */
import { extname } from "node:path";
import { iterateLines } from "../lib/data/jsonl.ts";
import type { DatasetContext, DatasetItem, PerfDataset } from "../lib/load/dataset.ts";
import { poolingArgs } from "../lib/load/dataset_args.ts";
import { uniformInt } from "../lib/util/random.ts";
import { isRecord } from "../lib/util/is_record.ts";
import { withinLength } from "./length_filter.ts";
import { RandomText } from "./random.ts";
import { readJsonLines } from "./read_lines.ts";

const TEXT_FIELDS = ["text", "input", "sentence", "content"];

/** The text of one dataset value (a string, or an object's first text field); undefined if none. */
export function embeddingText(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim() ? v : undefined;
  if (!isRecord(v)) return undefined;
  for (const f of TEXT_FIELDS) {
    const t = v[f];
    if (typeof t === "string" && t.trim()) return t;
  }
  return undefined;
}

/** Every text of an embeddings file (`.txt`, `.json` or `.jsonl`), unfiltered. */
export async function* embeddingTexts(
  path: string,
  ctx: Pick<DatasetContext, "skipped">,
): AsyncGenerator<string> {
  const ext = extname(path).toLowerCase();
  if (ext === ".txt") {
    for await (const { text } of iterateLines(path)) if (text.trim()) yield text.trim();
    return;
  }
  if (ext === ".json") {
    const data = JSON.parse(await Deno.readTextFile(path));
    if (!Array.isArray(data)) {
      throw new Error(`Cannot read ${path}: an embeddings .json file holds a list of texts`);
    }
    for (const v of data) {
      const t = embeddingText(v);
      if (t !== undefined) yield t;
    }
    return;
  }
  if (ext !== ".jsonl") {
    throw new Error(
      `Cannot read ${path}: embeddings datasets read .txt, .json or .jsonl files, not ${
        ext || "a file without an extension"
      }`,
    );
  }
  for await (const v of readJsonLines(path, ctx.skipped)) {
    const t = embeddingText(v);
    if (t !== undefined) yield t;
  }
}

/** Random texts, `batch` per item (a single text when `batch` is null). */
async function* randomInputs(ctx: DatasetContext, batch: number | null) {
  const random = new RandomText(ctx);
  const lo = Math.max(1, Math.min(ctx.minPromptLength, ctx.maxPromptLength));
  const hi = Math.max(1, ctx.maxPromptLength, lo);
  for (let i = 0;; i++) {
    const targets = Array.from({ length: batch ?? 1 }, () => uniformInt(ctx.rng, lo, hi));
    const texts = targets.map((t) => random.text(t));
    const item: DatasetItem = {
      input: batch === null ? texts[0] : texts,
      targetPromptTokens: targets.reduce((a, b) => a + b, 0),
    };
    if (i % 16 === 15) await new Promise((r) => setTimeout(r, 0));
    yield item;
  }
}

/** The file's texts within the length limits, `batch` per item (one text when `batch` is null). */
async function* fileInputs(ctx: DatasetContext, batch: number | null) {
  let pending: string[] = [];
  for await (const text of embeddingTexts(ctx.path ?? "", ctx)) {
    if (!withinLength(text, ctx)) continue;
    if (batch === null) {
      yield { input: text } satisfies DatasetItem;
      continue;
    }
    pending.push(text);
    if (pending.length >= batch) {
      yield { input: pending } satisfies DatasetItem;
      pending = [];
    }
  }
  if (pending.length > 0) yield { input: pending } satisfies DatasetItem;
}

/** `random_embedding`. */
export const randomEmbedding: PerfDataset = {
  name: "random_embedding",
  summary:
    "Embeddings: one random text per request, exact token lengths in [--min-prompt-length, --max-prompt-length]",
  kind: "embeddings",
  items: (ctx) => randomInputs(ctx, null),
};

/** `random_embedding_batch`. */
export const randomEmbeddingBatch: PerfDataset = {
  name: "random_embedding_batch",
  summary: "Embeddings: batch_size random texts per request (--dataset-args, default 8)",
  kind: "embeddings",
  argKeys: ["batch_size"],
  items: (ctx) => randomInputs(ctx, poolingArgs(ctx.datasetArgs).batchSize),
};

/** `embedding` (and `embed`). */
export const embedding: PerfDataset = {
  name: "embedding",
  summary: "Embeddings: texts of a .txt, .json or .jsonl file (--dataset-path), one per request",
  kind: "embeddings",
  requiresPath: true,
  items: (ctx) => fileInputs(ctx, null),
};

/** `embedding_batch`. */
export const embeddingBatch: PerfDataset = {
  name: "embedding_batch",
  summary: "Embeddings: texts of a file (--dataset-path), batch_size per request (default 8)",
  kind: "embeddings",
  requiresPath: true,
  argKeys: ["batch_size"],
  items: (ctx) => fileInputs(ctx, poolingArgs(ctx.datasetArgs).batchSize),
};
