/**
 * The text side of reasoning efficiency: the reasoning part of a response, its switch phrases
 * ("thoughts") and its steps. Pure; docs/thinkbench.md defines each.
 *
 * @module
 */

/** EvalScope ThinkBench's switch phrases: each occurrence starts a new thought. */
export const SWITCH_PHRASES: readonly string[] = [
  "alternatively",
  "but wait",
  "let me reconsider",
  "another way",
  "another approach",
  "another method",
  "another angle",
];

/** How the reasoning is cut into steps for the judge. */
export type SplitStrategy = "separator" | "keywords";

/** The split strategies, for the option's choices. */
export const SPLIT_STRATEGIES: readonly SplitStrategy[] = ["separator", "keywords"];

/** One step of the reasoning: its text and where it ends in the reasoning (exclusive). */
export interface Segment {
  text: string;
  end: number;
}

const THINK_END = "</think>";

/**
 * The reasoning part of a response: the API's `reasoning_content` when there is one, else the
 * content before its last `</think>`, else the whole content.
 */
export function reasoningPart(message: { content: string; reasoning?: string | null }): string {
  if (message.reasoning) return message.reasoning;
  const end = message.content.lastIndexOf(THINK_END);
  return end < 0 ? message.content : message.content.slice(0, end);
}

/**
 * The number of thoughts: occurrences of the switch phrases in the lower-cased text, each phrase
 * counted without overlaps (Python's `str.count`), summed over phrases.
 */
export function countSwitches(text: string, phrases: readonly string[] = SWITCH_PHRASES): number {
  const lower = text.toLowerCase();
  let n = 0;
  for (const p of phrases) {
    if (p === "") continue;
    for (let i = lower.indexOf(p); i >= 0; i = lower.indexOf(p, i + p.length)) n++;
  }
  return n;
}

/**
 * Cuts `text` into steps. `separator`: at every blank line (`\n\n`), pieces kept as they are,
 * empty ones too (Python's `str.split`). `keywords`: before every switch phrase that starts at a
 * word boundary (any case), each piece trimmed, empty pieces dropped; a text with no piece left
 * is one step.
 */
export function splitSegments(
  text: string,
  options: { strategy: SplitStrategy; phrases?: readonly string[] },
): Segment[] {
  if (options.strategy === "separator") {
    const out: Segment[] = [];
    let start = 0;
    for (const piece of text.split("\n\n")) {
      out.push({ text: piece, end: start + piece.length });
      start += piece.length + 2;
    }
    return out;
  }
  const phrases = options.phrases ?? SWITCH_PHRASES;
  const escaped = phrases.filter((p) => p !== "").map((p) =>
    p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  );
  const cuts = [0];
  if (escaped.length > 0) {
    for (const m of text.matchAll(new RegExp(`\\b(?:${escaped.join("|")})\\b`, "gi"))) {
      if (m.index > 0) cuts.push(m.index);
    }
  }
  cuts.push(text.length);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const piece = text.slice(cuts[i], cuts[i + 1]);
    const trimmed = piece.trim();
    if (trimmed === "") continue;
    const lead = piece.length - piece.trimStart().length;
    out.push({ text: trimmed, end: cuts[i] + lead + trimmed.length });
  }
  return out.length > 0 ? out : [{ text: text.trim(), end: text.length }];
}
