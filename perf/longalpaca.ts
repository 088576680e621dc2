/**
 * `longalpaca`: long instructions from LongAlpaca-12k (`instruction` field). A local file is a
 * JSON array (as published) or JSONL.
 *
 * @module
 */
import { TEXT_LENGTH_KEYS } from "../lib/load/dataset_args.ts";
import { readJsonLines, resolveDataFile } from "./read_lines.ts";
import type { SkippedLines } from "../lib/load/dataset.ts";
import { fitterFor, textItem } from "./text_length.ts";
import type { PerfDataset } from "../lib/load/dataset.ts";
import { isRecord } from "../lib/util/is_record.ts";

/** The `longalpaca` dataset. */
export const longalpaca: PerfDataset = {
  name: "longalpaca",
  summary: "Long instructions (LongAlpaca-12k, field `instruction`)",
  hub: {
    repoId: "AI-ModelScope/LongAlpaca-12k",
    path: "LongAlpaca-12k.json",
    hfRepoId: "Yukang/LongAlpaca-12k",
  },
  argKeys: TEXT_LENGTH_KEYS,
  async *items(ctx) {
    const file = await resolveDataFile(ctx.path ?? "", [
      "LongAlpaca-12k.json",
      "LongAlpaca-12k.jsonl",
    ]);
    const rows = await readRows(file, ctx.skipped);
    const fitter = fitterFor(ctx);
    for await (const row of rows) {
      const text = isRecord(row) ? row.instruction : undefined;
      if (typeof text !== "string" || !text.trim()) continue;
      const item = textItem(text, ctx, fitter);
      if (item) yield item;
    }
  },
};

/** A JSON array file is parsed whole (its format); JSONL is streamed. */
async function readRows(
  file: string,
  skipped: SkippedLines | undefined,
): Promise<AsyncIterable<unknown> | unknown[]> {
  using f = await Deno.open(file);
  const head = new Uint8Array(64);
  const n = (await f.read(head)) ?? 0;
  const first = new TextDecoder().decode(head.subarray(0, n)).trimStart()[0];
  if (first === "[") {
    const all = JSON.parse(await Deno.readTextFile(file));
    return Array.isArray(all) ? all : [];
  }
  return readJsonLines(file, skipped);
}
