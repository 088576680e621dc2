/**
 * EvalScope's length policy for real-text datasets: keep prompts whose length lies within
 * `[--min-prompt-length, --max-prompt-length]`, counted in tokens when `--tokenizer-path` was
 * given (after the chat template for chat endpoints), else in characters.
 *
 * @module
 */
import { boundedChatTokens } from "../lib/load/token_count.ts";
import { boundedCount } from "../lib/tokenizer/bounded_count.ts";
import type { DatasetContext } from "../lib/load/dataset.ts";

/** The length of a prompt text by the dataset rules. */
export function promptLength(text: string, ctx: DatasetContext): number {
  if (!ctx.tokenizerGiven) return [...text].length;
  if (ctx.chat) return boundedChatTokens(ctx.tokenizer, [{ role: "user", content: text }]);
  return boundedCount(ctx.tokenizer, text);
}

/** True when `text` is within the configured length limits. */
export function withinLength(text: string, ctx: DatasetContext): boolean {
  // A token covers at least one UTF-8 byte, so short texts need no tokenizing when min is 0.
  if (ctx.minPromptLength <= 0 && text.length * 4 + 64 <= ctx.maxPromptLength) return true;
  const n = promptLength(text, ctx);
  return n >= ctx.minPromptLength && n <= ctx.maxPromptLength;
}

/** True when a conversation is within the limits (tokens of the templated chat, or characters). */
export function messagesWithinLength(
  messages: readonly { role: string; content: unknown }[],
  ctx: DatasetContext,
): boolean {
  const texts = messages.map((m) => ({ role: m.role, content: String(m.content) }));
  if (!ctx.tokenizerGiven) return withinLength(texts.map((m) => m.content).join("\n"), ctx);
  const n = boundedChatTokens(ctx.tokenizer, texts);
  return n >= ctx.minPromptLength && n <= ctx.maxPromptLength;
}
