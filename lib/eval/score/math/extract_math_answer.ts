/**
 * EvalScope's math answer extraction (`evalscope.metrics.math.parser.extract_answer`, derived
 * from the Qwen2.5-Math toolkit), followed by `normalizeMathAnswer`.
 *
 * @module
 */

import { normalizeMathAnswer } from "./normalize_math_answer.ts";
import { PY_DIGIT, PY_SPACE, pyStrip } from "./py_compat.ts";

/** Options of {@link extractMathAnswer}. */
export interface ExtractMathOptions {
  /** Fall back to the last number in the text when no marker is found. Default true. */
  useLastNumber?: boolean;
  /**
   * Also read `\fbox{…}` when the text has no `boxed` at all. Default true. EvalScope ignores
   * `\fbox` (its last-number fallback then usually finds the same number).
   */
  fbox?: boolean;
  /** Skip `normalizeMathAnswer` and return the raw extracted text. Default false. */
  raw?: boolean;
}

const LAST_NUMBER = new RegExp(`-?${PY_DIGIT}*\\.?${PY_DIGIT}+`, "gu");
const NEWLINE_RUN = new RegExp(`\\n[${PY_SPACE}]*`, "g");

/** Text inside the braces that open `tail` (brace-matched); the whole rest when never closed. */
function braceContent(tail: string): string {
  let depth = 1;
  let out = "";
  for (const char of tail.slice(1)) {
    if (char === "{") depth++;
    else if (char === "}") {
      depth--;
      if (depth === 0) break;
    }
    out += char;
  }
  return out;
}

/** What follows the last `marker`: brace-matched group, else the text up to the next `$`. */
function afterBoxMarker(text: string, marker: string): string | undefined {
  const tail = text.slice(text.lastIndexOf(marker) + marker.length);
  if (tail.length === 0) return undefined;
  if (tail[0] === "{") return braceContent(tail);
  return pyStrip(tail.split("$")[0]);
}

/** The raw answer text in EvalScope's priority order, before clean-up; undefined = "". */
function findAnswer(text: string, options: ExtractMathOptions): string | undefined {
  if (text.includes("final answer is $") && text.includes("$. I hope")) {
    const after = text.slice(text.indexOf("final answer is $") + "final answer is $".length);
    return pyStrip(after.split("$. I hope")[0]);
  }
  if (text.includes("boxed")) return afterBoxMarker(text, "boxed");
  if ((options.fbox ?? true) && text.includes("\\fbox{")) return afterBoxMarker(text, "\\fbox");
  if (text.includes("he answer is")) return pyStrip(text.slice(lastAfter(text, "he answer is")));
  if (text.includes("final answer is")) {
    return pyStrip(text.slice(lastAfter(text, "final answer is")));
  }
  if (text.includes("答案是")) {
    // Python's `split('答案是')[1]`: the segment between the first and any second marker.
    const segment = text.split("答案是")[1];
    return pyStrip(pyStrip(segment).split("\n\n")[0]);
  }
  if (text.includes("ANSWER:")) return pyStrip(text.slice(lastAfter(text, "ANSWER:")));
  if (!(options.useLastNumber ?? true)) return "";
  const numbers = text.replaceAll(",", "").match(LAST_NUMBER);
  return numbers ? numbers[numbers.length - 1] : "";
}

function lastAfter(text: string, marker: string): number {
  return text.lastIndexOf(marker) + marker.length;
}

/**
 * Extracts the final answer from a model response, in EvalScope's order: Minerva's
 * "final answer is $…$. I hope"; the last `\boxed{…}` (brace-matched; `boxed 5$` form too);
 * after the last "he answer is"; after the last "final answer is"; after the first `答案是`
 * (up to a blank line); after the last `ANSWER:`; else the last number. The result is
 * normalised with {@link normalizeMathAnswer}. Returns "" when nothing is found.
 */
export function extractMathAnswer(text: string, options: ExtractMathOptions = {}): string {
  const found = findAnswer(text.replaceAll("\u043a\u0438", ""), options);
  if (found === undefined) return "";
  let pred = found.replace(NEWLINE_RUN, "");
  if (pred.startsWith(":")) pred = pred.slice(1);
  if (pred.endsWith(".")) pred = pred.slice(0, -1);
  if (pred.endsWith("/")) pred = pred.slice(0, -1);
  return options.raw ? pred : normalizeMathAnswer(pred);
}
