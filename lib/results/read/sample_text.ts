/**
 * Pulls text out of prediction and review records: message contents (plain strings or content
 * parts), reasoning kept apart (parts, `reasoning_content`, or inline `<think>` blocks), and the
 * score normalised to one number. Pure.
 *
 * @module
 */

import type { MessageView } from "./types.ts";
import { isRecord } from "../../util/is_record.ts";

export type { MessageView };

/** Text and reasoning of a message's `content` (string or parts) and `reasoning_content`. */
export function messageText(message: unknown): MessageView {
  if (!isRecord(message)) return { role: "unknown", text: String(message ?? ""), reasoning: "" };
  const role = typeof message.role === "string" ? message.role : "unknown";
  let text = "";
  let reasoning = typeof message.reasoning_content === "string" ? message.reasoning_content : "";
  const content = message.content;
  if (typeof content === "string") text = content;
  else if (Array.isArray(content)) {
    for (const part of content) {
      if (typeof part === "string") text += part;
      else if (isRecord(part)) {
        if (part.type === "reasoning" && typeof part.reasoning === "string") {
          reasoning += part.reasoning;
        } else if (typeof part.text === "string") text += part.text;
        else if (typeof part.type === "string" && part.type !== "text") text += `[${part.type}]`;
      }
    }
  }
  const split = splitThink(text);
  return {
    role,
    text: split.text,
    reasoning: reasoning + (reasoning && split.reasoning ? "\n" : "") + split.reasoning,
  };
}

/** Splits a leading `<think>…</think>` block (or text before a lone `</think>`) off `text`. */
export function splitThink(text: string): { text: string; reasoning: string } {
  const m = /^\s*<think>([\s\S]*?)<\/think>\s*/.exec(text);
  if (m) return { reasoning: m[1].trim(), text: text.slice(m[0].length) };
  const end = text.indexOf("</think>");
  if (end >= 0 && !text.slice(0, end).includes("<think>")) {
    return { reasoning: text.slice(0, end).trim(), text: text.slice(end + 8).trimStart() };
  }
  return { text, reasoning: "" };
}

/** Normalises a score value: bool → 0/1, object → its main (or first) value, number as is. */
export function normalizeScore(value: unknown, main?: string): number | null {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (isRecord(value)) {
    if (main && main in value) return normalizeScore(value[main]);
    for (const v of Object.values(value)) {
      const n = normalizeScore(v);
      if (n !== null) return n;
    }
  }
  return null;
}

/** A target (string, list, or other) as display text. */
export function targetText(target: unknown): string {
  if (typeof target === "string") return target;
  if (Array.isArray(target)) {
    return target.map((t) => typeof t === "string" ? t : JSON.stringify(t)).join(" | ");
  }
  if (target === null || target === undefined) return "";
  return JSON.stringify(target);
}
