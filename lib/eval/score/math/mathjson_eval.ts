/**
 * A small, strictly bounded numeric evaluator for MathJSON (the compute engine's parse tree),
 * in complex double precision. The engine's own evaluation can run for minutes on some inputs
 * (`(…)^{a-10!}` inside a factorial); this one does constant work per node, so the time to
 * evaluate is linear in the size of the answer.
 *
 * @module
 */
import { gamma } from "../../../metrics/gamma.ts";

/** A complex number `[re, im]`. */
export type Complex = readonly [number, number];

/** Values for the free variables of an expression. */
export type Bindings = Readonly<Record<string, number>>;

const CONSTANTS: Readonly<Record<string, Complex>> = {
  Pi: [Math.PI, 0],
  ExponentialE: [Math.E, 0],
  ImaginaryUnit: [0, 1],
  Half: [0.5, 0],
  GoldenRatio: [(1 + Math.sqrt(5)) / 2, 0],
};

/** Symbols that name a value we will not compare numerically (infinities, sets, …). */
const OPAQUE = new Set([
  "PositiveInfinity",
  "NegativeInfinity",
  "ComplexInfinity",
  "NaN",
  "Nothing",
  "RealNumbers",
  "ComplexNumbers",
  "Integers",
  "EmptySet",
  "True",
  "False",
]);

const finite = (z: Complex | undefined): Complex | undefined =>
  z && Number.isFinite(z[0]) && Number.isFinite(z[1]) ? z : undefined;

const add = (a: Complex, b: Complex): Complex => [a[0] + b[0], a[1] + b[1]];
const mul = (a: Complex, b: Complex): Complex => [
  a[0] * b[0] - a[1] * b[1],
  a[0] * b[1] + a[1] * b[0],
];

function div(a: Complex, b: Complex): Complex | undefined {
  const d = b[0] * b[0] + b[1] * b[1];
  if (d === 0) return undefined;
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
}

const exp = (a: Complex): Complex => {
  const m = Math.exp(a[0]);
  return [m * Math.cos(a[1]), m * Math.sin(a[1])];
};

function log(a: Complex): Complex | undefined {
  if (a[0] === 0 && a[1] === 0) return undefined;
  return [Math.log(Math.hypot(a[0], a[1])), Math.atan2(a[1], a[0])];
}

function pow(a: Complex, b: Complex): Complex | undefined {
  if (a[1] === 0 && b[1] === 0 && (a[0] > 0 || Number.isInteger(b[0]))) {
    return [a[0] ** b[0], 0];
  }
  if (a[0] === 0 && a[1] === 0) return b[0] > 0 ? [0, 0] : undefined;
  const l = log(a);
  return l && exp(mul(b, l));
}

function factorial(x: number): number {
  if (Number.isInteger(x) && x >= 0) {
    if (x > 170) return Infinity;
    let out = 1;
    for (let i = 2; i <= x; i++) out *= i;
    return out;
  }
  return gamma(x + 1);
}

const real = (z: Complex | undefined): number | undefined => z && z[1] === 0 ? z[0] : undefined;
const ofReal = (x: number | undefined): Complex | undefined => x === undefined ? undefined : [x, 0];

const REAL_FUNCTIONS: Readonly<Record<string, (x: number) => number>> = {
  Arcsin: Math.asin,
  Arccos: Math.acos,
  Arctan: Math.atan,
  Floor: Math.floor,
  Ceil: Math.ceil,
  Round: Math.round,
  Sign: Math.sign,
  Sinh: Math.sinh,
  Cosh: Math.cosh,
  Tanh: Math.tanh,
};

function trig(name: string, z: Complex): Complex | undefined {
  const [a, b] = z;
  const sin: Complex = [Math.sin(a) * Math.cosh(b), Math.cos(a) * Math.sinh(b)];
  const cos: Complex = [Math.cos(a) * Math.cosh(b), -Math.sin(a) * Math.sinh(b)];
  switch (name) {
    case "Sin":
      return sin;
    case "Cos":
      return cos;
    case "Tan":
      return div(sin, cos);
    case "Cot":
      return div(cos, sin);
    case "Sec":
      return div([1, 0], cos);
    case "Csc":
      return div([1, 0], sin);
  }
  return undefined;
}

/** `{num: "0.(3)"}`, `{num: "1e-5749"}`: a double, or undefined when it would under/overflow. */
function parseNumberString(text: string): number | undefined {
  const repeating = /^([+-]?\d*)\.(\d*)\((\d+)\)$/.exec(text);
  let value: number;
  if (repeating) {
    const [, whole, fixed, cycle] = repeating;
    const base = Number(`${whole || "0"}.${fixed}`);
    const part = Number(cycle) / (10 ** cycle.length - 1) / 10 ** fixed.length;
    value = whole.startsWith("-") ? base - part : base + part;
  } else value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  if (value === 0 && /[1-9]/.test(text.split(/e/i)[0])) return undefined;
  return value;
}

function evalOperator(op: string, args: readonly unknown[], vars: Bindings): Complex | undefined {
  const values = args.map((arg) => evaluateMathJson(arg, vars));
  if (values.some((v) => v === undefined)) return undefined;
  const z = values as Complex[];
  const [a, b] = z;
  switch (op) {
    case "Add":
      return z.reduce(add, [0, 0]);
    case "Multiply":
      return z.reduce(mul, [1, 0]);
    case "Subtract":
      return z.length === 2 ? add(a, [-b[0], -b[1]]) : undefined;
    case "Negate":
      return [-a[0], -a[1]];
    case "Divide":
    case "Rational":
      return z.length === 2 ? div(a, b) : undefined;
    case "Complex":
      return [a[0], b ? b[0] : 0];
    case "Power":
      return pow(a, b);
    case "Sqrt":
      return pow(a, [0.5, 0]);
    case "Root": {
      const n = real(b);
      if (n === undefined) return undefined;
      if (a[1] === 0 && a[0] < 0 && Number.isInteger(n) && n % 2 === 1) {
        return [-((-a[0]) ** (1 / n)), 0];
      }
      return pow(a, [1 / n, 0]);
    }
    case "Exp":
      return exp(a);
    case "Ln":
      return log(a);
    case "Log": {
      const la = log(a);
      const lb = log(b ?? [10, 0]);
      return la && lb && div(la, lb);
    }
    case "Abs":
      return [Math.hypot(a[0], a[1]), 0];
    case "Factorial":
      return ofReal(real(a) === undefined ? undefined : factorial(a[0]));
    case "Binomial": {
      const n = real(a);
      const k = real(b);
      if (n === undefined || k === undefined) return undefined;
      return [factorial(n) / (factorial(k) * factorial(n - k)), 0];
    }
    case "Max":
    case "Min": {
      const reals = z.map(real);
      if (reals.some((x) => x === undefined)) return undefined;
      const xs = reals as number[];
      return [op === "Max" ? Math.max(...xs) : Math.min(...xs), 0];
    }
    case "Delimiter":
    case "Sequence":
      return z.length === 1 ? a : undefined;
  }
  if (REAL_FUNCTIONS[op]) {
    return ofReal(real(a) === undefined ? undefined : REAL_FUNCTIONS[op](a[0]));
  }
  return trig(op, a);
}

/**
 * The numeric value of a MathJSON expression, or undefined when it has an unknown operator or
 * symbol, is not finite, or (for huge or tiny exact values) cannot be held in a double.
 */
export function evaluateMathJson(node: unknown, vars: Bindings = {}): Complex | undefined {
  if (typeof node === "number") return Number.isFinite(node) ? [node, 0] : undefined;
  if (typeof node === "string") {
    if (CONSTANTS[node]) return CONSTANTS[node];
    if (OPAQUE.has(node) || node.startsWith("'")) return undefined;
    return Object.hasOwn(vars, node) ? [vars[node], 0] : undefined;
  }
  if (Array.isArray(node)) {
    const [op, ...args] = node;
    return typeof op === "string" ? finite(evalOperator(op, args, vars)) : undefined;
  }
  if (typeof node === "object" && node !== null) {
    const record = node as Record<string, unknown>;
    if (typeof record.num === "string") return ofReal(parseNumberString(record.num));
    if (typeof record.sym === "string") return evaluateMathJson(record.sym, vars);
    if (Array.isArray(record.fn)) return evaluateMathJson(record.fn, vars);
  }
  return undefined;
}

/** The free variables of a MathJSON expression (symbols that are not known constants). */
export function mathJsonVariables(node: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof node === "string") {
    if (!CONSTANTS[node] && !OPAQUE.has(node) && !node.startsWith("'")) out.add(node);
  } else if (Array.isArray(node)) {
    node.slice(1).forEach((arg) => mathJsonVariables(arg, out));
  } else if (typeof node === "object" && node !== null) {
    const record = node as Record<string, unknown>;
    if (typeof record.sym === "string") mathJsonVariables(record.sym, out);
    if (Array.isArray(record.fn)) mathJsonVariables(record.fn, out);
  }
  return out;
}
