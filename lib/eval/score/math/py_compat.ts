/**
 * Small Python-compatible primitives. EvalScope scores with Python; these reproduce the exact
 * Python semantics (whitespace set, `float()`, `int()`, `repr(float)`, `round()`, `isupper()`,
 * Unicode `\d` and `\w`) that its extraction and scoring code relies on.
 *
 * @module
 */

/** The characters Python's `str.isspace()` accepts, as a regex class body. */
export const PY_SPACE =
  "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029" +
  "\\u202f\\u205f\\u3000";

/** Python's `\d` for str patterns (Unicode decimal digits), as a regex fragment (needs flag u). */
export const PY_DIGIT = "\\p{Nd}";

/** Python's `\w` for str patterns, as a regex class (needs flag u). */
export const PY_WORD = "[\\p{L}\\p{N}_]";

const LEADING_SPACE = new RegExp(`^[${PY_SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`);
const SPACE_RUN = new RegExp(`[${PY_SPACE}]+`);

/** Python `s.strip(chars)`; whitespace when `chars` is omitted. */
export function pyStrip(text: string, chars?: string): string {
  return pyRstrip(pyLstrip(text, chars), chars);
}

/** Python `s.lstrip(chars)`; whitespace when `chars` is omitted. */
export function pyLstrip(text: string, chars?: string): string {
  if (chars === undefined) return text.replace(LEADING_SPACE, "");
  let start = 0;
  while (start < text.length && chars.includes(text[start])) start++;
  return text.slice(start);
}

/** Python `s.rstrip(chars)`; whitespace when `chars` is omitted. */
export function pyRstrip(text: string, chars?: string): string {
  if (chars === undefined) return text.replace(TRAILING_SPACE, "");
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/** Python `s.split()` with no argument: split on whitespace runs, dropping empty pieces. */
export function pySplitSpace(text: string): string[] {
  return text.split(SPACE_RUN).filter((part) => part.length > 0);
}

/** Python `s.isupper()` for one character (Unicode `Uppercase` property, e.g. `Ⅳ`, `Ａ`). */
export function pyIsUpperChar(char: string): boolean {
  return /^\p{Uppercase}$/u.test(char);
}

/** Replaces every Unicode decimal digit by its ASCII digit, as Python's `int()`/`float()` do. */
export function asciiDigits(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80 || !/\p{Nd}/u.test(char)) {
      out += char;
      continue;
    }
    // Decimal digits come in contiguous runs of ten starting at zero; find the run start.
    let start = code;
    while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    out += String((code - start) % 10);
  }
  return out;
}

const FLOAT_BODY =
  /^[+-]?(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const FLOAT_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** Python `float(text)`, or undefined where Python raises ValueError. */
export function pyFloat(text: string): number | undefined {
  const body = asciiDigits(pyStrip(text));
  const special = FLOAT_SPECIAL.exec(body);
  if (special) {
    if (special[2].toLowerCase() === "nan") return NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  if (!FLOAT_BODY.test(body)) return undefined;
  return Number(body.replaceAll("_", ""));
}

const INT_BODY = /^[+-]?\d(?:_?\d)*$/;

/** Python `int(text)` (base 10) as a bigint, or undefined where Python raises ValueError. */
export function pyInt(text: string): bigint | undefined {
  const body = asciiDigits(pyStrip(text));
  if (!INT_BODY.test(body)) return undefined;
  return BigInt(body.replaceAll("_", ""));
}

/** Python `repr(x)` / `str(x)` for a float: `5.0`, `1e+16`, `1.5e-05`, `inf`, `nan`. */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const [mantissa, exponentText] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = negative ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    const rest = digits.slice(1);
    const expSign = exponent < 0 ? "-" : "+";
    const expDigits = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${digits[0]}${rest ? "." + rest : ""}e${expSign}${expDigits}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fracPart = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fracPart || "0"}`;
}

/**
 * NumPy's `round(np.float64(x), ndigits)`: scale by 10^ndigits, round half to even, scale back.
 * (Not Python's exact-decimal `round`: numpy gives 0.66 for 0.665, Python 0.67.)
 */
export function npRound(value: number, ndigits: number): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** ndigits;
  const scaled = value * scale;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  let rounded = diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  if (rounded === 0 && value < 0) rounded = -0;
  return rounded / scale;
}

/** Python `math.isclose(a, b, rel_tol=relTol)` with the default `abs_tol=0`. */
export function pyIsClose(a: number, b: number, relTol: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const diff = Math.abs(b - a);
  return diff <= Math.abs(relTol * b) || diff <= Math.abs(relTol * a);
}

/** Code points of a string, so indexes match Python's `s[i]`. */
export function codePoints(text: string): string[] {
  return Array.from(text);
}
