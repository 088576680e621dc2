/**
 * Python `re` patterns from IFEval's data (keywords, section splitters, postscript markers) as
 * JavaScript regular expressions with Python's meaning: Unicode `\w`, `\d`, `\s` and `\b`,
 * `.` that stops only at `\n`, and `^`/`$` without MULTILINE. Compiled patterns are cached.
 *
 * @module
 */
import {
  PY_DIGIT_RE_SOURCE,
  PY_NON_SPACE_RE_SOURCE,
  PY_NON_WORD_RE_SOURCE,
  PY_SPACE_CHARS,
  PY_SPACE_RE_SOURCE,
  PY_WORD_BOUNDARY_RE_SOURCE,
  PY_WORD_CHARS,
  PY_WORD_RE_SOURCE,
} from "../../lib/text/mod.ts";

const W = PY_WORD_RE_SOURCE;
const OUTSIDE: Readonly<Record<string, string>> = {
  w: W,
  W: PY_NON_WORD_RE_SOURCE,
  d: PY_DIGIT_RE_SOURCE,
  D: `\\P{Nd}`,
  s: PY_SPACE_RE_SOURCE,
  S: PY_NON_SPACE_RE_SOURCE,
  b: PY_WORD_BOUNDARY_RE_SOURCE,
  B: `(?:(?<=${W})(?=${W})|(?<!${W})(?!${W}))`,
  A: "(?<![\\s\\S])",
  Z: "(?![\\s\\S])",
};
const INSIDE: Readonly<Record<string, string>> = {
  w: PY_WORD_CHARS,
  d: PY_DIGIT_RE_SOURCE,
  s: PY_SPACE_CHARS,
};

/** The JavaScript source (for flag `u`) of a Python `re` pattern. */
export function pyRegexSource(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\" && i + 1 < pattern.length) {
      const next = pattern[++i];
      const table = inClass ? INSIDE : OUTSIDE;
      out += table[next] ?? `\\${next}`;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      out += ch;
      // A `]` right after `[` or `[^` is a literal in Python.
      if (pattern[i + 1] === "^") out += pattern[++i];
      if (pattern[i + 1] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (ch === ".") out += "[^\\n]";
    else if (ch === "^") out += "(?<![\\s\\S])";
    else if (ch === "$") out += "(?=\\n?(?![\\s\\S]))";
    else if (ch === "(" && pattern.startsWith("?P<", i + 1)) {
      out += "(?<";
      i += 3;
    } else out += ch;
  }
  return out;
}

const cache = new Map<string, RegExp>();

/** Python `re.compile(pattern, flags)` as a global JavaScript RegExp (cached). */
export function pyRegex(pattern: string, options: { ignoreCase?: boolean } = {}): RegExp {
  const flags = options.ignoreCase ? "giu" : "gu";
  const key = `${flags}\u0000${pattern}`;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(pyRegexSource(pattern), flags);
    cache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

/** Python `len(re.findall(pattern, text, flags))`: non-overlapping matches, empty ones included. */
export function pyCountMatches(
  pattern: string,
  text: string,
  options: { ignoreCase?: boolean } = {},
): number {
  const re = pyRegex(pattern, options);
  let n = 0;
  for (const _ of text.matchAll(re)) n++;
  return n;
}

/** Python `re.search(pattern, text, flags) is not None`. */
export function pySearch(
  pattern: string,
  text: string,
  options: { ignoreCase?: boolean } = {},
): boolean {
  const re = pyRegex(pattern, options);
  const found = re.test(text);
  re.lastIndex = 0;
  return found;
}
