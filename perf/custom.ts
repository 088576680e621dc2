/**
 * `custom`: a JSONL file of prompts. Each line is a JSON string (a prompt), an array (chat
 * messages), an object with `messages` or `prompt` (a full request body; lmeter's flags fill
 * the keys it lacks) or an object with a text field (`text`, `question`, `query`,
 * `instruction`, `input`, `content`).
 *
 * @module
 */
import { TEXT_LENGTH_KEYS } from "../lib/load/dataset_args.ts";
import { readJsonLines } from "./read_lines.ts";
import { fitterFor, refuseStructured, textItem } from "./text_length.ts";
import type { DatasetItem, DatasetMessage, PerfDataset } from "../lib/load/dataset.ts";

const TEXT_FIELDS = ["text", "question", "query", "instruction", "input", "content"];

/** Classifies one JSONL value; undefined when it holds no usable prompt. */
export function customItem(v: unknown): DatasetItem | undefined {
  if (typeof v === "string") return v.trim() ? { prompt: v } : undefined;
  if (Array.isArray(v)) return v.length ? { messages: v as DatasetMessage[] } : undefined;
  if (typeof v !== "object" || v === null) return undefined;
  const obj = v as Record<string, unknown>;
  if (Array.isArray(obj.messages) || typeof obj.prompt === "string" || Array.isArray(obj.prompt)) {
    return { body: obj };
  }
  for (const f of TEXT_FIELDS) {
    if (typeof obj[f] === "string" && (obj[f] as string).trim()) {
      return { prompt: obj[f] as string };
    }
  }
  return undefined;
}

/** The `custom` dataset. */
export const custom: PerfDataset = {
  name: "custom",
  summary: "JSONL of prompts, message lists or full request bodies (--dataset-path)",
  requiresPath: true,
  argKeys: TEXT_LENGTH_KEYS,
  async *items(ctx) {
    const fitter = fitterFor(ctx);
    for await (const value of readJsonLines(ctx.path ?? "", ctx.skipped)) {
      const item = customItem(value);
      if (!item) continue;
      if (item.prompt === undefined) {
        if (fitter) refuseStructured("custom", JSON.stringify(value));
        yield item;
        continue;
      }
      const fitted = textItem(item.prompt, ctx, fitter);
      if (fitted) yield fitted;
    }
  },
};
