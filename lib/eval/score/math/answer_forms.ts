/**
 * Readings of normalised math answers that a careful MATH grader accepts and EvalScope's
 * `math_equal` does not (issue 19): labelled answers (`(p,q)=(3,2)`, `|AB|=1`, `f(x)=1`),
 * `\pm` as a pair of values, inequalities and set-builder sets as intervals, and a trailing unit
 * word. Pure text functions; `math_equal.ts` decides how to use them.
 *
 * @module
 */

const SUBSCRIPT = /_(?:\{[^{}]*\}|[\p{L}\p{Nd}])/gu;
const LABEL_CHARS = /^(?:\\[a-zA-Z]+|[\p{L}{}()[\],:|'′\s])+$/u;

/**
 * True when `text` names something rather than computing it: letters (with subscripts),
 * function applications, tuples of names, `|AB|`, ratios `V_1:V_2`, commands like `\angle` —
 * and no digit outside a subscript, no operator. `(p,q)`, `f(x)`, `a_{37}` are labels;
 * `x+y`, `2x` and `f(2)` are not.
 */
export function isLabel(text: string): boolean {
  const bare = text.replace(SUBSCRIPT, "");
  return bare.length > 0 && /\p{L}/u.test(bare) && LABEL_CHARS.test(bare);
}

/** `label=value` with one `=` and a label on the left: the two sides; else undefined. */
export function splitLabelled(text: string): { label: string; value: string } | undefined {
  const at = text.indexOf("=");
  if (at <= 0 || text.indexOf("=", at + 1) >= 0) return undefined;
  const label = text.slice(0, at);
  const value = text.slice(at + 1);
  if (value.trim() === "" || !isLabel(label)) return undefined;
  return { label: label.replace(/[{}\s]/g, ""), value };
}

/** `a\pm b` → `[a+b, a-b]`, `\pm b` → `[b, -b]`; undefined unless there is exactly one `\pm`. */
export function expandPlusMinus(text: string): string[] | undefined {
  const parts = text.split("\\pm");
  if (parts.length !== 2 || parts[1].trim() === "" || text.includes(",")) return undefined;
  const [left, right] = parts;
  if (left.trim() === "") return [right, `-${wrap(right)}`];
  return [`${left}+${wrap(right)}`, `${left}-${wrap(right)}`];
}

const wrap = (text: string) => /^[\p{L}\p{Nd}.\\{}]+$/u.test(text) ? text : `(${text})`;

/** One interval: endpoints as text (`-\infty`/`\infty` for rays) and whether each is closed. */
export interface Interval {
  low: string;
  high: string;
  lowClosed: boolean;
  highClosed: boolean;
}

const LESS: Readonly<Record<string, { closed: boolean; flip: boolean }>> = {
  "<": { closed: false, flip: false },
  "\\le": { closed: true, flip: false },
  "\\leqslant": { closed: true, flip: false },
  ">": { closed: false, flip: true },
  "\\ge": { closed: true, flip: true },
  "\\geqslant": { closed: true, flip: true },
};
const OP = "(\\\\leqslant|\\\\geqslant|\\\\le|\\\\ge|<|>)";
const VAR = "([a-zA-Z])";
const CHAIN = new RegExp(`^(.+?)${OP}${VAR}${OP}(.+)$`);
const SINGLE_LEFT = new RegExp(`^${VAR}${OP}(.+)$`);
const SINGLE_RIGHT = new RegExp(`^(.+?)${OP}${VAR}$`);
const SET_BUILDER = /^\{([a-zA-Z])(?:\\in\\mathbb\{R\})?(?:\\mid|\||:)(.+)\}$/;
const MEMBER = /^([a-zA-Z])\\in(.+)$/;
const INTERVAL_LITERAL = /^([([])([^,]+),([^,]+)([)\]])$/;
const INF = "\\infty";
const NEG_INF = "-\\infty";

/** `v op c` as a ray; `c op v` is turned around. */
function ray(variableLeft: boolean, op: string, bound: string): Interval | undefined {
  const rule = LESS[op];
  if (!rule) return undefined;
  // v < c (not flipped, variable left) is (-inf, c); v > c is (c, inf); c < v is (c, inf).
  const upper = variableLeft !== rule.flip;
  return upper
    ? { low: NEG_INF, high: bound, lowClosed: false, highClosed: rule.closed }
    : { low: bound, high: INF, lowClosed: rule.closed, highClosed: false };
}

function fromInequality(text: string): Interval | undefined {
  const chain = CHAIN.exec(text);
  if (chain) {
    const [, a, op1, , op2, b] = chain;
    const r1 = LESS[op1];
    const r2 = LESS[op2];
    if (!r1 || !r2 || r1.flip !== r2.flip) return undefined;
    const [low, high] = r1.flip ? [b, a] : [a, b];
    const [lowClosed, highClosed] = r1.flip ? [r2.closed, r1.closed] : [r1.closed, r2.closed];
    return { low, high, lowClosed, highClosed };
  }
  const left = SINGLE_LEFT.exec(text);
  if (left) return ray(true, left[2], left[3]);
  const right = SINGLE_RIGHT.exec(text);
  if (right) return ray(false, right[2], right[1]);
  return undefined;
}

function fromLiteral(text: string): Interval | undefined {
  if (text === "\\mathbb{R}") {
    return { low: NEG_INF, high: INF, lowClosed: false, highClosed: false };
  }
  const m = INTERVAL_LITERAL.exec(text);
  if (!m) return undefined;
  return { low: m[2], high: m[3], lowClosed: m[1] === "[", highClosed: m[4] === "]" };
}

/**
 * The answer read as a union of intervals, with `inequality: true` when it was written as an
 * inequality or a set-builder set (`-2\le x\le 7`, `x\ge 5`, `\{x\mid x>3\}`, `x\in[1,2)`),
 * so that a plain interval against a plain interval is left to the usual rules. Pieces are
 * joined by `\cup`. Undefined when any piece is not an interval.
 */
export function readIntervals(
  text: string,
): { pieces: Interval[]; inequality: boolean } | undefined {
  let inequality = false;
  let body = text;
  const builder = SET_BUILDER.exec(body);
  if (builder) {
    body = builder[2];
    inequality = true;
  }
  const member = MEMBER.exec(body);
  if (member) {
    body = member[2];
    inequality = true;
  }
  const pieces: Interval[] = [];
  for (const piece of body.split("\\cup")) {
    const literal = fromLiteral(piece);
    const written = literal ? undefined : fromInequality(piece);
    if (written) inequality = true;
    const interval = literal ?? written;
    if (!interval) return undefined;
    pieces.push(interval);
  }
  return pieces.length > 0 ? { pieces, inequality } : undefined;
}

/** Unit words by kind; each spelling maps to one canonical unit. */
const UNITS: Readonly<Record<string, readonly string[]>> = {
  "length:mile": ["miles", "mile"],
  "length:km": ["km", "kilometers", "kilometer", "kilometres", "kilometre"],
  "length:m": ["meters", "meter", "metres", "metre"],
  "length:cm": ["cm", "centimeters", "centimeter", "centimetres", "centimetre"],
  "length:mm": ["mm", "millimeters", "millimeter"],
  "length:ft": ["feet", "foot", "ft"],
  "length:in": ["inches", "inch"],
  "length:yd": ["yards", "yard", "yd"],
  "time:s": ["seconds", "second", "sec", "secs"],
  "time:min": ["minutes", "minute", "mins"],
  "time:h": ["hours", "hour", "hrs", "hr"],
  "time:day": ["days", "day"],
  "time:week": ["weeks", "week"],
  "time:year": ["years", "year"],
  "money:dollar": ["dollars", "dollar"],
  "money:cent": ["cents", "cent"],
  "mass:kg": ["kg", "kilograms", "kilogram"],
  "mass:g": ["grams", "gram"],
  "mass:lb": ["pounds", "pound", "lbs", "lb"],
  "volume:l": ["liters", "liter", "litres", "litre"],
  "angle:deg": ["degrees", "degree"],
  "angle:rad": ["radians", "radian"],
};
const UNIT_OF = new Map<string, string>(
  Object.entries(UNITS).flatMap(([unit, words]) => words.map((word) => [word, unit])),
);
const UNIT_WORDS = [...UNIT_OF.keys()].sort((a, b) => b.length - a.length).join("|");
const WITH_UNIT = new RegExp(
  `^(-?(?:\\p{Nd}+(?:\\.\\p{Nd}+)?|\\.\\p{Nd}+|\\\\frac\\{\\p{Nd}+\\}\\{\\p{Nd}+\\}))` +
    `(?:\\\\text\\{)?(square|sq\\.?|cubic)?(${UNIT_WORDS})(\\^[23]|\\^\\{[23]\\})?\\}?$`,
  "u",
);

/**
 * A number followed by a unit word (`125miles`, `5\text{cm}`, `3hours`, `4squaremeters`), split
 * into the number and the canonical unit (`length:mile`, `length:m^2`); undefined when there is
 * no known unit word.
 */
export function splitUnit(text: string): { value: string; unit: string } | undefined {
  const m = WITH_UNIT.exec(text);
  if (!m) return undefined;
  const unit = UNIT_OF.get(m[3]);
  if (!unit) return undefined;
  const power = m[2]?.startsWith("cubic") || m[4]?.includes("3") ? "^3" : m[2] || m[4] ? "^2" : "";
  return { value: m[1], unit: unit + power };
}
