/**
 * Python `str` and `re` semantics that JavaScript does not share, for code that must give the
 * verdicts of a Python reference (IFEval's checkers, NLTK's tokenizers):
 *
 * - `str.isupper()`/`islower()` ask for at least one cased character and none of the other case
 *   (titlecase letters such as `ǅ` count against both); `s === s.toUpperCase()` does not;
 * - `str.split()`/`strip()` use Python's whitespace, which has `\x1c`–`\x1f` and `\x85` and lacks
 *   `\ufeff` (JavaScript's `\s` and `trim()` are the reverse);
 * - in `re` patterns on `str`, `\w` is `str.isalnum()` or `_` (letters and every number category,
 *   but no combining mark), `\d` is any decimal digit (`Nd`), `\s` is the whitespace above, and
 *   `\b` is a boundary between those `\w` and the rest. JavaScript's `\w`, `\d` and `\b` are ASCII
 *   even with the `u` flag, so a port spells them with the sources below.
 *
 * Checked code point by code point against CPython 3.11 (Unicode 14) in `py_str_test.ts`.
 *
 * @module
 */

/** The characters of Python's `\s` (and of `str.isspace()`), as the inside of a character class. */
export const PY_SPACE_CHARS = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029" +
  "\\u202f\\u205f\\u3000";
/** The characters of Python's `\w` on `str` (`isalnum()` or `_`), as the inside of a class. */
export const PY_WORD_CHARS = "\\p{L}\\p{N}_";
/** Python's `\w` on `str` as a character class, for JavaScript regexes with the `u` flag. */
export const PY_WORD_RE_SOURCE = `[${PY_WORD_CHARS}]`;
/** Python's `\W` on `str` (anything but `\w`), for regexes with the `u` flag. */
export const PY_NON_WORD_RE_SOURCE = `[^${PY_WORD_CHARS}]`;
/** Python's `\d` on `str` (any decimal digit, category `Nd`), for regexes with the `u` flag. */
export const PY_DIGIT_RE_SOURCE = "\\p{Nd}";
/** Python's `\s` on `str`, for regexes with the `u` flag. */
export const PY_SPACE_RE_SOURCE = `[${PY_SPACE_CHARS}]`;
/** Python's `\S` on `str`, for regexes with the `u` flag. */
export const PY_NON_SPACE_RE_SOURCE = `[^${PY_SPACE_CHARS}]`;
/** Python's `\b` on `str` (a `\w`/`\W` boundary, or a string end next to `\w`), for the `u` flag. */
export const PY_WORD_BOUNDARY_RE_SOURCE = `(?:(?<=${PY_WORD_RE_SOURCE})(?!${PY_WORD_RE_SOURCE})` +
  `|(?<!${PY_WORD_RE_SOURCE})(?=${PY_WORD_RE_SOURCE}))`;

const LOWER_OR_TITLE = /[\p{Lowercase}\p{Lt}]/u;
const UPPER_OR_TITLE = /[\p{Uppercase}\p{Lt}]/u;
const UPPER = /\p{Uppercase}/u;
const LOWER = /\p{Lowercase}/u;
const SPACE_RUNS = new RegExp(`${PY_NON_SPACE_RE_SOURCE}+`, "gu");

/** True when the UTF-16 unit `c` is Python whitespace (all of it lies in the BMP). */
function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Python's `s.isupper()`: some uppercase character, and no lowercase or titlecase one. */
export function pyIsUpper(s: string): boolean {
  return !LOWER_OR_TITLE.test(s) && UPPER.test(s);
}

/** Python's `s.islower()`: some lowercase character, and no uppercase or titlecase one. */
export function pyIsLower(s: string): boolean {
  return !UPPER_OR_TITLE.test(s) && LOWER.test(s);
}

/** Python's `s.isspace()` for one character (a code point). */
export function pyIsSpaceChar(ch: string): boolean {
  return ch.length === 1 && isSpaceCode(ch.charCodeAt(0));
}

/** Python's `len(s)`: the number of code points (JavaScript's `length` counts UTF-16 units). */
export function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Python's `s.split()` with no argument: the runs between Python whitespace, none empty. */
export function pySplit(s: string): string[] {
  return s.match(SPACE_RUNS) ?? [];
}

/**
 * Python's `s.strip(chars)`: without `chars` (or with `undefined`) strips Python whitespace,
 * otherwise every leading and trailing code point found in `chars`.
 */
export function pyStrip(s: string, chars?: string): string {
  return pyRstrip(pyLstrip(s, chars), chars);
}

/** Python's `s.lstrip(chars)` (see {@linkcode pyStrip}). */
export function pyLstrip(s: string, chars?: string): string {
  let start = 0;
  if (chars === undefined) {
    while (start < s.length && isSpaceCode(s.charCodeAt(start))) start++;
    return s.slice(start);
  }
  while (start < s.length) {
    const ch = String.fromCodePoint(s.codePointAt(start)!);
    if (!chars.includes(ch)) break;
    start += ch.length;
  }
  return s.slice(start);
}

/** Python's `s.rstrip(chars)` (see {@linkcode pyStrip}). */
export function pyRstrip(s: string, chars?: string): string {
  let end = s.length;
  if (chars === undefined) {
    while (end > 0 && isSpaceCode(s.charCodeAt(end - 1))) end--;
    return s.slice(0, end);
  }
  while (end > 0) {
    const low = s.charCodeAt(end - 1);
    const size = low >= 0xdc00 && low <= 0xdfff && end >= 2 &&
        s.charCodeAt(end - 2) >= 0xd800 && s.charCodeAt(end - 2) <= 0xdbff
      ? 2
      : 1;
    if (!chars.includes(s.slice(end - size, end))) break;
    end -= size;
  }
  return s.slice(0, end);
}
