/**
 * IFEval's two readings of a response, as Google's `evaluation_lib.py` does them: strict (the
 * response as it is) and loose (an instruction passes if any of eight variants passes: the
 * response, without its first line, its last line or both, each with and without `*`).
 * A response that is blank after Python's `strip()` follows nothing.
 *
 * @module
 */
import { pyStrip } from "../../lib/text/mod.ts";
import type { Checker, Kwargs } from "./checkers.ts";

/** One IFEval prompt: its instructions and their arguments (one object per instruction). */
export interface IfevalItem {
  prompt: string;
  instructionIds: readonly string[];
  kwargs: readonly Kwargs[];
}

/** Per-instruction verdicts, in `instruction_id_list` order. */
export interface Verdicts {
  strict: boolean[];
  loose: boolean[];
}

/** The eight loose variants of a response, in the reference's order. */
export function looseVariants(response: string): string[] {
  const lines = response.split("\n");
  const removeFirst = pyStrip(lines.slice(1).join("\n"));
  const removeLast = pyStrip(lines.slice(0, -1).join("\n"));
  const removeBoth = pyStrip(lines.slice(1, -1).join("\n"));
  const noStars = (s: string) => s.replaceAll("*", "");
  return [
    response,
    noStars(response),
    removeFirst,
    removeLast,
    removeBoth,
    noStars(removeFirst),
    noStars(removeLast),
    noStars(removeBoth),
  ];
}

/** Drops `null` arguments: the hub's copy of the data lists every key, absent ones as null. */
export function presentKwargs(kwargs: Kwargs | null | undefined): Kwargs {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kwargs ?? {})) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/** The strict and loose verdicts of `response` for every instruction of `item`. */
export function followInstructions(
  item: IfevalItem,
  options: { response: string; checkers: Readonly<Record<string, Checker>> },
): Verdicts {
  const { response, checkers } = options;
  const variants = looseVariants(response);
  // A variant equal to an earlier one gives the same (failed) verdict: check each text once.
  const usable = variants.map((v, j) => pyStrip(v) !== "" && variants.indexOf(v) === j);
  const strict: boolean[] = [];
  const loose: boolean[] = [];
  item.instructionIds.forEach((id, i) => {
    const check = checkers[id];
    if (!check) throw new Error(`unknown instruction "${id}"`);
    const kwargs = presentKwargs(item.kwargs[i]);
    const pass = (text: string) => check(text, kwargs, item.prompt);
    const strictPass = usable[0] && pass(response);
    strict.push(strictPass);
    loose.push(strictPass || variants.some((v, j) => j > 0 && usable[j] && pass(v)));
  });
  return { strict, loose };
}
