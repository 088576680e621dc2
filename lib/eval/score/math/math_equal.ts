/**
 * Math answer equivalence, after EvalScope's `math_equal` (Qwen2.5-Math toolkit), with a time
 * bound on every call and a few deliberate corrections (see docs/scoring.md).
 *
 * @module
 */

import { choiceAnswerClean, NUMERIC_REL_TOL, parseDigits } from "./numeric.ts";
import { codePoints, pyIsClose, pyStrip } from "./py_compat.ts";
import { symbolicEqual } from "./symbolic_equal.ts";
import {
  expandPlusMinus,
  type Interval,
  readIntervals,
  splitLabelled,
  splitUnit,
} from "./answer_forms.ts";

/** Options of {@link mathEqual} and {@link mathCompare}. */
export interface MathEqualOptions {
  /** Total time budget of the comparison in ms; symbolic work stops at it. Default 500. */
  timeoutMs?: number;
  /** Also accept the reference ÷100 and ×100 (percentages). Default true, like EvalScope. */
  includePercentage?: boolean;
  /** Compare numbers with relative tolerance 1e-4 (else exactly). Default true. */
  isClose?: boolean;
  /**
   * Read a trailing unit word (`125 miles` is 125; `5 meters` is not `5 seconds`) and the
   * other lmeter readings of issue 19 (labels, `\pm`, inequalities). Default true.
   */
  forms?: boolean;
}

/** Which rule decided a comparison. */
export type MathRule =
  | "string"
  | "choice"
  | "numeric"
  | "brackets"
  | "elementwise"
  | "unordered"
  | "matrix"
  | "equation"
  | "assignment"
  | "symbolic"
  | "unit"
  | "label"
  | "plusminus"
  | "interval"
  | "none";

/** The verdict of {@link mathCompare}. */
export interface MathVerdict {
  /** True when the answers are equivalent. */
  equal: boolean;
  /** The rule that matched ("none" when not equal). */
  rule: MathRule;
  /** True when the time budget ran out; the verdict is then "not equal" for the rest. */
  timedOut: boolean;
}

interface Ctx {
  deadline: number;
  includePercentage: boolean;
  isClose: boolean;
  forms: boolean;
  depth: number;
  timedOut: boolean;
}

const MAX_DEPTH = 6;
const MAX_PARTS = 64;
const TUPLE_START = /^[([][^\n]+[)\]]/;

/**
 * Compares a predicted answer with a reference (both normally normalised by
 * `normalizeMathAnswer`) and says which rule matched. Rules, in order: case-insensitive string
 * equality; reference is a letter A–E and the prediction names it; both numbers, equal within
 * relative 1e-4 to the reference, its ÷100 or ×100 (then final); equal once brackets are
 * dropped; tuples/intervals element-wise; sets and bare lists in any order; matrices
 * element-wise; equations `a=b` as `a-(b)` up to sign; `x=v` against `v`; symbolic equality.
 */
export function mathCompare(
  prediction: string,
  reference: string,
  options: MathEqualOptions = {},
): MathVerdict {
  const ctx: Ctx = {
    deadline: performance.now() + (options.timeoutMs ?? 500),
    includePercentage: options.includePercentage ?? true,
    isClose: options.isClose ?? true,
    forms: options.forms ?? true,
    depth: 0,
    timedOut: false,
  };
  const rule = compare(prediction, reference, ctx);
  return { equal: rule !== "none", rule, timedOut: ctx.timedOut };
}

/** True when `prediction` and `reference` are equivalent math answers (see {@link mathCompare}). */
export function mathEqual(
  prediction: string,
  reference: string,
  options: MathEqualOptions = {},
): boolean {
  return mathCompare(prediction, reference, options).equal;
}

/**
 * The rule of benchmarks whose reference is one number (GSM8K): the normalised answers (commas
 * and trailing `.0` already gone) are the same number, exactly — no relative tolerance, no
 * percentage rule (`2500` is not `25`, `120006` is not `120000`). A prediction that is not a
 * plain number (`\frac{50}{2}`) may still equal it exactly by value.
 */
export function numberEqualExact(
  prediction: string,
  reference: string,
  options: { timeoutMs?: number } = {},
): boolean {
  return mathEqual(prediction, reference, {
    ...options,
    isClose: false,
    includePercentage: false,
    forms: false,
  });
}

function compare(prediction: string, reference: string, ctx: Ctx): MathRule {
  if (pyStrip(prediction).toLowerCase() === pyStrip(reference).toLowerCase()) return "string";
  if (
    ["A", "B", "C", "D", "E"].includes(reference) && choiceAnswerClean(prediction) === reference
  ) {
    return "choice";
  }
  if (ctx.forms) {
    const units = compareUnits(prediction, reference, ctx);
    if (units !== undefined) return units;
  }
  const numeric = compareNumbers(prediction, reference, ctx);
  if (numeric !== undefined) return numeric ? "numeric" : "none";
  if (prediction.length === 0) return "none";
  const pred = pyStrip(prediction);
  let ref = pyStrip(reference);
  if (pred.includes("pmatrix") && !ref.includes("pmatrix")) ref = strToPmatrix(ref);
  if (ctx.forms) {
    const forms = compareForms(pred, ref, ctx);
    if (forms !== undefined) return forms;
  }
  return compareStructure(pred, ref, ctx) ?? compareRelations(pred, ref, ctx) ??
    symbolic(pred, ref, "symbolic", ctx);
}

/**
 * Deliberate (issue 19): a number with a unit word. Two different units are never equal
 * (`5 meters` vs `5 seconds`, `5 cm` vs `5 m`: no tolerance or percentage rule bridges them);
 * with one unit or the same unit on both sides the numbers are compared.
 */
function compareUnits(pred: string, ref: string, ctx: Ctx): MathRule | undefined {
  const p = splitUnit(pyStrip(pred));
  const r = splitUnit(pyStrip(ref));
  if (!p && !r) return undefined;
  if (p && r && p.unit !== r.unit) return "none";
  return nested(ctx, () => compare(p?.value ?? pred, r?.value ?? ref, ctx)) !== "none"
    ? "unit"
    : "none";
}

/** Deliberate (issue 19): `\pm` as two values; inequalities and set-builder sets as intervals. */
function compareForms(pred: string, ref: string, ctx: Ctx): MathRule | undefined {
  const predPm = expandPlusMinus(pred);
  const refPm = expandPlusMinus(ref);
  if ((predPm && !ref.includes("\\pm")) || (refPm && !pred.includes("\\pm"))) {
    const left = predPm ?? collectionItems(pred) ?? [pred];
    const right = refPm ?? collectionItems(ref) ?? [ref];
    return itemsMatch(left, right, ctx) ? "plusminus" : "none";
  }
  const predIv = readIntervals(pred);
  const refIv = readIntervals(ref);
  if (predIv && refIv && (predIv.inequality || refIv.inequality)) {
    return intervalsEqual(predIv.pieces, refIv.pieces, ctx) ? "interval" : "none";
  }
  return undefined;
}

/**
 * `label=value` against a plain answer compares the value (`(p,q)=(3,2)` vs `(3,2)`, `|AB|=1`
 * vs `1`); two labelled answers with the same label compare their values. Different labels
 * fall through to the equation rule (`a=2b` is `b=a/2`).
 */
function compareLabels(pred: string, ref: string, ctx: Ctx): MathRule | undefined {
  const p = splitLabelled(pred);
  const r = splitLabelled(ref);
  if (p && r) {
    if (p.label !== r.label) return undefined;
    return nested(ctx, () => compare(p.value, r.value, ctx)) !== "none" ? "label" : "none";
  }
  if (p && !ref.includes("=")) {
    return nested(ctx, () => compare(p.value, ref, ctx)) !== "none" ? "label" : "none";
  }
  if (r && !pred.includes("=")) {
    return nested(ctx, () => compare(pred, r.value, ctx)) !== "none" ? "label" : "none";
  }
  return undefined;
}

function intervalsEqual(a: Interval[], b: Interval[], ctx: Ctx): boolean {
  if (a.length !== b.length) return false;
  const same = (x: string, y: string) =>
    x === y || nested(ctx, () => compare(x, y, ctx)) !== "none";
  return a.every((piece, i) => {
    const other = b[i];
    return piece.lowClosed === other.lowClosed && piece.highClosed === other.highClosed &&
      same(piece.low, other.low) && same(piece.high, other.high);
  });
}

/** Same items in any order, each used once. */
function itemsMatch(left: string[], right: string[], ctx: Ctx): boolean {
  if (left.length !== right.length || left.length > MAX_PARTS) return false;
  const used = new Set<number>();
  return left.every((item) => {
    const index = right.findIndex((other, i) =>
      !used.has(i) && nested(ctx, () => compare(item, other, ctx)) !== "none"
    );
    if (index >= 0) used.add(index);
    return index >= 0;
  });
}

/** Runs a recursive comparison one level deeper; "none" past the depth limit. */
function nested(ctx: Ctx, run: () => MathRule): MathRule {
  if (ctx.depth >= MAX_DEPTH) return "none";
  ctx.depth++;
  try {
    return run();
  } finally {
    ctx.depth--;
  }
}

/**
 * Both numbers: the numeric verdict (final). Not both numbers: undefined. Deliberate: two
 * integers are never "close" — the relative tolerance only bridges a rounded decimal
 * (`120006` is not `120000`; EvalScope's 1e-4 made them equal).
 */
function compareNumbers(prediction: string, reference: string, ctx: Ctx): boolean | undefined {
  const pred = parseDigits(prediction);
  const ref = parseDigits(reference);
  if (pred === undefined || ref === undefined) return undefined;
  const candidates = ctx.includePercentage ? [ref / 100, ref, ref * 100] : [ref];
  const close = ctx.isClose && !Number.isInteger(pred);
  return candidates.some((item) =>
    close || (ctx.isClose && !Number.isInteger(item))
      ? pyIsClose(item, pred, NUMERIC_REL_TOL)
      : item === pred
  );
}

/** EvalScope's `str_to_pmatrix`: `{1,2},{3,4}` → pmatrix text (one matrix per brace group). */
function strToPmatrix(text: string): string {
  const groups = pyStrip(text).match(/\{[^\n]*,[^\n]*\}/g) ?? [];
  return groups.map((group) => {
    const body = group.replace(/^[{}]+|[{}]+$/g, "");
    return "\\begin{pmatrix}" + body.replaceAll(",", "\\") + "\\end{pmatrix}";
  }).join(", ");
}

function outerBrackets(text: string): string | undefined {
  const chars = codePoints(text);
  const first = chars[0];
  const last = chars[chars.length - 1];
  if ((first === "(" || first === "[") && (last === ")" || last === "]")) return first + last;
  return undefined;
}

/** Brackets, tuples, intervals, sets, lists and matrices. */
function compareStructure(pred: string, ref: string, ctx: Ctx): MathRule | undefined {
  // Deliberate: `[1,2]` is not `[1,2)` (EvalScope ignores which brackets close an interval).
  const predOuter = outerBrackets(pred);
  const refOuter = outerBrackets(ref);
  const bracketsAgree = !predOuter || !refOuter || predOuter === refOuter;
  let predStr = pred;
  let refStr = ref;
  if (
    (pred.startsWith("[") && pred.endsWith("]") && !ref.startsWith("(")) ||
    (pred.startsWith("(") && pred.endsWith(")") && !ref.startsWith("["))
  ) {
    predStr = stripChars(predStr, "[]()");
    refStr = stripChars(refStr, "[]()");
  }
  predStr = predStr.replace(/[{}()]/g, "");
  refStr = refStr.replace(/[{}()]/g, "");
  if (bracketsAgree && predStr.toLowerCase() === refStr.toLowerCase()) return "brackets";
  if (bracketsAgree && TUPLE_START.test(pred) && TUPLE_START.test(ref)) {
    const predParts = codePoints(pred).slice(1, -1).join("").split(",");
    const refParts = codePoints(ref).slice(1, -1).join("").split(",");
    if (allEqual(predParts, refParts, ctx)) return "elementwise";
  }
  if (unorderedEqual(pred, ref, ctx)) return "unordered";
  if (matrixEqual(pred, ref, ctx)) return "matrix";
  return undefined;
}

function stripChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start])) start++;
  while (end > start && chars.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

function allEqual(predParts: string[], refParts: string[], ctx: Ctx): boolean {
  if (predParts.length !== refParts.length || predParts.length > MAX_PARTS) return false;
  if (ctx.depth >= MAX_DEPTH) return false;
  ctx.depth++;
  try {
    return predParts.every((part, i) => compare(part, refParts[i], ctx) !== "none");
  } finally {
    ctx.depth--;
  }
}

/** Splits on commas outside any brackets; undefined when brackets do not balance. */
function topLevelItems(text: string): string[] | undefined {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if ("({[".includes(char)) depth++;
    if (")}]".includes(char)) depth--;
    if (depth < 0) return undefined;
    if (char === "," && depth === 0) {
      items.push(current);
      current = "";
    } else current += char;
  }
  if (depth !== 0) return undefined;
  items.push(current);
  return items;
}

/** The items of a bare list `a,b` (top-level commas) or of a brace set `{a,b}`, else undefined. */
function collectionItems(text: string): string[] | undefined {
  const top = topLevelItems(text);
  if (!top) return undefined;
  if (top.length >= 2) return top;
  if (!text.startsWith("{") || !text.endsWith("}")) return undefined;
  const inner = topLevelItems(text.slice(1, -1));
  return inner && inner.length >= 2 ? inner : undefined;
}

/** Deliberate addition: sets and bare lists match in any order (each item used once). */
function unorderedEqual(pred: string, ref: string, ctx: Ctx): boolean {
  const predItems = collectionItems(pred);
  const refItems = collectionItems(ref);
  if (!predItems || !refItems || predItems.length !== refItems.length) return false;
  if (predItems.length > MAX_PARTS || ctx.depth >= MAX_DEPTH) return false;
  ctx.depth++;
  try {
    const used = new Set<number>();
    return predItems.every((item) => {
      const index = refItems.findIndex((other, i) =>
        !used.has(i) && compare(item, other, ctx) !== "none"
      );
      if (index < 0) return false;
      used.add(index);
      return true;
    });
  } finally {
    ctx.depth--;
  }
}

const MATRIX_BEGIN = ["\\begin{pmatrix}", "\\begin{bmatrix}"];
const MATRIX_END = ["\\end{pmatrix}", "\\end{bmatrix}"];

function matrixRows(text: string): string[][] | undefined {
  const begin = MATRIX_BEGIN.find((tag) => text.startsWith(tag));
  const end = MATRIX_END.find((tag) => text.endsWith(tag));
  if (!begin || !end) return undefined;
  const body = text.slice(begin.length, text.length - end.length);
  // Deliberate: normalisation turns the row break before an integer (`1\\2`) into `1\2`; split
  // on that too, or EvalScope's own rows never separate (it then compares the matrix as text).
  return body.split(/\\\\|\\(?=-?\d)/).map((line) => pyStrip(line)).filter((line) =>
    line.length > 0
  )
    .map((line) => line.split("&"));
}

function matrixEqual(pred: string, ref: string, ctx: Ctx): boolean {
  const predRows = matrixRows(pred);
  const refRows = matrixRows(ref);
  if (!predRows || !refRows || predRows.length !== refRows.length) return false;
  return predRows.every((row, i) => allEqual(row, refRows[i], ctx));
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Equations and `x=value` assignments. */
function compareRelations(pred: string, ref: string, ctx: Ctx): MathRule | undefined {
  const predEq = count(pred, "=");
  const refEq = count(ref, "=");
  if (predEq === 1 && refEq === 1) {
    const [pl, pr] = pred.split("=");
    const [rl, rr] = ref.split("=");
    const p = `${pyStrip(pl)} - (${pyStrip(pr)})`;
    const r = `${pyStrip(rl)} - (${pyStrip(rr)})`;
    if (symbolic(p, r, "equation", ctx) !== "none") return "equation";
    if (symbolic(`-(${p})`, r, "equation", ctx) !== "none") return "equation";
    // Deliberate: equal up to a non-zero factor (symbolic_equal's `proportional`).
    if (ctx.forms && symbolic(pred, ref, "equation", ctx) !== "none") return "equation";
    return undefined;
  }
  if (predEq === 1 && codePoints(pyStrip(pred.split("=")[0])).length <= 2 && refEq === 0) {
    return compare(pred.split("=")[1], ref, ctx) !== "none" ? "assignment" : undefined;
  }
  if (refEq === 1 && codePoints(pyStrip(ref.split("=")[0])).length <= 2 && predEq === 0) {
    return compare(pred, ref.split("=")[1], ctx) !== "none" ? "assignment" : undefined;
  }
  const labelled = ctx.forms ? compareLabels(pred, ref, ctx) : undefined;
  if (labelled) return labelled;
  if (ctx.forms && predEq === 1 && refEq === 0) return solvedFor(pred, ref, ctx);
  if (ctx.forms && refEq === 1 && predEq === 0) return solvedFor(ref, pred, ctx);
  return undefined;
}

const LETTERS = /(?<![\\a-zA-Z])[a-zA-Z](?![a-zA-Z])/g;

/**
 * Deliberate (issue 19): an equation against the right-hand side of a solved form whose
 * `y=` normalisation removed (`2x+4y-3=0` vs `-\frac{1}{2}x+\frac{3}{4}`): the equation
 * equals `v=expression` for one of its letters that the expression lacks.
 */
function solvedFor(equation: string, expression: string, ctx: Ctx): MathRule | undefined {
  const inExpression = new Set(expression.match(LETTERS) ?? []);
  const candidates = [...new Set(equation.match(LETTERS) ?? [])].filter((v) =>
    !inExpression.has(v)
  );
  if (candidates.length === 0 || candidates.length > 2) return undefined;
  for (const v of candidates) {
    if (symbolic(equation, `${v}=${expression}`, "equation", ctx) !== "none") return "equation";
  }
  return undefined;
}

function symbolic(pred: string, ref: string, rule: MathRule, ctx: Ctx): MathRule {
  if (ctx.timedOut) return "none";
  const outcome = symbolicEqual(pred, ref, ctx.deadline, { exact: !ctx.isClose });
  if (outcome.timedOut) ctx.timedOut = true;
  return outcome.equal ? rule : "none";
}
