/**
 * Answer extraction for multiple choice, GSM8K, C-Eval and DROP, reasoning-tail handling, and
 * the registry of extractor variants.
 *
 * @module
 */

export { type MultipleChoiceOptions, parseMultipleChoice } from "./multiple_choice.ts";
export { type CevalOptions, extractCevalAnswer } from "./ceval_answer.ts";
export { extractGsm8kStrict, INVALID } from "./gsm8k_strict.ts";
export { extractLastNumber } from "./last_number.ts";
export { gsm8kExactMatch } from "./gsm8k_exact_match.ts";
export { dropAnswer, type DropAnswerOptions } from "./drop_answer.ts";
export { type DropScores, dropScores, normalizeDropAnswer } from "./drop_scores.ts";
export { squadNormalize } from "./squad_normalize.ts";
export { hasUnclosedThink, stripThinking, type StripThinkingOptions } from "./think.ts";
export { exactMatchScore, multiChoiceScore } from "./mcq_score.ts";
export {
  type ExtractContext,
  EXTRACTOR_VARIANTS,
  type ExtractorFamily,
  type ExtractorVariant,
  variantNames,
} from "./variants.ts";
export { firstFencedCode, freeformPythonCode, lastFencedCode, mbppCode } from "./code.ts";
