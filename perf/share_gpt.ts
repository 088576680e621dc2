/**
 * `share_gpt_zh` / `share_gpt_en`: ShareGPT conversations (swift/sharegpt), sent as one request
 * each: alternating user/assistant messages ending with a user turn.
 *
 * Rows may be `{"conversation": [{"human": …, "assistant": …}, …]}` (swift/sharegpt) or
 * `{"conversations": [{"from": "human"|"gpt", "value": …}, …]}` (the original ShareGPT).
 *
 * @module
 */
import { TEXT_LENGTH_KEYS } from "../lib/load/dataset_args.ts";
import { messagesWithinLength } from "./length_filter.ts";
import { readJsonLines, resolveDataFile } from "./read_lines.ts";
import { fitterFor } from "./text_length.ts";
import type { DatasetContext, DatasetMessage, PerfDataset } from "../lib/load/dataset.ts";
import { isRecord } from "../lib/util/is_record.ts";

/** The messages of one ShareGPT row, ending with a user turn; empty when unusable. */
export function shareGptMessages(row: unknown): DatasetMessage[] {
  if (!isRecord(row)) return [];
  const out: DatasetMessage[] = [];
  if (Array.isArray(row.conversation)) {
    for (const turn of row.conversation) {
      if (!isRecord(turn)) continue;
      if (typeof turn.human === "string") out.push({ role: "user", content: turn.human });
      if (typeof turn.assistant === "string") {
        out.push({ role: "assistant", content: turn.assistant });
      }
    }
  } else if (Array.isArray(row.conversations)) {
    for (const turn of row.conversations) {
      if (!isRecord(turn) || typeof turn.value !== "string") continue;
      const from = String(turn.from ?? turn.role ?? "");
      const role = /^(human|user)$/i.test(from)
        ? "user"
        : /^(gpt|assistant|bot)$/i.test(from)
        ? "assistant"
        : /^system$/i.test(from)
        ? "system"
        : "";
      if (role) out.push({ role, content: turn.value });
    }
  }
  while (out.length && out[out.length - 1].role !== "user") out.pop();
  return out;
}

function shareGpt(lang: "zh" | "en"): PerfDataset {
  const file = `common_${lang}_70k.jsonl`;
  return {
    name: `share_gpt_${lang}`,
    summary: `ShareGPT ${
      lang === "zh" ? "Chinese" : "English"
    } conversations (swift/sharegpt ${file})`,
    hub: { repoId: "swift/sharegpt", path: file },
    argKeys: TEXT_LENGTH_KEYS,
    conversations: true,
    async *items(ctx: DatasetContext) {
      const path = await resolveDataFile(ctx.path ?? "", [file]);
      const fitter = fitterFor(ctx);
      for await (const row of readJsonLines(path, ctx.skipped)) {
        const messages = shareGptMessages(row);
        if (messages.length === 0) continue;
        if (fitter) {
          const item = fitter.conversation(messages);
          if (item) yield item;
        } else if (messagesWithinLength(messages, ctx)) yield { messages };
      }
    },
  };
}

/** `share_gpt_zh`. */
export const shareGptZh: PerfDataset = shareGpt("zh");
/** `share_gpt_en`. */
export const shareGptEn: PerfDataset = shareGpt("en");
