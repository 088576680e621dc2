/**
 * The style features arena-hard-auto's style control compares between two answers: answer
 * tokens, markdown headers, list items and bold spans, counted after fenced code blocks are
 * removed. Pure.
 *
 * @module
 */

/** The feature names, in the order {@linkcode styleFeatures} returns them. */
export const STYLE_FEATURES = ["tokens", "headers", "lists", "bold"] as const;

/**
 * `[tokens, headers, lists, bold]` of one answer: `tokens` is the caller's count; headers are
 * lines starting with one to six `#` and a space, list items lines starting with `1.`-style
 * numbers or `-`, `*`, `+` and a space, bold spans `**…**` or `__…__` within one line.
 */
export function styleFeatures(answer: string, tokens: number): number[] {
  const text = answer.replace(/```[^`]*```/g, "");
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const headers = count(/^#{1,6}\s/gm);
  const lists = count(/^\s*\d+\.\s/gm) + count(/^\s*[-*+]\s/gm);
  const bold = count(/\*\*[^*\n]+\*\*/g) + count(/__[^_\n]+__/g);
  return [tokens, headers, lists, bold];
}
