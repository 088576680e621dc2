/**
 * lm-evaluation-harness GSM8K "strict-match" filter: the first `#### N`.
 *
 * @module
 */

/** What lm-eval's regex filters return when nothing matches. */
export const INVALID = "[invalid]";

const STRICT = /#### (-?[0-9.,]+)/;

/** The number after the first `#### ` (digits, `.` and `,`), or `"[invalid]"`. */
export function extractGsm8kStrict(text: string): string {
  const match = STRICT.exec(text);
  return match ? match[1].trim() : INVALID;
}
