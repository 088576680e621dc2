/**
 * Cheap checks that keep pathological answers (`2024^{4046!}`, `10^{10^{10}}`, `100000!`, deep
 * nesting, pages of garbage) away from the symbolic engine, whose big-integer arithmetic cannot
 * be interrupted once started.
 *
 * @module
 */

/** Limits applied before any symbolic work. */
export const SYMBOLIC_LIMITS = {
  /** Longest answer (characters) given to the symbolic engine. */
  maxLength: 400,
  /** Deepest bracket/brace nesting. */
  maxDepth: 40,
  /** Most `^` in one answer. */
  maxPowers: 30,
  /** Largest exact power, in decimal digits of the result (a numeric base). */
  maxPowerDigits: 20_000,
  /** Largest integer exponent on a non-numeric base (`(x+1)^{n}`). */
  maxSymbolicExponent: 1000,
  /** Largest `n!`. */
  maxFactorial: 5000,
} as const;

/** Characters a LaTeX math answer is made of; anything else (CJK, tags' text aside) is refused. */
const MATH_CHARS =
  /^[\x20-\x7e\t\n\r°²³¹πθ∞√∛×·÷−±∓≤≥≠≈∈∉∪∩⊂⊆∅∘′″…⋅αβγδεζηλμνξρστφχψωΓΔΘΛΞΠΣΦΨΩ]*$/u;
const UNBOUNDED = /\\(?:sum|prod|int|iint|iiint|oint|lim|limsup|liminf)(?![a-zA-Z])/;
const FACTORIAL = /(\d+)\s*\)?\s*!/g;

/** The exponent text after a `^` at `index`: a brace group, a command or one character. */
function exponentAt(text: string, index: number): { body: string; end: number } {
  let i = index + 1;
  while (text[i] === " ") i++;
  if (text[i] === "{") {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      if (text[j] === "{") depth++;
      else if (text[j] === "}" && --depth === 0) return { body: text.slice(i + 1, j), end: j + 1 };
    }
    return { body: text.slice(i + 1), end: text.length };
  }
  const command = /^\\[a-zA-Z]+/.exec(text.slice(i));
  if (command) return { body: command[0], end: i + command[0].length };
  return { body: text.slice(i, i + 1), end: i + 1 };
}

/** The integer value of an exponent made only of integer powers (`9`, `9^{9}`), if small. */
function integerValue(body: string): number | undefined {
  const trimmed = body.trim();
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
  const tower = /^(-?\d+)\s*\^\s*\{?\s*(.+?)\s*\}?$/.exec(trimmed);
  if (!tower) return undefined;
  const inner = integerValue(tower[2]);
  if (inner === undefined) return undefined;
  const base = Number(tower[1]);
  const digits = Math.abs(inner) * Math.log10(Math.max(Math.abs(base), 1));
  return digits > 15 ? Infinity : base ** inner;
}

/** The numeric literal just before `index` (the base of a power), if any. */
function baseBefore(text: string, index: number): number | undefined {
  const match = /(\d+(?:\.\d+)?)\s*$/.exec(text.slice(Math.max(0, index - 40), index));
  return match ? Number(match[1]) : undefined;
}

function powerRisk(text: string): string | undefined {
  let count = 0;
  for (let i = text.indexOf("^"); i >= 0; i = text.indexOf("^", i + 1)) {
    if (++count > SYMBOLIC_LIMITS.maxPowers) return "too many powers";
    const { body } = exponentAt(text, i);
    const hasPower = body.includes("^");
    const exponent = integerValue(body);
    if (exponent === undefined) {
      if (hasPower) return "power tower";
      continue;
    }
    if (!Number.isFinite(exponent)) return "power too large";
    const base = baseBefore(text, i);
    if (base === undefined) {
      if (Math.abs(exponent) > SYMBOLIC_LIMITS.maxSymbolicExponent) return "exponent too large";
      continue;
    }
    const digits = Math.abs(exponent) * Math.log10(Math.max(Math.abs(base), 1));
    if (digits > SYMBOLIC_LIMITS.maxPowerDigits) return "power too large";
  }
  return undefined;
}

/** Plain `{`/`}` must balance and every `\\begin` needs an `\\end`: the parser backtracks badly otherwise. */
function balanceRisk(text: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") {
      i++;
      continue;
    }
    if (char === "{") depth++;
    else if (char === "}" && --depth < 0) return "unbalanced braces";
  }
  if (depth !== 0) return "unbalanced braces";
  const begins = text.split("\\begin{").length;
  return begins === text.split("\\end{").length ? undefined : "unbalanced environments";
}

function depthRisk(text: string): string | undefined {
  let depth = 0;
  for (const char of text) {
    if (char === "{" || char === "(" || char === "[") {
      if (++depth > SYMBOLIC_LIMITS.maxDepth) return "nested too deeply";
    } else if (char === "}" || char === ")" || char === "]") depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * Why `answer` must not reach the symbolic engine, or undefined when it is safe. Refused
 * answers are simply "not symbolically equal": a string or numeric rule may still match them.
 */
export function symbolicRisk(answer: string): string | undefined {
  if (answer.length > SYMBOLIC_LIMITS.maxLength) return "too long";
  if (!MATH_CHARS.test(answer)) return "not a math expression";
  if (UNBOUNDED.test(answer)) return "sum, product, integral or limit";
  for (const match of answer.matchAll(FACTORIAL)) {
    if (Number(match[1]) > SYMBOLIC_LIMITS.maxFactorial) return "factorial too large";
  }
  return balanceRisk(answer) ?? depthRisk(answer) ?? powerRisk(answer);
}
