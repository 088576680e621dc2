/**
 * The numeric side of EvalScope's `math_equal`: `parse_digits`, `choice_answer_clean` and the
 * relative-tolerance comparison.
 *
 * @module
 */

import { PY_SPACE, PY_WORD, pyFloat, pyRstrip, pyStrip } from "./py_compat.ts";

const GROUPED = new RegExp(
  `^[${PY_SPACE}]*[+-]?\\p{Nd}{1,3}(?:,\\p{Nd}{3})+(?:\\.\\p{Nd}*)?(?:\\\\?%)?[${PY_SPACE}]*$`,
  "u",
);

/**
 * EvalScope's `parse_digits`: a number; `50%` → 0.5; undefined if not a number. Deliberate:
 * commas are only dropped when they group thousands (`1,234`; EvalScope drops every comma, so
 * the list `2,3` becomes the number 23), and digits that overflow a double are not a number
 * (EvalScope's `float()` turns both `9…9` and `9…8` into `inf`, which compare equal).
 */
export function parseDigits(text: string): number | undefined {
  if (text.includes(",") && !GROUPED.test(text)) return undefined;
  let num = text.replaceAll(",", "");
  const value = pyFloat(num);
  // Deliberate: a long digit string that overflows to infinity is not the number infinity.
  if (value !== undefined && !Number.isFinite(value) && !/inf/i.test(num)) return undefined;
  if (value !== undefined) return value;
  if (!num.endsWith("%")) return undefined;
  num = num.slice(0, -1);
  if (num.endsWith("\\")) num = num.slice(0, -1);
  const percent = pyFloat(num);
  return percent === undefined ? undefined : percent / 100;
}

const CHOICE_LETTER = new RegExp(`(?<!${PY_WORD})(A|B|C|D|E)(?!${PY_WORD})`, "gu");

/** EvalScope's `choice_answer_clean`: the last standalone A–E in the text, else the cleaned text. */
export function choiceAnswerClean(text: string): string {
  let pred = pyStrip(text, "\n");
  pred = pyRstrip(pred, ".");
  pred = pyRstrip(pred, "/");
  pred = pyStrip(pred, " ");
  pred = pred.replace(/^:+/, "");
  const letters = pred.toUpperCase().match(CHOICE_LETTER);
  const picked = letters ? letters[letters.length - 1] : pyStrip(pyStrip(pred), ".");
  return pyRstrip(pyRstrip(picked, "."), "/");
}

/** Relative tolerance of the numeric comparison (`math.isclose(rel_tol=1e-4)`). */
export const NUMERIC_REL_TOL = 1e-4;
