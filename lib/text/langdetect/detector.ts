/**
 * langdetect 1.0.9's `Detector` (`detector.py`): clean the text, collect the 1-3-grams the
 * profiles know, then run seven seeded random walks over them (naive Bayes with a Gaussian-
 * jittered smoothing) and average the language probabilities.
 *
 * The random draws are CPython's (`random.Random`, re-seeded at each detection as langdetect
 * does), and the sums run in the same order, so the answers and probabilities are Python's (but
 * for the rare last-bit differences of the C library's `log`/`cos`/`sin`, docs/benchmarks.md).
 *
 * @module
 */
import { PyRandom } from "../../util/py_random.ts";
import type { LanguageProfiles } from "./profiles.ts";
import { collectNGrams, normalizeVietnamese } from "./ngram.ts";

/** A language and its probability, as `detect_langs` lists them. */
export interface LanguageProbability {
  lang: string;
  prob: number;
}

/** Options of {@linkcode detectProbabilities}. */
export interface DetectOptions {
  /** The seed of every detection (`DetectorFactory.seed`). Default 0, as EvalScope sets it. */
  seed?: number;
}

const ALPHA = 0.5;
const ALPHA_WIDTH = 0.05;
const ITERATION_LIMIT = 1000;
const PROB_THRESHOLD = 0.1;
const CONV_THRESHOLD = 0.99999;
const BASE_FREQ = 10000;
const TRIALS = 7;
const MAX_TEXT_LENGTH = 10000;

const URL_RE = /https?:\/\/[-_.?&~;+=/#0-9A-Za-z]{1,2076}/g;
const MAIL_RE = /[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}/g;

/** The prepared text's code points (reused: detection is synchronous and not re-entrant). */
const chars = new Uint32Array(MAX_TEXT_LENGTH);

/**
 * `Detector.append` and `Detector.cleaning_text`: the code points langdetect reads, in a view of
 * a buffer that the next call reuses.
 */
export function prepareText(text: string): Uint32Array {
  const count = cleanText(appendText(text));
  return chars.subarray(0, count);
}

/**
 * `Detector.append`: URLs and e-mail addresses become spaces, Vietnamese letters with combining
 * marks are composed, runs of spaces collapse, and only the first 10,000 code points are read.
 * Fills {@linkcode chars}; returns how many it holds.
 */
function appendText(text: string): number {
  let t = text;
  if (t.includes("://")) t = t.replace(URL_RE, " ");
  if (t.includes("@")) t = t.replace(MAIL_RE, " ");
  t = normalizeVietnamese(t);
  let count = 0;
  let previous = -1;
  for (let i = 0, read = 0; i < t.length && read < MAX_TEXT_LENGTH; read++) {
    const cp = t.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (cp !== 0x20 || previous !== 0x20) chars[count++] = cp;
    previous = cp;
  }
  return count;
}

/**
 * `Detector.cleaning_text`: when characters at or above U+0300 outnumber the ASCII letters
 * (`'A'..'z'`, brackets and all) two to one, the ASCII letters go. langdetect means to spare
 * Latin Extended Additional there, but compares a block number with a block name, so nothing is
 * spared; this keeps that. Returns the new count.
 */
function cleanText(count: number): number {
  let latin = 0;
  let nonLatin = 0;
  for (let i = 0; i < count; i++) {
    const cp = chars[i];
    if (cp >= 0x41 && cp <= 0x7a) latin++;
    else if (cp >= 0x300) nonLatin++;
  }
  if (latin * 2 >= nonLatin) return count;
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const cp = chars[i];
    if (cp < 0x41 || cp > 0x7a) chars[kept++] = cp;
  }
  return kept;
}

/**
 * `detect_langs(text)`: the languages above probability 0.1, most likely first (ties keep the
 * profile order), or undefined where langdetect raises "No features in text".
 */
export function detectProbabilities(
  text: string,
  profiles: LanguageProfiles,
  options: DetectOptions = {},
): LanguageProbability[] | undefined {
  const grams = collectNGrams(prepareText(text), profiles.gramIndex);
  if (grams.length === 0) return undefined;
  const probs = averageTrials(grams, profiles, options.seed ?? 0);
  const out: LanguageProbability[] = [];
  probs.forEach((prob, i) => {
    if (prob > PROB_THRESHOLD) out.push({ lang: profiles.languages[i], prob });
  });
  return out.sort((a, b) => b.prob - a.prob);
}

/** The generator seeded with the last seed used, copied for each detection. */
let seeded: { seed: number; random: PyRandom } | undefined;

/** `random.seed(seed)` as langdetect does before its trials, from a kept seeded copy. */
function seededRandom(seed: number): PyRandom {
  if (seeded?.seed !== seed) seeded = { seed, random: new PyRandom(seed) };
  return seeded.random.clone();
}

/** `Detector._detect_block` after the n-grams: the seven trials' mean probabilities. */
function averageTrials(grams: Int32Array, profiles: LanguageProfiles, seed: number): Float64Array {
  const { offsets, entryLanguage, entryProbability } = profiles;
  const langCount = profiles.languages.length;
  const mean = new Float64Array(langCount);
  const prob = new Float64Array(langCount);
  // P(gram | language) for the drawn gram, dense: zero but for the gram's entries.
  const gramProb = new Float64Array(langCount);
  const random = seededRandom(seed);
  for (let t = 0; t < TRIALS; t++) {
    prob.fill(1 / langCount);
    const alpha = ALPHA + random.gauss(0, 1) * ALPHA_WIDTH;
    const weight = alpha / BASE_FREQ;
    for (let i = 0;; i++) {
      // `Detector._update_lang_prob`: prob[l] *= weight + P(gram | l).
      const gram = grams[random.randbelow(grams.length)];
      const start = offsets[gram];
      const end = offsets[gram + 1];
      for (let e = start; e < end; e++) gramProb[entryLanguage[e]] = entryProbability[e];
      for (let l = 0; l < langCount; l++) prob[l] *= weight + gramProb[l];
      for (let e = start; e < end; e++) gramProb[entryLanguage[e]] = 0;
      if (i % 5 === 0 && (normalize(prob) > CONV_THRESHOLD || i >= ITERATION_LIMIT)) break;
    }
    for (let l = 0; l < langCount; l++) mean[l] += prob[l] / TRIALS;
  }
  return mean;
}

/** `Detector._normalize_prob`: divide by the sum (summed in order, as Python 3.11's `sum`). */
function normalize(prob: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < prob.length; i++) sum += prob[i];
  let max = 0;
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i] / sum;
    if (max < p) max = p;
    prob[i] = p;
  }
  return max;
}
