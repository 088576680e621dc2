/**
 * The Hendrycks MATH / PRM800K `normalize_answer` (`math_normalize.py`) that EvalScope's AIME
 * benchmarks apply to the extracted answer before grading with {@link gradeAnswer}.
 *
 * @module
 */

import { codePoints, pyInt, pyStrip } from "./py_compat.ts";
import { fixFracs } from "./normalize_math_answer.ts";

const TEXT_WRAPPED = /^\\text\{([^\n]+?)\}$/;

/** Thrown where the Python code raises (an IndexError or a failed assert). */
class NormalizeError extends Error {}

function fixSlash(text: string): string {
  const parts = text.split("/");
  if (parts.length !== 2) return text;
  const [a, b] = parts.map((part) => pyInt(part));
  if (a === undefined || b === undefined) return text;
  if (text !== `${a}/${b}`) return text;
  return `\\frac{${a}}{${b}}`;
}

function removeRightUnits(text: string): string {
  if (!text.includes("\\text{ ")) return text;
  const parts = text.split("\\text{ ");
  if (parts.length !== 2) throw new NormalizeError("two units");
  return parts[0];
}

function fixSqrt(text: string): string {
  if (!text.includes("\\sqrt")) return text;
  const parts = text.split("\\sqrt");
  let out = parts[0];
  for (const part of parts.slice(1)) {
    const chars = codePoints(part);
    if (chars.length === 0) throw new NormalizeError("\\sqrt at the end");
    out += chars[0] !== "{" ? `\\sqrt{${chars[0]}}${chars.slice(1).join("")}` : `\\sqrt${part}`;
  }
  return out;
}

function stripString(input: string): string {
  let s = input.replaceAll("\n", "").replaceAll("\\!", "").replaceAll("\\\\", "\\");
  s = s.replaceAll("tfrac", "frac").replaceAll("dfrac", "frac");
  s = s.replaceAll("\\left", "").replaceAll("\\right", "");
  s = s.replaceAll("^{\\circ}", "").replaceAll("^\\circ", "");
  s = s.replaceAll("\\$", "");
  s = removeRightUnits(s);
  s = s.replaceAll("\\%", "");
  s = s.replaceAll(" .", " 0.").replaceAll("{.", "{0.");
  if (s.length === 0) return s;
  if (s[0] === ".") s = "0" + s;
  const sides = s.split("=");
  if (sides.length === 2 && codePoints(sides[0]).length <= 2) s = sides[1];
  s = fixSqrt(s);
  s = s.replaceAll(" ", "");
  s = fixFracs(s, {
    onBareFrac: () => {
      throw new NormalizeError("\\frac at the end");
    },
  });
  if (s === "0.5") s = "\\frac{1}{2}";
  return fixSlash(s);
}

/**
 * Hendrycks/PRM800K answer normalisation: drops `\text{…}` wrappers, `\left`/`\right`, degrees,
 * `\$`, `\%`, right-hand units and spaces; fixes `\sqrt3`, `\frac12`, `0.5` and `a/b`. Where the
 * Python raises midway it returns the input as it stood (minus an outer `\text{}`).
 */
export function normalizeAnswer(answer: string): string {
  let text = pyStrip(answer);
  const wrapped = TEXT_WRAPPED.exec(text);
  if (wrapped) text = pyStrip(wrapped[1]);
  try {
    return stripString(text);
  } catch (error) {
    if (error instanceof NormalizeError) return text;
    throw error;
  }
}
