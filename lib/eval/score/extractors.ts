/**
 * The extractors benchmarks use, built on the shared helpers of `lib/eval/score/extract` and
 * `lib/eval/score/math` (this file only adapts them to the {@linkcode Extractor} shape).
 *
 * @module
 */
import type { Extractor } from "../benchmark/benchmark.ts";
import {
  type ExtractContext,
  EXTRACTOR_VARIANTS,
  INVALID,
  optionLetters,
  parseMultipleChoice,
} from "./extract/mod.ts";
import { extractMathAnswer } from "./math/mod.ts";
import type { Sample } from "../benchmark/types.ts";

/** EvalScope's math extraction (boxed, "the answer is", ANSWER:, last number), normalised. */
export const mathExtractor: Extractor = {
  name: "math:evalscope",
  extract: (text) => extractMathAnswer(text),
};

/** The response as it is (trimmed): for free-form answers scored by overlap metrics. */
export const identityExtractor: Extractor = {
  name: "identity",
  extract: (text) => text.trim(),
};

/** EvalScope's multiple-choice letter parsing over the sample's option labels. */
export function mcqExtractor(
  options: { chinese?: boolean; multiple?: boolean; fallback?: boolean } = {},
): Extractor {
  const name = `mcq:${options.chinese ? "evalscope-zh" : "evalscope"}${
    options.multiple ? "-multi" : ""
  }${options.fallback === false ? "-strict" : ""}`;
  return {
    name,
    extract: (text, sample) =>
      parseMultipleChoice(text, {
        letters: optionLetters(sample.choices?.length ?? 4),
        chinese: options.chinese ?? false,
        multiple: options.multiple ?? false,
        fallback: options.fallback ?? true,
      }),
  };
}

/** The per-sample context extractor variants need (option labels, multi-answer). */
export function variantContext(sample: Sample): ExtractContext {
  return {
    letters: optionLetters(sample.choices?.length ?? 4),
    multiple: Array.isArray(sample.target) && sample.target.length > 1,
  };
}

/** Runs one named variant of `lib/eval/score/extract` on a response: its extraction and its score. */
export function runVariant(
  name: string,
  text: string,
  sample: Sample,
  target: string,
): { extracted: string; score: number } {
  const v = EXTRACTOR_VARIANTS[name];
  if (!v) throw new Error(`unknown extractor variant ${name}`);
  const ctx = variantContext(sample);
  const extracted = v.extract(text, ctx);
  const clean = extracted === INVALID ? "" : extracted;
  let score = 0;
  try {
    score = clean === "" ? 0 : v.score(clean, target, ctx);
  } catch {
    score = 0;
  }
  return { extracted: clean, score };
}
