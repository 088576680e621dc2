/**
 * The PRM800K `grade_answer` that EvalScope's `aime24`/`aime25`/`aime26` use: normalise both
 * answers two ways, split tuples, insist on exact forms for fractions and integers, and only
 * then test `(truth)-(given) == 0` (sympy in the original; a numeric check here).
 *
 * @module
 */

import { normalizeAnswer } from "./hendrycks_normalize.ts";
import { evaluatePlain, plainVariables } from "./plain_expression.ts";
import { PY_DIGIT, pyFloat, pyInt } from "./py_compat.ts";

const TEXT_WRAPPED = /^\\text\{([^\n]+?)\}$/;
const UNITS = [
  "degree",
  "cm",
  "centimeter",
  "meter",
  "mile",
  "second",
  "minute",
  "hour",
  "day",
  "week",
  "month",
  "year",
  "foot",
  "feet",
  "inch",
  "yard",
];
const UNIT_PATTERNS = UNITS.map((unit) => new RegExp(`${unit}(es)?(s)? *(\\^[0-9]+)?`, "g"));
const COMMA_THOUSANDS = new RegExp(`(${PY_DIGIT})(,)(${PY_DIGIT}{3})($|[^${PY_DIGIT}])`, "u");

/** `_strip_properly_formatted_commas`: `1,000` → `1000`, tuple commas kept. */
function stripThousands(text: string): string {
  let current = text;
  while (true) {
    const next = current.replace(new RegExp(COMMA_THOUSANDS, "gu"), "$1$3$4");
    if (next === current) return next;
    current = next;
  }
}

/** Close to an integer (within 1e-7), as the grader's `_is_int`. */
function nearInteger(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value - Math.round(value)) <= 1e-7;
}

function strIsInt(text: string): boolean {
  const value = pyFloat(stripThousands(text));
  return value !== undefined && nearInteger(value);
}

/** `_str_to_int`: commas removed, parsed as a float, truncated (`2.99999999` → 2). */
function strToInt(text: string): string {
  const value = pyFloat(text.replaceAll(",", "")) ?? 0;
  return BigInt(Math.trunc(value)).toString();
}

/** `a` as pylatexenc prints a fraction part: bare when alphanumeric, else in parentheses. */
function fracPart(text: string): string {
  return /^[a-zA-Z0-9.]+$/.test(text) ? text : `(${text})`;
}

/**
 * A plain-text rendering of the LaTeX that matters for answers, standing in for the grader's
 * pylatexenc step: `\frac{7}{2}` → `7/2`, `3\frac{1}{2}` → `3 1/2`, `\sqrt{2}` → `sqrt(2)`,
 * `\pi` → `pi`; other commands are dropped.
 */
function latexToText(latex: string): string {
  let s = latex.replaceAll("\\tfrac", "\\frac").replaceAll("\\dfrac", "\\frac")
    .replaceAll("\\frac", " \\frac");
  s = s.replaceAll("\\left", "").replaceAll("\\right", "");
  for (let i = 0; i < 8 && /\\(?:frac|sqrt)\{/.test(s); i++) {
    s = s.replace(
      /\\frac\{([^{}]*)\}\{([^{}]*)\}/g,
      (_, a: string, b: string) => `${fracPart(a)}/${fracPart(b)}`,
    )
      .replace(/\\sqrt\{([^{}]*)\}/g, "sqrt($1)");
  }
  s = s.replaceAll("\\pi", "pi").replaceAll("\\infty", "inf").replaceAll("\\cup", "U");
  s = s.replaceAll("\\cdot", "*").replaceAll("\\times", "*");
  s = s.replace(/\\(?:text|mathrm|mathbf|textbf|operatorname)\{([^{}]*)\}/g, "$1");
  s = s.replace(/\\[a-zA-Z]+/g, "").replace(/\\./g, " ");
  return s.replaceAll("{", "").replaceAll("}", "").trim();
}

/** The grader's `_normalize`. */
function normalizeForGrading(input: string): string {
  let expr = input;
  const wrapped = TEXT_WRAPPED.exec(expr);
  if (wrapped) expr = wrapped[1];
  expr = expr.replaceAll("\\%", "%").replaceAll("\\$", "$").replaceAll("$", "").replaceAll("%", "");
  expr = expr.replaceAll(" or ", " , ").replaceAll(" and ", " , ");
  expr = expr.replaceAll("million", "*10^6").replaceAll("billion", "*10^9")
    .replaceAll("trillion", "*10^12");
  for (const pattern of UNIT_PATTERNS) expr = expr.replace(pattern, "");
  expr = expr.replace(/\^ *\\circ/g, "");
  if (expr.length > 0 && expr.startsWith("{") && expr.endsWith("}")) expr = expr.slice(1, -1);
  expr = expr.replace(/,\\! */g, "");
  const asFloat = pyFloat(expr);
  if (asFloat !== undefined && nearInteger(asFloat)) {
    expr = BigInt(Math.round(asFloat)).toString();
  }
  if (expr.includes("\\")) expr = latexToText(expr);
  expr = expr.replace(/- */g, "-");
  expr = expr.replace(/([0-9]) +([0-9])/g, "$1+$2");
  expr = expr.replaceAll(" ", "").replaceAll("{", "").replaceAll("}", "").toLowerCase();
  if (strIsInt(expr)) expr = strToInt(expr);
  return expr;
}

const TUPLE_CHARS = "()[]";

function splitTuple(text: string): string[] {
  const expr = stripThousands(text);
  if (expr.length === 0) return [];
  const inner = expr.slice(1, -1);
  if (
    expr.length > 2 && TUPLE_CHARS.includes(expr[0]) &&
    TUPLE_CHARS.includes(expr[expr.length - 1]) &&
    ![...TUPLE_CHARS].some((char) => inner.includes(char))
  ) return inner.split(",").map((elem) => elem.trim());
  return [expr];
}

function isFrac(text: string): boolean {
  return /^-?[0-9]+.?\/0*[1-9][0-9]*.?$/.test(text);
}

/** `should_allow_eval`: at most two letters, no `^{`, `^(`, `^2^` or two-digit exponents. */
function allowEval(expr: string): boolean {
  const letters = new Set(
    [...expr.replaceAll("sqrt", "").replaceAll("frac", "")].filter((c) => /\p{L}/u.test(c)),
  );
  if (letters.size > 2) return false;
  if (expr.includes("^{") || expr.includes("^(")) return false;
  return !/\^[0-9]+\^/.test(expr) && !/\^[0-9][0-9]+/.test(expr);
}

const POINTS = [0.5377, 1.8339, -2.2588, 0.8622, 2.7694];

/** `(truth)-(given)` is zero: exact for integers, else numerically at fixed points. */
function equalUnderEvaluation(truth: string, given: string): boolean {
  const expr = `(${truth})-(${given})`;
  if (!allowEval(expr)) return false;
  const a = pyInt(truth);
  const b = pyInt(given);
  if (a !== undefined && b !== undefined) return a === b;
  const names = plainVariables(expr);
  let checked = 0;
  for (let p = 0; p < POINTS.length; p++) {
    const vars: Record<string, number> = {};
    names.forEach((name, j) => vars[name] = POINTS[(p + 2 * j) % POINTS.length]);
    const t = evaluatePlain(`(${truth})`, vars);
    const g = evaluatePlain(`(${given})`, vars);
    if (t === undefined || g === undefined) return false;
    if (!Number.isFinite(t) || !Number.isFinite(g)) return false;
    if (Math.abs(t - g) > 1e-9 * Math.max(1, Math.abs(t), Math.abs(g))) return false;
    checked++;
    if (names.length === 0) break;
  }
  return checked > 0;
}

/**
 * PRM800K's `grade_answer(given, truth)`: equal after Hendrycks normalisation, or after the
 * grader's own normalisation, or element by element (same tuple brackets and length), where
 * fractions must match exactly, an integer truth needs an integer answer, and anything else
 * must make `(truth)-(given)` vanish.
 */
export function gradeAnswer(given: string, truth: string): boolean {
  if (normalizeAnswer(truth) === normalizeAnswer(given)) return true;
  const truthNorm = normalizeForGrading(truth);
  const givenNorm = normalizeForGrading(given);
  if (truthNorm === givenNorm) return true;
  if (givenNorm.length === 0) return false;
  const truthElems = splitTuple(truthNorm);
  const givenElems = splitTuple(givenNorm);
  if (
    truthElems.length > 1 &&
    (truthNorm[0] !== givenNorm[0] ||
      truthNorm[truthNorm.length - 1] !== givenNorm[givenNorm.length - 1])
  ) return false;
  if (truthElems.length !== givenElems.length) return false;
  return truthElems.every((truthElem, i) => {
    const givenElem = givenElems[i];
    if (isFrac(truthElem) && isFrac(givenElem)) return truthElem === givenElem;
    if (strIsInt(truthElem) !== strIsInt(givenElem)) return false;
    return equalUnderEvaluation(truthElem, givenElem);
  });
}
