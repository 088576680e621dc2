/**
 * EvalScope's two multiple-choice metrics over extracted letters.
 *
 * @module
 */

import { pyStrip } from "../math/py_compat.ts";

/** EvalScope's `accuracy`/`exact_match`: 1 when equal after trimming and lower-casing, else 0. */
export function exactMatchScore(extracted: string, target: string): number {
  return pyStrip(extracted).toLowerCase() === pyStrip(target).toLowerCase() ? 1 : 0;
}

/**
 * EvalScope's `multi_choice_acc`: 0 when any predicted letter is not in the target, else the
 * share of target letters predicted (`AC` against `ACD` → 2/3).
 */
export function multiChoiceScore(extracted: string, target: string): number {
  const predicted = new Set(pyStrip(extracted).toUpperCase());
  const gold = new Set(pyStrip(target).toUpperCase());
  if (gold.size === 0) return 0;
  for (const letter of predicted) if (!gold.has(letter)) return 0;
  return predicted.size / gold.size;
}
