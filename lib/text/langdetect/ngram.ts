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
export const MAX_GRAM = 3;

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
const VI_MARK = firstPositions(VI_MARKS);

/**
 * langdetect's `NGram.normalize_vi`: a Vietnamese base letter followed by one of five combining
 * marks becomes the precomposed letter (every character involved is in the BMP).
 */
export function normalizeVietnamese(text: string): string {
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
 * langdetect's `NGram`: the last one to three normalised characters of the current word, and
 * whether the word is being written in capitals (two capitals in a row), when langdetect takes
 * no n-grams.
 */
export class NGramWindow {
  /** The window's code points, oldest first; it starts as one space. */
  readonly grams: number[] = [SPACE];
  /** True while the current word continues a run of capitals (`NGram.capitalword`). */
  capitalWord = false;

  /** `NGram.add_char`: normalise `cp` and slide it into the window. */
  addChar(cp: number): void {
    const ch = normalizeChar(cp);
    const grams = this.grams;
    const last = grams[grams.length - 1];
    if (last === SPACE) {
      grams.length = 1;
      grams[0] = SPACE;
      this.capitalWord = false;
      if (ch === SPACE) return;
    } else if (grams.length >= MAX_GRAM) {
      grams.shift();
    }
    grams.push(ch);
    if (isUpperCodePoint(ch)) {
      if (isUpperCodePoint(last)) this.capitalWord = true;
    } else {
      this.capitalWord = false;
    }
  }

  /** The last `n` characters as a string, or undefined when the window is shorter. */
  last(n: number): string | undefined {
    const grams = this.grams;
    const len = grams.length;
    if (len < n) return undefined;
    if (n === 1) return String.fromCodePoint(grams[len - 1]);
    if (n === 2) return String.fromCodePoint(grams[len - 2], grams[len - 1]);
    return String.fromCodePoint(grams[len - 3], grams[len - 2], grams[len - 1]);
  }
}
