/**
 * Python `langdetect` 1.0.9, ported: the language IFEval's checkers ask about
 * (`language:response_language`, `change_case:english_*`), with the answers of
 * `langdetect.detect(text)` after `DetectorFactory.seed = 0` (EvalScope's seeding). Checked
 * against the Python library on 3,714 texts (the 714 fixtures and 3,000 random ones): every
 * language the same, and all 3,193 probability lists compared the same to the last bit
 * (docs/benchmarks.md says where the last bits could differ).
 *
 * The 55 profiles are parsed on the first detection, not on import.
 *
 * @module
 */
import { detectProbabilities, type LanguageProbability } from "./detector.ts";
import { languageProfiles } from "./profiles.ts";

export type { LanguageProbability } from "./detector.ts";

/**
 * `langdetect.detect(text)` at seed 0: a language code (`en`, `zh-cn`, …; `unknown` when no
 * language reaches 0.1), or undefined where langdetect raises "No features in text" (no letters
 * it knows, e.g. digits, punctuation, URLs only, or only words in capitals).
 */
export function detectLanguage(text: string): string | undefined {
  const probs = detectProbabilities(text, languageProfiles());
  if (probs === undefined) return undefined;
  return probs.length > 0 ? probs[0].lang : "unknown";
}

/** `langdetect.detect_langs(text)` at seed 0, or undefined for "No features in text". */
export function detectLanguageProbabilities(text: string): LanguageProbability[] | undefined {
  return detectProbabilities(text, languageProfiles());
}
