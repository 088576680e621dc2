/**
 * langdetect's language profiles as one table (`DetectorFactory.word_lang_prob_map`), parsed from
 * the compact text in profiles.json the first time a text is detected.
 *
 * @module
 */
import { gramKey } from "./ngram.ts";
import data from "./profiles.json" with { type: "json" };

/** One character per language index, as scripts/build_langdetect_data.ts writes it. */
const LANG_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * P(n-gram | language) for every n-gram of every profile, stored sparsely: n-gram `g`'s
 * non-zero probabilities are entries `offsets[g]` to `offsets[g + 1] - 1`, in language order.
 */
export interface LanguageProfiles {
  /** Language codes in file-name order (langdetect's `langlist`; see docs/benchmarks.md). */
  languages: readonly string[];
  /** Each n-gram's index by its `gramKey`, or -1. */
  gramIndex(key: number): number;
  /** Where each n-gram's entries start (one more than there are n-grams). */
  offsets: Int32Array;
  /** The language of each entry. */
  entryLanguage: Uint8Array;
  /** The probability of each entry: count / the language's number of n-grams of that length. */
  entryProbability: Float64Array;
}

let cached: LanguageProfiles | undefined;

/** The 55 profiles, parsed once and kept. */
export function languageProfiles(): LanguageProfiles {
  return cached ??= parseProfiles(data.profiles);
}

/** True once {@linkcode languageProfiles} has parsed the profiles (for the laziness test). */
export function profilesLoaded(): boolean {
  return cached !== undefined;
}

/** Parses the compact profile text (format: scripts/build_langdetect_data.ts). */
export function parseProfiles(text: string): LanguageProfiles {
  let end = text.indexOf(";");
  const languages = text.slice(0, end).split(" ");
  const nWords: number[][] = [];
  for (let l = 0; l < languages.length; l++) {
    const start = end + 1;
    end = text.indexOf(";", start);
    nWords.push(text.slice(start, end).split(" ").map((n) => parseInt(n, 36)));
  }
  const body = end + 1;
  let gramCount = 0;
  let entryCount = 0;
  for (let i = body; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON) gramCount++;
    else if (c === COMMA) entryCount++;
  }
  entryCount += gramCount;
  const table = new GramTable(gramCount);
  const offsets = new Int32Array(gramCount + 1);
  const entryLanguage = new Uint8Array(entryCount);
  const entryProbability = new Float64Array(entryCount);
  const digit = new Int8Array(128).fill(-1);
  for (let d = 0; d < LANG_DIGITS.length; d++) digit[LANG_DIGITS.charCodeAt(d)] = d;
  let e = 0;
  let i = body;
  for (let g = 0; g < gramCount; g++) {
    const colon = text.indexOf(":", i);
    const key = gramKey(text.slice(i, colon));
    if (key < 0) throw new Error(`Cannot read the langdetect profiles: n-gram ${g}`);
    // langdetect divides by the language's total for n-grams of this length.
    const length = colon - i;
    table.set(key, g);
    offsets[g] = e;
    i = colon + 1;
    for (;;) {
      const lang = digit[text.charCodeAt(i++)];
      let count = 0;
      let c = text.charCodeAt(i);
      while (i < text.length && c !== COMMA && c !== SEMICOLON) {
        count = count * 36 + (c <= NINE ? c - ZERO : c - LOWER_A + 10);
        c = text.charCodeAt(++i);
      }
      entryLanguage[e] = lang;
      entryProbability[e++] = count / nWords[lang][length - 1];
      i++;
      if (c !== COMMA) break;
    }
  }
  offsets[gramCount] = e;
  return {
    languages,
    gramIndex: (key) => table.get(key),
    offsets,
    entryLanguage,
    entryProbability,
  };
}

const COLON = 0x3a;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_A = 0x61;

/** An open-addressing map from n-gram keys (integers below 2^48, never 0) to indices. */
class GramTable {
  #keys: Float64Array;
  #values: Int32Array;
  #mask: number;

  constructor(size: number) {
    let slots = 1;
    while (slots < size * 2) slots *= 2;
    this.#keys = new Float64Array(slots);
    this.#values = new Int32Array(slots);
    this.#mask = slots - 1;
  }

  set(key: number, value: number): void {
    let slot = hashKey(key) & this.#mask;
    while (this.#keys[slot] !== 0) slot = (slot + 1) & this.#mask;
    this.#keys[slot] = key;
    this.#values[slot] = value;
  }

  get(key: number): number {
    const keys = this.#keys;
    let slot = hashKey(key) & this.#mask;
    for (;;) {
      const k = keys[slot];
      if (k === key) return this.#values[slot];
      if (k === 0) return -1;
      slot = (slot + 1) & this.#mask;
    }
  }
}

function hashKey(key: number): number {
  const high = (key / 4294967296) | 0;
  let h = Math.imul((key | 0) ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  return Math.imul(h, 0xc2b2ae35) ^ (h >>> 16);
}
