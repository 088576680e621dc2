/**
 * lm-evaluation-harness GSM8K "flexible-extract" filter: the last number-like run.
 *
 * @module
 */

import { INVALID } from "./gsm8k_strict.ts";

const FLEXIBLE = /(-?[$0-9.,]{2,})|(-?[0-9]+)/g;

/**
 * The last match of lm-eval's `(-?[$0-9.,]{2,})|(-?[0-9]+)`, e.g. `"$18."` from "costs $18.",
 * or `"[invalid]"`. Clean-up (`$`, `,`, a final `.`) happens in {@link gsm8kExactMatch}.
 */
export function extractLastNumber(text: string): string {
  let last: RegExpExecArray | undefined;
  for (const match of text.matchAll(FLEXIBLE)) last = match;
  if (!last) return INVALID;
  return (last[1] || last[2] || INVALID).trim();
}
