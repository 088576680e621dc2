/**
 * Extractors in the shape a benchmark's `extract` takes. The named ones come from the one
 * registry, `EXTRACTOR_VARIANTS` in `lib/eval/score/extract`, so a benchmark and
 * `lmeter score --extractors` read answers with the same code.
 *
 * @module
 */
import type { Extractor } from "../benchmark/benchmark.ts";
import {
  type ExtractContext,
  EXTRACTOR_VARIANTS,
  type ExtractorVariant,
  INVALID,
} from "./extract/mod.ts";
import { optionLabels } from "../benchmark/option_labels.ts";
import type { Sample } from "../benchmark/types.ts";

/** The registered variant called `name`; throws naming the known ones. */
function variantOf(name: string): ExtractorVariant {
  const v = EXTRACTOR_VARIANTS[name];
  if (!v) {
    throw new Error(
      `Cannot find extractor ${name}: known extractors are ${
        Object.keys(EXTRACTOR_VARIANTS).join(", ")
      }`,
    );
  }
  return v;
}

/**
 * The registered extractor `name` as a benchmark's `extract`: option labels come from the
 * sample's choices; several letters are read only with `multiple` (its name then ends `-multi`).
 */
export function namedExtractor(name: string, options: { multiple?: boolean } = {}): Extractor {
  const v = variantOf(name);
  const multiple = options.multiple ?? false;
  return {
    name: multiple ? `${name}-multi` : name,
    extract: (text, sample) =>
      v.extract(text, { letters: optionLabels(sample.choices?.length ?? 4), multiple }),
  };
}

/** EvalScope's math extraction (boxed, "the answer is", ANSWER:, last number), normalised. */
export const mathExtractor: Extractor = namedExtractor("math:evalscope");

/** The response as it is (trimmed): for free-form answers scored by overlap metrics. */
export const identityExtractor: Extractor = {
  name: "identity",
  extract: (text) => text.trim(),
};

/** EvalScope's multiple-choice letter parsing over the sample's option labels. */
export function mcqExtractor(options: { chinese?: boolean; multiple?: boolean } = {}): Extractor {
  return namedExtractor(options.chinese ? "mcq:evalscope-zh" : "mcq:evalscope", options);
}

/** The per-sample context extractor variants need (option labels, multi-answer). */
export function variantContext(sample: Sample): ExtractContext {
  return {
    letters: optionLabels(sample.choices?.length ?? 4),
    multiple: Array.isArray(sample.target) && sample.target.length > 1,
  };
}

/**
 * Runs one registered variant on a response: its extraction and its score. A variant that
 * throws is not a wrong answer: the exception goes to the caller, which names the sample.
 */
export function runVariant(
  name: string,
  input: { text: string; sample: Sample; target: string },
): { extracted: string; score: number } {
  const v = variantOf(name);
  const ctx = variantContext(input.sample);
  const extracted = v.extract(input.text, ctx);
  const clean = extracted === INVALID ? "" : extracted;
  return { extracted: clean, score: clean === "" ? 0 : v.score(clean, input.target, ctx) };
}
