/**
 * DROP's answer line: the text after `Answer:` on its line.
 *
 * @module
 */

import { PY_SPACE } from "../math/py_compat.ts";

/** Options of {@link dropAnswer}. */
export interface DropAnswerOptions {
  /** Which `Answer:` line to read. Default "last" (EvalScope HEAD); v1.x read the first. */
  occurrence?: "first" | "last";
}

const ANSWER_LINE = new RegExp(`answer[${PY_SPACE}]*:[${PY_SPACE}]*([^\\n]+)`, "gi");

/** The rest of the last (or first) `Answer:` line, case-insensitive; the whole text if none. */
export function dropAnswer(text: string, options: DropAnswerOptions = {}): string {
  const matches = [...text.matchAll(ANSWER_LINE)];
  if (matches.length === 0) return text;
  const pick = (options.occurrence ?? "last") === "last" ? matches[matches.length - 1] : matches[0];
  return pick[1];
}
