/**
 * `line_by_line`: one request per non-empty line of `--dataset-path`: plain text (a prompt), a
 * JSON array (chat messages) or a JSON object (a full request body).
 *
 * @module
 */
import { TEXT_LENGTH_KEYS } from "../lib/load/dataset_args.ts";
import { iterateLines } from "../lib/data/jsonl.ts";
import { fitterFor, refuseStructured, textItem } from "./text_length.ts";
import type { DatasetItem, DatasetMessage, PerfDataset } from "../lib/load/dataset.ts";

/** Classifies one line. Plain text goes through the length filter; JSON lines do not. */
export function lineItem(line: string): DatasetItem {
  const t = line.trim();
  if (t.startsWith("[") || t.startsWith("{")) {
    try {
      const v: unknown = JSON.parse(t);
      if (Array.isArray(v)) return { messages: v as DatasetMessage[] };
      if (typeof v === "object" && v !== null) return { body: v as Record<string, unknown> };
    } catch { /* plain text that happens to start with a bracket */ }
  }
  return { prompt: line };
}

/** The `line_by_line` dataset. */
export const lineByLine: PerfDataset = {
  name: "line_by_line",
  summary: "One request per line of --dataset-path: text, a JSON message list, or a JSON body",
  requiresPath: true,
  argKeys: TEXT_LENGTH_KEYS,
  async *items(ctx) {
    const fitter = fitterFor(ctx);
    for await (const { text: line } of iterateLines(ctx.path ?? "")) {
      if (line.trim() === "") continue;
      const item = lineItem(line);
      if (item.prompt === undefined) {
        if (fitter) refuseStructured("line_by_line", line);
        yield item;
        continue;
      }
      const fitted = textItem(item.prompt, ctx, fitter);
      if (fitted) yield fitted;
    }
  },
};
