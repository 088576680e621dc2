/**
 * EvalScope's `strip_answer_string` (from the Qwen2.5-Math toolkit), step for step: the
 * normalisation applied to an extracted math answer and to the reference before comparing.
 *
 * @module
 */

import { convertWordNumber } from "./word_to_number.ts";
import {
  asciiDigits,
  codePoints,
  PY_DIGIT,
  PY_SPACE,
  pyInt,
  pyRstrip,
  pyStrip,
} from "./py_compat.ts";

const D = PY_DIGIT;

/**
 * `_fix_fracs`: `\frac12` → `\frac{1}{2}`, `\frac1{72}` → `\frac{1}{72}`; too short a `\frac`
 * leaves the text unchanged. Where the Python raises on a `\frac` at the very end (Hendrycks'
 * `normalize_answer`), the caller passes `onBareFrac`, which is called there instead.
 */
export function fixFracs(text: string, options: { onBareFrac?: () => never } = {}): string {
  const pieces = text.split("\\frac");
  let out = pieces[0];
  for (const piece of pieces.slice(1)) {
    out += "\\frac";
    const chars = codePoints(piece);
    if (chars.length === 0) options.onBareFrac?.();
    if (chars.length > 0 && chars[0] === "{") {
      out += piece;
      continue;
    }
    if (chars.length < 2) return text;
    const [a, b] = chars;
    const rest = chars.slice(2).join("");
    out += b !== "{" ? `{${a}}{${b}}${rest}` : `{${a}}${b}${rest}`;
  }
  return out;
}

const CANONICAL_INT = /^(?:0|-?[1-9][0-9]*)$/;

/** `_fix_a_slash_b`: `3/4` → `\frac{3}{4}` when both sides are plain integers (or contain sqrt). */
export function fixSlash(text: string): string {
  const parts = text.split("/");
  if (parts.length !== 2) return text;
  const [a, b] = parts;
  const sideOk = (side: string) => side.includes("sqrt") || canonicalInt(side);
  if (!sideOk(a) || !sideOk(b)) return text;
  return `\\frac{${a}}{${b}}`;
}

/** True when Python's `str(int(side)) == side`, i.e. the text is an integer in canonical form. */
function canonicalInt(side: string): boolean {
  return CANONICAL_INT.test(side) && pyInt(side) !== undefined;
}

const SQRT_WORD = /\\sqrt([\p{L}\p{N}_]+)/gu;
const TEXT_WORD = /\\text\{([a-zA-Z]+)\}/g;
const ARRAY_BEGIN = /\\begin\{array\}\{[^\n]*?\}/g;
const TRAILING_TEXT = /\\text\{[^\n]*?\}$/;
const TEXT_ANY = /\\text\{([^\n]*?)\}/g;
const MBOX = /\\mbox\{[^\n]*?\}/g;
const DECIMAL_ZEROS_MID = new RegExp(`(${D}+)\\.0*([^${D}])`, "gu");
const DECIMAL_ZEROS_END = new RegExp(`(${D}+)\\.0*$`, "u");
const BACKSLASH_INT = new RegExp(`\\\\(?=-?${D}+(\\\\|\\)|,|\\]|$))`, "gu");
const THOUSANDS = new RegExp(
  `^[${PY_SPACE}]*-?${D}{1,3}(?:,${D}{3})+(?:\\.${D}+)?[${PY_SPACE}]*$`,
  "u",
);
const INT_ITEM = new RegExp(`^[${PY_SPACE}]*-?${D}+[${PY_SPACE}]*$`, "u");
/** LaTeX spacing commands, read as a space (`3\,000`, `a=1,\quad b=2`, `(7,11),\ (11,7)`). */
const SPACING = /(?<!\\)\\(?:qquad|quad|enspace|thinspace|medspace|thickspace|[,;: ]|>)|~/g;
/** Text-style wrappers that mean what `\text{…}` means (`125\textnormal{ miles}`). */
const TEXT_STYLE = /\\(?:textnormal|textbf|textit|textrm|textsf|texttt|textup|mathrm|mathit)\{/g;
/** A percent word after the number (`28 percent`, `28 pct`): the same as `\%`, which is dropped. */
const PERCENT_WORD = /(?<=[\p{Nd}}])[\s]*(?:percent|per[\s]*cent|pct)\.?$/iu;
/** A mixed number written with a space: `4 4/9` or `-4 4/9` (else spaces vanish and it reads 44/9). */
const MIXED_NUMBER = /^(-?\p{Nd}+)[\s]+(\p{Nd}+)[\s]*\/[\s]*(\p{Nd}+)$/u;
const PREFIX_KEYS = ["x=", "y=", "z=", "x\\in", "y\\in", "z\\in", "x\\to", "y\\to", "z\\to"];

/**
 * Normalises one math answer like EvalScope's `strip_answer_string`, after a few deliberate
 * clean-ups of lmeter's (spacing commands such as `\,` and `\quad` become spaces;
 * `\textnormal{}`/`\textbf{}`/`\mathrm{}` read as `\text{}`; a trailing comma goes; `28 percent`
 * and `28 pct` read as `28\%`; `4 4/9` is the mixed number `4\frac{4}{9}`). Then: drops `\text{}`
 * units, `^\circ`, `$`, `%`, spaces, `\left`/`\right`, `x=` prefixes and the word "and";
 * rewrites `dfrac`/`tfrac`, `\frac12`, `a/b` and `\sqrt2`; converts number words; removes
 * thousands separators and trailing `.0`; sorts a bare list of integers (`3,1` → `1,3`).
 */
export function normalizeMathAnswer(answer: string): string {
  let s = pyStrip(answer).replaceAll("\n", "");
  s = pyRstrip(s, ".");
  // Deliberate additions (issue 19): spacing commands, text-style wrappers, a trailing comma,
  // percent words and mixed numbers, before EvalScope's steps (see docs/scoring.md).
  s = pyStrip(s.replace(SPACING, " ").replace(TEXT_STYLE, "\\text{"));
  s = pyRstrip(pyRstrip(s, ",;"));
  s = s.replace(PERCENT_WORD, "");
  s = s.replace(MIXED_NUMBER, (_, whole: string, num: string, den: string) => {
    const w = BigInt(asciiDigits(whole));
    const sign = whole.startsWith("-") ? -1n : 1n;
    const d = BigInt(asciiDigits(den));
    return `\\frac{${w * d + sign * BigInt(asciiDigits(num))}}{${d}}`;
  });
  s = s.replaceAll("\\!", "");
  s = s.replace(ARRAY_BEGIN, "\\begin{pmatrix}").replaceAll("\\end{array}", "\\end{pmatrix}");
  s = s.replaceAll("bmatrix", "pmatrix");
  s = s.replaceAll("tfrac", "frac").replaceAll("dfrac", "frac");
  s = s.replaceAll("\\neq", "\\ne").replaceAll("\\leq", "\\le").replaceAll("\\geq", "\\ge");
  s = s.replaceAll("\\left", "").replaceAll("\\right", "");
  s = s.replaceAll("\\{", "{").replaceAll("\\}", "}");
  s = s.replace(TEXT_WORD, (whole, word: string) => {
    const lower = word.toLowerCase();
    const converted = convertWordNumber(lower);
    return converted === lower ? whole : converted;
  });
  s = s.replace(/(cm|inches)\}\^2/g, "$1}");
  const withoutUnit = pyStrip(s.replace(TRAILING_TEXT, ""));
  if (withoutUnit !== "" && withoutUnit !== s) s = withoutUnit;
  s = s.replaceAll("^{\\circ}", "").replaceAll("^\\circ", "");
  s = s.replaceAll("\\$", "").replaceAll("$", "").replaceAll("\\(", "").replaceAll("\\)", "");
  s = convertWordNumber(s);
  s = s.replace(TEXT_ANY, "$1");
  for (const key of PREFIX_KEYS) s = s.replaceAll(key, "");
  s = s.replaceAll("\\emptyset", "{}").replaceAll("(-\\infty,\\infty)", "\\mathbb{R}");
  s = s.replaceAll("\\%", "").replaceAll("%", "");
  s = s.replaceAll(" .", " 0.").replaceAll("{.", "{0.");
  // (EvalScope's "strip enclosing brackets when alphanumeric" test can never pass: skipped.)
  s = s.replaceAll("infinity", "\\infty");
  if (!s.includes("\\infty")) s = s.replaceAll("inf", "\\infty");
  s = s.replaceAll("+\\inity", "\\infty");
  s = s.replaceAll("and", "").replaceAll("\\mathbf", "");
  s = s.replace(MBOX, "");
  s = s.replaceAll("'", "").replaceAll('"', "");
  if (s.includes("j") && !s.includes("i")) s = s.replaceAll("j", "i");
  s = s.replace(DECIMAL_ZEROS_MID, "$1$2").replace(DECIMAL_ZEROS_END, "$1");
  if (s.length === 0) return s;
  if (s[0] === ".") s = "0" + s;
  const sides = s.split("=");
  if (sides.length === 2 && codePoints(sides[0]).length <= 2) s = sides[1];
  s = s.replace(SQRT_WORD, "\\sqrt{$1}");
  s = s.replaceAll(" ", "");
  s = fixFracs(s);
  s = fixSlash(s);
  s = s.replace(BACKSLASH_INT, "");
  s = s.replace(/thgrade$/, "");
  if (THOUSANDS.test(s)) s = s.replaceAll(",", "");
  return sortIntegerList(s);
}

/** A bare comma-separated list of integers is sorted ascending (`3,1` → `1,3`; `007` → `7`). */
function sortIntegerList(text: string): string {
  const items = text.split(",");
  if (!items.every((item) => INT_ITEM.test(item))) return text;
  const values = items.map((item) => pyInt(item) ?? -1n);
  values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return values.join(",");
}
