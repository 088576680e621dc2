/**
 * The instruction ids of IFEval's data and their checkers (Google's `INSTRUCTION_DICT`, the 25
 * registered entries).
 *
 * @module
 */
import * as c from "./checkers.ts";
import * as l from "./language_checkers.ts";

/** Instruction id → checker. */
export const CHECKERS: Readonly<Record<string, c.Checker>> = {
  "keywords:existence": c.keywordsExistence,
  "keywords:frequency": c.keywordsFrequency,
  "keywords:forbidden_words": c.forbiddenWords,
  "keywords:letter_frequency": c.letterFrequency,
  "length_constraints:number_paragraphs": c.numberParagraphs,
  "length_constraints:number_words": c.numberWords,
  "length_constraints:nth_paragraph_first_word": c.nthParagraphFirstWord,
  "detectable_content:number_placeholders": c.numberPlaceholders,
  "detectable_content:postscript": c.postscript,
  "detectable_format:number_bullet_lists": c.numberBulletLists,
  "detectable_format:constrained_response": c.constrainedResponse,
  "detectable_format:number_highlighted_sections": c.numberHighlightedSections,
  "detectable_format:multiple_sections": c.multipleSections,
  "detectable_format:json_format": c.jsonFormat,
  "detectable_format:title": c.title,
  "combination:two_responses": c.twoResponses,
  "combination:repeat_prompt": c.repeatPrompt,
  "startend:end_checker": c.endChecker,
  "punctuation:no_comma": c.noComma,
  "startend:quotation": c.quotation,
  "language:response_language": l.responseLanguage,
  "length_constraints:number_sentences": l.numberSentences,
  "change_case:capital_word_frequency": l.capitalWordFrequency,
  "change_case:english_capital": l.englishCapital,
  "change_case:english_lowercase": l.englishLowercase,
};
