/**
 * Symbolic equality of two LaTeX answers, standing in for the sympy step of EvalScope's
 * `math_equal`. `@cortex-js/compute-engine` parses and canonicalises; a bounded evaluator of our
 * own ({@link evaluateMathJson}) does the numbers, because the engine's evaluation can run for
 * minutes. Every call is guarded ({@link symbolicRisk}), runs in a throw-away scope (so one
 * answer's `f(x)` cannot change how the next is parsed) and under the engine's time limit.
 *
 * @module
 */

import { ComputeEngine, type Expression } from "@cortex-js/compute-engine";
import { evaluateMathJson, mathJsonVariables } from "./mathjson_eval.ts";
import { symbolicRisk } from "./symbolic_guard.ts";
import { NUMERIC_REL_TOL } from "./numeric.ts";
import { pyIsClose } from "./py_compat.ts";
import { evaluatePlain, plainVariables } from "./plain_expression.ts";

type Engine = ComputeEngine;
type Expr = Expression;

/** Outcome of one symbolic comparison. */
export interface SymbolicOutcome {
  /** True when the answers were shown equal. */
  equal: boolean;
  /** True when the time budget ran out before a verdict (the verdict is then false). */
  timedOut: boolean;
  /** Why the engine was not used, when a guard refused an answer. */
  refused?: string;
}

let engine: Engine | undefined;

/** Letters declared as real variables, so `x(x+1)` is a product, not a function call. */
const VARIABLES = "abcdfghjklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

function getEngine(): Engine {
  if (engine) return engine;
  const ce = new ComputeEngine();
  ce.pushScope();
  for (const name of VARIABLES) ce.declare(name, "real");
  engine = ce;
  return ce;
}

/** Fixed sample values (no randomness: a verdict must not change between runs). */
const SAMPLES = [0.5377, 1.8339, -2.2588, 0.8622, 0.3188, -1.3077, 2.7694, -0.4336, 1.4172];
const SAMPLE_POINTS = 6;
const IDENTITY_REL_TOL = 1e-7;
const IDENTITY_ABS_TOL = 1e-9;
/** "Exact" for doubles: agreement to about the last few bits (`\frac{1}{3}` vs `0.3333333333333333`). */
const EXACT_REL_TOL = 1e-12;

function closeTo(a: number, b: number): boolean {
  return Math.abs(a - b) <=
    Math.max(IDENTITY_ABS_TOL, IDENTITY_REL_TOL * Math.max(Math.abs(a), Math.abs(b)));
}

/** The values of `names` at fixed sample point `point` (each variable its own offset). */
function samplePoint(names: readonly string[], point: number): Record<string, number> {
  const vars: Record<string, number> = {};
  names.forEach((name, j) => vars[name] = SAMPLES[(point + 3 * j) % SAMPLES.length]);
  return vars;
}

/** True when `a` and `b` (or `-b`) agree at every fixed sample point where both are defined. */
function sameFunction(a: unknown, b: unknown, negate: boolean): boolean {
  const names = [...mathJsonVariables(b, mathJsonVariables(a))];
  if (names.length > 4) return false;
  const sign = negate ? -1 : 1;
  let agreeing = 0;
  for (let point = 0; point < SAMPLE_POINTS; point++) {
    const vars = samplePoint(names, point);
    const va = evaluateMathJson(a, vars);
    const vb = evaluateMathJson(b, vars);
    if (!va || !vb) continue;
    if (!closeTo(va[0], sign * vb[0]) || !closeTo(va[1], sign * vb[1])) return false;
    agreeing++;
  }
  return agreeing >= 3;
}

/** Two real constants: integers exactly, else within relative 1e-4 (or to double rounding). */
function realConstantsEqual(a: number, b: number, exact: boolean): boolean {
  if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
  if (exact) return Math.abs(a - b) <= EXACT_REL_TOL * Math.abs(b);
  return pyIsClose(a, b, NUMERIC_REL_TOL);
}

/** Letters the plain evaluator may treat as real variables (`e` and `i` are constants). */
const PLAIN_LETTER = /^[a-df-hj-zA-Z]$/;
const PLAIN_CHAR = /^[0-9.+\-*/^()]$/;

/** The brace group that starts at `at`: its body and the index after it. */
function braceGroup(text: string, at: number): { body: string; end: number } | undefined {
  if (text[at] !== "{") return undefined;
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return { body: text.slice(at + 1, i), end: i + 1 };
  }
  return undefined;
}

/**
 * Plain text for the evaluator of `plain_expression.ts` when the LaTeX uses nothing but digits,
 * letters other than `e`/`i`, `+ - * / ^ ( ) { }`, `\frac{}{}`, `\sqrt{}`, `\cdot`, `\times` and
 * `\pi`; undefined for anything else (then the engine decides). A digit right before `\frac` is a
 * mixed number, left to the engine.
 */
export function latexToPlain(text: string): string | undefined {
  if (text.length > 200 || /\d\.\d*\./.test(text)) return undefined;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === "\\") {
      const command = /^\\([a-zA-Z]+)/.exec(text.slice(i));
      if (!command) return undefined;
      i += command[0].length;
      const name = command[1];
      if (name === "cdot" || name === "times") out += "*";
      else if (name === "pi") out += " pi ";
      else if (name === "sqrt" || name === "frac") {
        if (name === "frac" && /\d\s*$/.test(out)) return undefined;
        const first = braceGroup(text, i);
        if (!first) return undefined;
        i = first.end;
        const a = latexToPlain(first.body);
        if (a === undefined) return undefined;
        if (name === "sqrt") {
          out += ` sqrt((${a})) `;
          continue;
        }
        const second = braceGroup(text, i);
        if (!second) return undefined;
        i = second.end;
        const b = latexToPlain(second.body);
        if (b === undefined) return undefined;
        out += `((${a})/(${b}))`;
      } else return undefined;
      continue;
    }
    if (char === "{") out += "(";
    else if (char === "}") out += ")";
    else if (PLAIN_CHAR.test(char)) out += char;
    else if (PLAIN_LETTER.test(char)) out += ` ${char} `;
    else return undefined;
    i++;
  }
  return out;
}

/**
 * The symbolic verdict without the engine, for answers {@link latexToPlain} can read (most
 * fractions, roots and polynomials): the same rules as the engine path — constants by
 * `sameConstant`'s rules, expressions at the same fixed sample points. Undefined when the fast
 * path cannot decide (then the engine does).
 */
export function plainEqual(a: string, b: string, exact: boolean): boolean | undefined {
  const pa = latexToPlain(a);
  const pb = latexToPlain(b);
  if (pa === undefined || pb === undefined) return undefined;
  const names = [...new Set([...plainVariables(pa), ...plainVariables(pb)])];
  if (names.length > 4) return undefined;
  if (names.length === 0) {
    const va = evaluatePlain(pa);
    const vb = evaluatePlain(pb);
    if (va === undefined || vb === undefined || !Number.isFinite(va) || !Number.isFinite(vb)) {
      return undefined;
    }
    return realConstantsEqual(va, vb, exact);
  }
  let agreeing = 0;
  for (let point = 0; point < SAMPLE_POINTS; point++) {
    const vars = samplePoint(names, point);
    const va = evaluatePlain(pa, vars);
    const vb = evaluatePlain(pb, vars);
    if (va === undefined || vb === undefined || !Number.isFinite(va) || !Number.isFinite(vb)) {
      continue;
    }
    if (!closeTo(va, vb)) return false;
    agreeing++;
  }
  return agreeing >= 3 ? true : undefined;
}

/**
 * Deliberate (issue 19): two equations are the same when `lhs - rhs` of one is a non-zero
 * constant multiple of the other's at every fixed sample point (`x^2/4+y^2/3=1` is
 * `x^2/16+y^2/12=1/4`; `2x+4y-3=0` is `y=-x/2+3/4`). EvalScope accepts only the factor ±1.
 */
function proportional(a: unknown, b: unknown): boolean {
  const names = [...mathJsonVariables(b, mathJsonVariables(a))];
  if (names.length === 0 || names.length > 4) return false;
  let ratio: number | undefined;
  let agreeing = 0;
  for (let point = 0; point < SAMPLE_POINTS; point++) {
    const vars = samplePoint(names, point);
    const va = evaluateMathJson(a, vars);
    const vb = evaluateMathJson(b, vars);
    if (!va || !vb || va[1] !== 0 || vb[1] !== 0) continue;
    const zeroA = closeTo(va[0], 0);
    const zeroB = closeTo(vb[0], 0);
    if (zeroA !== zeroB) return false;
    if (zeroA) continue;
    const r = va[0] / vb[0];
    if (ratio === undefined) ratio = r;
    else if (!closeTo(r, ratio)) return false;
    agreeing++;
  }
  return agreeing >= 3 && ratio !== undefined && ratio !== 0;
}

/**
 * Constants: real values within relative 1e-4 (EvalScope's `N()` check), complex ones closely.
 * Deliberate: two integer values are equal only when identical (`1112122` is not `1112112`),
 * and with `exact` real values must agree to double rounding (`\frac{50}{2}` is 25, 25.0001 not).
 */
function sameConstant(a: unknown, b: unknown, exact: boolean): boolean {
  const va = evaluateMathJson(a);
  const vb = evaluateMathJson(b);
  if (!va || !vb) return false;
  if (va[1] === 0 && vb[1] === 0) return realConstantsEqual(va[0], vb[0], exact);
  return closeTo(va[0], vb[0]) && closeTo(va[1], vb[1]);
}

const operatorOf = (node: unknown): string | undefined =>
  Array.isArray(node) && typeof node[0] === "string" ? node[0] : undefined;

/** Containers compared item by item (a `Set` in any order). */
const CONTAINERS = new Set(["Tuple", "List", "Sequence", "Set", "Interval", "Open", "Matrix"]);

function containerEqual(a: readonly unknown[], b: readonly unknown[], exact: boolean): boolean {
  if (a.length !== b.length || a[0] !== b[0]) return false;
  const itemsA = a.slice(1);
  const itemsB = b.slice(1);
  if (a[0] !== "Set") return itemsA.every((item, i) => sameValue(item, itemsB[i], exact));
  const used = new Set<number>();
  return itemsA.every((item) => {
    const index = itemsB.findIndex((other, i) => !used.has(i) && sameValue(item, other, exact));
    if (index >= 0) used.add(index);
    return index >= 0;
  });
}

function sameValue(a: unknown, b: unknown, exact: boolean): boolean {
  if (JSON.stringify(a) === JSON.stringify(b)) return true;
  const opA = operatorOf(a);
  const opB = operatorOf(b);
  if (opA === "Equal" && opB === "Equal" && Array.isArray(a) && Array.isArray(b)) {
    const da = ["Subtract", a[1], a[2]];
    const db = ["Subtract", b[1], b[2]];
    return sameFunction(da, db, false) || sameFunction(da, db, true) || proportional(da, db);
  }
  if (opA && CONTAINERS.has(opA) && Array.isArray(a) && Array.isArray(b)) {
    return containerEqual(a, b, exact);
  }
  if (mathJsonVariables(a).size === 0 && mathJsonVariables(b).size === 0) {
    return sameConstant(a, b, exact);
  }
  return sameFunction(a, b, false);
}

function parse(ce: Engine, text: string, deadline: number): Expr | undefined {
  const first = ce.parse(text);
  if (first?.isValid) return first;
  // EvalScope retries with `\\` read as `\`; only when there is time left for a second parse.
  if (!text.includes("\\\\") || performance.now() > deadline) return undefined;
  const second = ce.parse(text.replaceAll("\\\\", "\\"));
  return second?.isValid ? second : undefined;
}

/**
 * True when two answers are symbolically equal: same canonical form; constants within
 * relative 1e-4 (EvalScope's numeric fallback); expressions in up to four variables equal at
 * fixed sample points; equations `a=b` equal as `a-b` up to sign; tuples, intervals, matrices
 * item by item and sets in any order. The engine only parses; values come from
 * {@link evaluateMathJson}. `deadline` is an absolute `performance.now()` time.
 */
export function symbolicEqual(
  a: string,
  b: string,
  deadline: number,
  options: { exact?: boolean } = {},
): SymbolicOutcome {
  const refused = symbolicRisk(a) ?? symbolicRisk(b);
  if (refused) return { equal: false, timedOut: false, refused };
  const remaining = Math.floor(deadline - performance.now());
  if (remaining <= 0) return { equal: false, timedOut: true };
  // Most fractions, roots and polynomials need no engine: same rules, a fraction of the time.
  const plain = plainEqual(a, b, options.exact ?? false);
  if (plain !== undefined) return { equal: plain, timedOut: false };
  const ce = getEngine();
  // The engine reports some failures with console.error; a verdict is all we want from it.
  const { error: logError, warn: logWarn } = console;
  console.error = console.warn = () => {};
  ce.pushScope();
  try {
    const equal = ce.withTimeLimit(remaining, () => {
      const pa = parse(ce, a, deadline);
      const pb = pa && parse(ce, b, deadline);
      return !!pa && !!pb && (pa.isSame(pb) || sameValue(pa.json, pb.json, options.exact ?? false));
    });
    return { equal, timedOut: false };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "CancellationError";
    return { equal: false, timedOut: timedOut || performance.now() >= deadline };
  } finally {
    ce.popScope();
    console.error = logError;
    console.warn = logWarn;
  }
}
