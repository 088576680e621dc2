/**
 * IFEval's instruction checkers that need language tools: sentence counting (NLTK's Punkt with
 * its English parameters), all-capital words (NLTK's `word_tokenize`) and language
 * identification (Python langdetect 1.0.9, seeded with 0 as EvalScope does). langdetect finding
 * no features in a text (digits or punctuation only) counts as followed, as in the reference.
 *
 * @module
 */
import { pyIsLower, pyIsUpper, sentenceTokenize, wordTokenize } from "../../lib/text/mod.ts";
import { detectLanguage } from "../../lib/text/langdetect/mod.ts";
import { type Checker, compare, intArg, textArg } from "./checkers.ts";

const recent = new Map<string, string | undefined>();

/**
 * langdetect's answer for `text`, remembered for the last few texts: one response is detected
 * for several instructions and loose variants, and the answer (seed 0) never changes.
 */
function detect(text: string): string | undefined {
  if (recent.has(text)) return recent.get(text);
  const language = detectLanguage(text);
  if (recent.size >= 32) recent.clear();
  recent.set(text, language);
  return language;
}

/** langdetect's answer is `want`, or it found no features (the reference then passes). */
function detectedIs(text: string, want: string): boolean {
  const language = detect(text);
  return language === undefined || language === want;
}

/** `language:response_language`: langdetect names the language asked for. */
export const responseLanguage: Checker = (r, kw) => detectedIs(r, textArg(kw, "language"));

/** `length_constraints:number_sentences`: less than / at least n Punkt sentences. */
export const numberSentences: Checker = (r, kw) =>
  compare(sentenceTokenize(r).length, intArg(kw, "num_sentences"), textArg(kw, "relation"));

/** `change_case:capital_word_frequency`: less than / at least n all-capital word tokens. */
export const capitalWordFrequency: Checker = (r, kw) => {
  let n = 0;
  for (const token of wordTokenize(r)) if (pyIsUpper(token)) n++;
  return compare(n, intArg(kw, "capital_frequency"), textArg(kw, "capital_relation"));
};

/** `change_case:english_capital`: Python's `str.isupper()`, and langdetect says English. */
export const englishCapital: Checker = (r) => pyIsUpper(r) && detectedIs(r, "en");

/** `change_case:english_lowercase`: Python's `str.islower()`, and langdetect says English. */
export const englishLowercase: Checker = (r) => pyIsLower(r) && detectedIs(r, "en");
