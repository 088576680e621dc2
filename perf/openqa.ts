/**
 * `openqa`: short questions from HC3-Chinese's `open_qa.jsonl` (`question` field).
 *
 * @module
 */
import { TEXT_LENGTH_KEYS } from "../lib/load/dataset_args.ts";
import { readJsonLines, resolveDataFile } from "./read_lines.ts";
import { fitterFor, textItem } from "./text_length.ts";
import type { PerfDataset } from "../lib/load/dataset.ts";
import { isRecord } from "../lib/util/is_record.ts";

/** The `openqa` dataset. */
export const openqa: PerfDataset = {
  name: "openqa",
  summary: "Short open questions (HC3-Chinese open_qa.jsonl, field `question`)",
  hub: {
    repoId: "AI-ModelScope/HC3-Chinese",
    path: "open_qa.jsonl",
    hfRepoId: "Hello-SimpleAI/HC3-Chinese",
  },
  argKeys: TEXT_LENGTH_KEYS,
  async *items(ctx) {
    const file = await resolveDataFile(ctx.path ?? "", ["open_qa.jsonl"]);
    const fitter = fitterFor(ctx);
    for await (const row of readJsonLines(file, ctx.skipped)) {
      const q = isRecord(row) ? row.question : undefined;
      if (typeof q !== "string" || !q.trim()) continue;
      const item = textItem(q, ctx, fitter);
      if (item) yield item;
    }
  },
};
