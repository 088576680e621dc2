/**
 * langdetect's character normalisation and n-gram window (`utils/ngram.py`,
 * `utils/unicode_block.py`), on code points.
 *
 * Of langdetect's Unicode block table only the twelve blocks that `NGram.normalize` names change
 * anything; their ranges below give the same block as langdetect's binary search for every code
 * point (checked exhaustively against the Python package).
 *
 * @module
 */
import {
  KANJI_CLASSES,
  LATIN1_EXCLUDED,
  VI_BASE_LETTERS,
  VI_MARKS,
  VI_PRECOMPOSED,
} from "./messages_gen.ts";

const SPACE = 0x20;

/** How many characters an n-gram holds at most (`NGram.N_GRAM`). */
const MAX_GRAM = 3;

/** Each kanji's class representative (`NGram.CJK_MAP`: a later class wins, as in Python). */
const KANJI_REPRESENTATIVE: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  for (const group of KANJI_CLASSES) {
    const representative = group.codePointAt(0)!;
    for (const ch of group) map.set(ch.codePointAt(0)!, representative);
  }
  return map;
})();

const LATIN1_SPACES = new Set([...LATIN1_EXCLUDED].map((ch) => ch.codePointAt(0)!));

/** langdetect's `NGram.normalize` for one code point. */
export function normalizeChar(cp: number): number {
  if (cp <= 0x7f) { // Basic Latin: letters stay, everything else is a space
    return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) ? cp : SPACE;
  }
  if (cp <= 0xff) return LATIN1_SPACES.has(cp) ? SPACE : cp; // Latin-1 Supplement
  if (cp >= 0x180 && cp <= 0x24f) { // Latin Extended-B: Romanian comma below → cedilla
    if (cp === 0x219) return 0x15f;
    if (cp === 0x21b) return 0x163;
    return cp;
  }
  if (cp >= 0x600 && cp <= 0x6ff) return cp === 0x6cc ? 0x64a : cp; // Arabic: Farsi yeh
  if (cp >= 0x1e00 && cp <= 0x1eff) return cp >= 0x1ea0 ? 0x1ec3 : cp; // Latin Extended Additional
  if (cp >= 0x2000 && cp <= 0x206f) return SPACE; // General Punctuation
  if (cp >= 0x3040 && cp <= 0x309f) return 0x3042; // Hiragana
  if (cp >= 0x30a0 && cp <= 0x30ff) return 0x30a2; // Katakana
  if ((cp >= 0x3100 && cp <= 0x312f) || (cp >= 0x31a0 && cp <= 0x31bf)) return 0x3105; // Bopomofo
  if (cp >= 0x4e00 && cp <= 0x9fff) return KANJI_REPRESENTATIVE.get(cp) ?? cp; // CJK ideographs
  if (cp >= 0xac00 && cp <= 0xd7af) return 0xac00; // Hangul syllables
  return cp;
}

/** Each character's first position in `chars` (what Python's `str.find` gives). */
function firstPositions(chars: string): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < chars.length; i++) {
    if (!map.has(chars.charCodeAt(i))) map.set(chars.charCodeAt(i), i);
  }
  return map;
}

const VI_BASE = firstPositions(VI_BASE_LETTERS);
const VI_MARK_RE = new RegExp(`[${VI_MARKS}]`);
const VI_MARK = firstPositions(VI_MARKS);

/**
 * langdetect's `NGram.normalize_vi`: a Vietnamese base letter followed by one of five combining
 * marks becomes the precomposed letter (every character involved is in the BMP).
 */
export function normalizeVietnamese(text: string): string {
  if (!VI_MARK_RE.test(text)) return text;
  let out = "";
  let from = 0;
  for (let i = 0; i + 1 < text.length; i++) {
    const base = VI_BASE.get(text.charCodeAt(i));
    if (base === undefined) continue;
    const mark = VI_MARK.get(text.charCodeAt(i + 1));
    if (mark === undefined) continue;
    out += text.slice(from, i) + VI_PRECOMPOSED[mark][base];
    from = i + 2;
    i++;
  }
  return from === 0 ? text : out + text.slice(from);
}

const UPPER = /^\p{Uppercase}$/u;
/** Per BMP code point: 0 not yet asked, 1 not uppercase, 2 uppercase. */
const upperBmp = new Uint8Array(0x10000);

/**
 * Python's `ch.isupper()` for one character: the Unicode `Uppercase` property (the rule of
 * lib/text/py_str.ts's `pyIsUpper` for a single character), remembered per BMP code point.
 */
export function isUpperCodePoint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a;
  if (cp > 0xffff) return UPPER.test(String.fromCodePoint(cp));
  let known = upperBmp[cp];
  if (known === 0) known = upperBmp[cp] = UPPER.test(String.fromCharCode(cp)) ? 2 : 1;
  return known === 2;
}

/**
 * A key for a 1-3-gram of BMP characters: its UTF-16 units as base-65536 digits (below 2^48, so
 * exact in a double; no n-gram holds U+0000, so lengths cannot collide). The profiles hold no
 * character outside the BMP, so an n-gram with one has no key (-1).
 */
export function gramKey(gram: string): number {
  let key = 0;
  for (let i = 0; i < gram.length; i++) {
    const c = gram.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return -1;
    key = key * 65536 + c;
  }
  return key;
}

let normalizedBmp: Uint16Array | undefined;
/** The n-grams found (reused: detection is synchronous and not re-entrant). */
let foundBuffer = new Int32Array(0);

/** {@linkcode normalizeChar} of every BMP code point, made on first use. */
function normalizedTable(): Uint16Array {
  if (normalizedBmp) return normalizedBmp;
  const table = new Uint16Array(0x10000);
  for (let cp = 0; cp < 0x10000; cp++) table[cp] = normalizeChar(cp);
  return normalizedBmp = table;
}

/**
 * langdetect's n-gram walk (`NGram.add_char` and `Detector._extract_ngrams`): each character is
 * normalised and slid into a window of the current word's last 1-3 characters (a space starts a
 * new word), and the window's 1-, 2- and 3-gram are looked up — except while the word runs in
 * capitals (two capitals in a row, `NGram.capitalword`). Returns the indices `lookup` gives for
 * their {@linkcode gramKey}s (-1: unknown), in order, in a view of a buffer that the next call
 * reuses.
 */
export function collectNGrams(
  chars: ArrayLike<number>,
  lookup: (key: number) => number,
): Int32Array {
  const normalized = normalizedTable();
  if (foundBuffer.length < chars.length * MAX_GRAM) {
    foundBuffer = new Int32Array(chars.length * MAX_GRAM);
  }
  const found = foundBuffer;
  let count = 0;
  let c1 = 0; // the window, oldest first: c1 c2 c3 (only the last `length` count)
  let c2 = 0;
  let c3 = SPACE;
  let length = 1;
  let capitalWord = false;
  for (let i = 0; i < chars.length; i++) {
    const cp = chars[i];
    const ch = cp <= 0xffff ? normalized[cp] : cp;
    const last = c3;
    if (last === SPACE) {
      length = 1;
      capitalWord = false;
      if (ch === SPACE) continue;
    } else if (length === MAX_GRAM) {
      length--;
    }
    c1 = c2;
    c2 = last;
    c3 = ch;
    length++;
    if (isUpperCodePoint(ch)) {
      if (isUpperCodePoint(last)) capitalWord = true;
    } else {
      capitalWord = false;
    }
    // The profiles hold BMP characters only: a gram with another character is unknown.
    if (capitalWord || ch > 0xffff) continue;
    if (ch !== SPACE) {
      const g = lookup(ch);
      if (g >= 0) found[count++] = g;
    }
    if (length < 2 || c2 > 0xffff) continue;
    const two = c2 * 65536 + ch;
    const g2 = lookup(two);
    if (g2 >= 0) found[count++] = g2;
    if (length === 3 && c1 <= 0xffff) {
      const g3 = lookup(c1 * 4294967296 + two);
      if (g3 >= 0) found[count++] = g3;
    }
  }
  return found.subarray(0, count);
}
