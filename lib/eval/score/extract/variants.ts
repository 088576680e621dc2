/**
 * Every answer-extraction variant lmeter knows, by name, so `lmeter score --extractors all` can
 * run them side by side on the same responses and report where they disagree.
 *
 * @module
 */

import { extractMathAnswer } from "../math/extract_math_answer.ts";
import { gradeAnswer } from "../math/grade_answer.ts";
import { normalizeAnswer } from "../math/hendrycks_normalize.ts";
import { mathEqual, numberEqualExact } from "../math/math_equal.ts";
import { normalizeMathAnswer } from "../math/normalize_math_answer.ts";
import { extractCevalAnswer } from "./ceval_answer.ts";
import { dropAnswer } from "./drop_answer.ts";
import { dropScores } from "./drop_scores.ts";
import { gsm8kExactMatch } from "./gsm8k_exact_match.ts";
import { extractGsm8kStrict } from "./gsm8k_strict.ts";
import { extractLastNumber } from "./last_number.ts";
import { exactMatchScore } from "./mcq_score.ts";
import { parseMultipleChoice } from "./multiple_choice.ts";
import { hasUnclosedThink, stripThinking } from "./think.ts";

/** The benchmark family a variant belongs to. */
export type ExtractorFamily = "math" | "gsm8k" | "mcq" | "drop";

/** Per-sample facts a variant may need. */
export interface ExtractContext {
  /** Valid option labels for multiple choice. Default `"ABCD"`. */
  letters?: string | readonly string[];
  /** Several options may be correct. Default false. */
  multiple?: boolean;
}

/** One named way to extract and score an answer. */
export interface ExtractorVariant {
  /** Which benchmarks it applies to. */
  family: ExtractorFamily;
  /** One line for `--help` and reports. */
  description: string;
  /** The extracted answer ("" or `[invalid]` when none). */
  extract(text: string, ctx?: ExtractContext): string;
  /** The score in [0, 1] of an extracted answer against the target. */
  score(extracted: string, target: string, ctx?: ExtractContext): number;
}

/** lmeter's reading of a reasoning response: no answer while `<think>` is unclosed. */
function afterThinking(text: string): string | undefined {
  return hasUnclosedThink(text) ? undefined : stripThinking(text);
}

const mathScore = (extracted: string, target: string) =>
  mathEqual(extracted, normalizeMathAnswer(target)) ? 1 : 0;

/** DROP targets: a JSON array of golds (each a string or an array of spans), or one string. */
function parseGolds(target: string): (string | string[])[] {
  if (!target.trimStart().startsWith("[")) return [target];
  try {
    const parsed: unknown = JSON.parse(target);
    if (!Array.isArray(parsed)) return [target];
    return parsed.map((gold) => Array.isArray(gold) ? gold.map(String) : String(gold));
  } catch {
    return [target];
  }
}

/** All variants by name (`family:name`). */
export const EXTRACTOR_VARIANTS: Readonly<Record<string, ExtractorVariant>> = {
  "math:evalscope": {
    family: "math",
    description: "EvalScope: boxed/'the answer is'/ANSWER:/last number, normalised; mathEqual",
    extract: (text) => extractMathAnswer(text),
    score: mathScore,
  },
  "math:strict": {
    family: "math",
    description:
      "lmeter: EvalScope order without the last-number fallback; unclosed <think> = none",
    extract: (text) => {
      const body = afterThinking(text);
      return body === undefined ? "" : extractMathAnswer(body, { useLastNumber: false });
    },
    score: (extracted, target) => extracted === "" ? 0 : mathScore(extracted, target),
  },
  "math:no-percent": {
    family: "math",
    description:
      "Math-Verify's numbers: EvalScope extraction; mathEqual without the percentage rule (5 is not 500)",
    extract: (text) => extractMathAnswer(text),
    score: (extracted, target) =>
      mathEqual(extracted, normalizeMathAnswer(target), { includePercentage: false }) ? 1 : 0,
  },
  "math:aime": {
    family: "math",
    description:
      "EvalScope AIME: math extraction + Hendrycks normalize_answer; PRM800K grade_answer",
    extract: (text) => normalizeAnswer(extractMathAnswer(text)),
    score: (extracted, target) => gradeAnswer(extracted, target) ? 1 : 0,
  },
  "gsm8k:evalscope": {
    family: "gsm8k",
    description:
      "EvalScope: math extraction; the number must equal the #### target exactly (no tolerance)",
    extract: (text) => extractMathAnswer(text),
    score: (extracted, target) => numberEqualExact(extracted, normalizeMathAnswer(target)) ? 1 : 0,
  },
  "gsm8k:lm-eval-strict": {
    family: "gsm8k",
    description:
      "lm-eval strict-match: first '#### N'; exact match after dropping , $ and a final .",
    extract: extractGsm8kStrict,
    score: (extracted, target) => gsm8kExactMatch(extracted, target) ? 1 : 0,
  },
  "gsm8k:lm-eval-flexible": {
    family: "gsm8k",
    description: "lm-eval flexible-extract: last number-like run; same exact match",
    extract: extractLastNumber,
    score: (extracted, target) => gsm8kExactMatch(extracted, target) ? 1 : 0,
  },
  "mcq:evalscope": {
    family: "mcq",
    description:
      "EvalScope parse_answers: last 'ANSWER: X', else the last capital if it stands alone",
    extract: (text, ctx) => parseMultipleChoice(text, { ...ctx }),
    score: exactMatchScore,
  },
  "mcq:strict": {
    family: "mcq",
    description:
      "lmeter: parse_answers without the capital-letter fallback; unclosed <think> = none",
    extract: (text, ctx) => {
      const body = afterThinking(text);
      return body === undefined ? "" : parseMultipleChoice(body, { ...ctx, fallback: false });
    },
    score: exactMatchScore,
  },
  "mcq:evalscope-zh": {
    family: "mcq",
    description:
      "EvalScope parse_answers_zh: last '答案：X', else the last capital if it stands alone",
    extract: (text, ctx) => parseMultipleChoice(text, { ...ctx, chinese: true }),
    score: exactMatchScore,
  },
  "mcq:ceval": {
    family: "mcq",
    description: "C-Eval: the last '答案：[A-D]' (full-width colon), else none",
    extract: (text) => extractCevalAnswer(text),
    score: exactMatchScore,
  },
  "drop:evalscope": {
    family: "drop",
    description: "DROP: last 'Answer:' line; official bag-of-answers F1 (target: JSON golds)",
    extract: (text) => dropAnswer(text),
    score: (extracted, target) => dropScores(extracted, parseGolds(target)).f1,
  },
  "drop:first-line": {
    family: "drop",
    description: "DROP as EvalScope v1.x read it: the first 'Answer:' line; same F1",
    extract: (text) => dropAnswer(text, { occurrence: "first" }),
    score: (extracted, target) => dropScores(extracted, parseGolds(target)).f1,
  },
};

/** The variant names of one family, in registry order. */
export function variantNames(family: ExtractorFamily): string[] {
  return Object.keys(EXTRACTOR_VARIANTS).filter((name) =>
    EXTRACTOR_VARIANTS[name].family === family
  );
}
