/**
 * C-Eval's own answer rule: the letter after `答案：` (full-width colon), A–D only.
 *
 * @module
 */

/** Options of {@link extractCevalAnswer}. */
export interface CevalOptions {
  /** Which `答案：X` to take when there are several. Default "last" (EvalScope HEAD). */
  occurrence?: "first" | "last";
}

const CEVAL = /答案：([A-D])/g;

/** The letter of the last (or first) `答案：[A-D]` in the text, or `""` when there is none. */
export function extractCevalAnswer(text: string, options: CevalOptions = {}): string {
  const matches = [...text.matchAll(CEVAL)];
  if (matches.length === 0) return "";
  const pick = (options.occurrence ?? "last") === "last" ? matches[matches.length - 1] : matches[0];
  return pick[1];
}
