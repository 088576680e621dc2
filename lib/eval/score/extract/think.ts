/**
 * Reasoning tails: EvalScope's `remove_until: "</think>"` filter, and detection of a reasoning
 * block that never closed (the model ran out of tokens while thinking).
 *
 * @module
 */

/** Options of {@link stripThinking}. */
export interface StripThinkingOptions {
  /** The delimiter to cut at. Default `"</think>"`. */
  delimiter?: string;
}

/**
 * The text after the FIRST delimiter (default `</think>`), or the whole text when it has none —
 * exactly EvalScope's `remove_until` filter (`text.split(delimiter, 1)[-1]`).
 */
export function stripThinking(text: string, options: StripThinkingOptions = {}): string {
  const delimiter = options.delimiter ?? "</think>";
  const at = text.indexOf(delimiter);
  return at < 0 ? text : text.slice(at + delimiter.length);
}

/**
 * True when a `<think>` is never closed: there is no `</think>` after the first `<think>`. The
 * response is then all reasoning with NO answer (lmeter scores it as "no answer" instead of
 * grading the thoughts, which is what `remove_until` alone would do).
 */
export function hasUnclosedThink(text: string): boolean {
  const open = text.indexOf("<think>");
  return open >= 0 && text.indexOf("</think>", open) < 0;
}
