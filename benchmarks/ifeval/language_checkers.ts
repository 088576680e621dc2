/**
 * IFEval's instruction checkers that need language tools: language identification (Python
 * langdetect 1.0.9, seeded with 0 as EvalScope does). langdetect finding no features in a text
 * (digits or punctuation only) counts as followed, as in the reference.
 *
 * @module
 */
import { detectLanguage } from "../../lib/text/langdetect/mod.ts";
import { type Checker, textArg } from "./checkers.ts";

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
