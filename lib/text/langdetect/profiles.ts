/**
 * langdetect's language profiles as one table (`DetectorFactory.word_lang_prob_map`), parsed from
 * the compact text in profiles_gen.ts the first time a text is detected.
 *
 * @module
 */
import { PROFILE_TEXT } from "./profiles_gen.ts";

/** One character per language index, as scripts/build_langdetect_data.ts writes it. */
const LANG_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * P(n-gram | language) for every n-gram of every profile, stored sparsely: n-gram `g`'s
 * non-zero probabilities are entries `offsets[g]` to `offsets[g + 1] - 1`, in language order.
 */
export interface LanguageProfiles {
  /** Language codes in file-name order (langdetect's `langlist`; see docs/benchmarks.md). */
  languages: readonly string[];
  /** Each n-gram's index. */
  gramIndex: ReadonlyMap<string, number>;
  /** Where each n-gram's entries start (one more than there are n-grams). */
  offsets: Int32Array;
  /** The language of each entry. */
  entryLanguage: Uint8Array;
  /** The probability of each entry: count / the language's number of n-grams of that length. */
  entryProbability: Float64Array;
}

let cached: LanguageProfiles | undefined;

/** The 55 profiles, parsed once (tens of milliseconds) and kept. */
export function languageProfiles(): LanguageProfiles {
  return cached ??= parseProfiles(PROFILE_TEXT);
}

/** Parses the compact profile text (format: scripts/build_langdetect_data.ts). */
export function parseProfiles(text: string): LanguageProfiles {
  const records = text.split(";");
  const languages = records[0].split(" ");
  const nWords = records.slice(1, 1 + languages.length).map((r) =>
    r.split(" ").map((n) => parseInt(n, 36))
  );
  const first = 1 + languages.length;
  const gramCount = records.length - first;
  let entryCount = 0;
  for (let r = first; r < records.length; r++) {
    const rec = records[r];
    for (let i = rec.indexOf(":"); i !== -1; i = rec.indexOf(",", i + 1)) entryCount++;
  }
  const gramIndex = new Map<string, number>();
  const offsets = new Int32Array(gramCount + 1);
  const entryLanguage = new Uint8Array(entryCount);
  const entryProbability = new Float64Array(entryCount);
  let e = 0;
  for (let g = 0; g < gramCount; g++) {
    const rec = records[first + g];
    const colon = rec.indexOf(":");
    const gram = rec.slice(0, colon);
    // langdetect divides by the language's total for n-grams of this length (in code points).
    let length = 0;
    for (const _ of gram) length++;
    gramIndex.set(gram, g);
    offsets[g] = e;
    for (const entry of rec.slice(colon + 1).split(",")) {
      const lang = LANG_DIGITS.indexOf(entry[0]);
      entryLanguage[e] = lang;
      entryProbability[e] = parseInt(entry.slice(1), 36) / nWords[lang][length - 1];
      e++;
    }
  }
  offsets[gramCount] = e;
  return { languages, gramIndex, offsets, entryLanguage, entryProbability };
}
