/**
 * MATH-500: 500 competition problems from the MATH test set (the PRM800K selection), in five
 * difficulty levels; the answer is read from `\boxed{}` and compared by math equivalence.
 *
 * @module
 */
import {
  defineBenchmark,
  intField,
  MATH_BOXED,
  mathExtractor,
  optionalText,
  textField,
  variantNames,
} from "../lib/eval/define.ts";

/** MATH's difficulty levels, the subsets of `math_500` and `competition_math`. */
export const MATH_LEVELS: readonly string[] = [
  "Level 1",
  "Level 2",
  "Level 3",
  "Level 4",
  "Level 5",
];

/** The `math_500` benchmark. */
export const math500 = defineBenchmark({
  name: "math_500",
  prettyName: "MATH-500",
  description:
    "500 problems from the MATH test set in five difficulty levels (subsets Level 1-5, from the level field). Zero-shot; the answer is read from \\boxed{} (or the last number) and compared by math equivalence.",
  version: "1",
  tags: ["math", "reasoning"],
  paperUrl: "https://arxiv.org/abs/2305.20050",
  dataset: {
    id: "AI-ModelScope/MATH-500",
    hfId: "HuggingFaceH4/MATH-500",
    evalSplit: "test",
    subsets: MATH_LEVELS,
    subsetsFromConfig: "default",
  },
  toSample(record) {
    return {
      input: textField(record, "problem"),
      target: textField(record, "answer"),
      subset: `Level ${intField(record, "level")}`,
      metadata: {
        question_id: optionalText(record, "unique_id") ?? null,
        subject: optionalText(record, "subject") ?? null,
      },
    };
  },
  prompt: { style: "text", template: MATH_BOXED, fewShotNum: 0 },
  extract: mathExtractor,
  metrics: [{ name: "acc", options: { numeric: true } }],
  metricLabels: { acc: "AveragePass@1" },
  variants: variantNames("math"),
});
