/**
 * Competition MATH: the MATH test set in five difficulty levels, 4-shot from the train split
 * of the same level; the reference answer is the `\boxed{}` of the reference solution.
 *
 * @module
 */
import {
  defineBenchmark,
  extractMathAnswer,
  mathExtractor,
  optionalText,
  textField,
  variantNames,
} from "../lib/eval/define.ts";
import { MATH_LEVELS } from "./math_500.ts";

/** EvalScope's MATH prompt. */
const PROMPT =
  "Problem:\n{question}\n\nPlease reason step by step, and put your final answer within \\boxed{{}}.\n";

/** The 4-shot prompt: examples, then the same prompt. */
const FEW_SHOT = "Here are some examples of how to solve similar problems:\n\n{fewshot}\n" + PROMPT;

/** The `competition_math` benchmark. */
export const competitionMath = defineBenchmark({
  name: "competition_math",
  prettyName: "Competition-MATH",
  description:
    "12,500 competition problems (AMC, AIME and others) in five difficulty levels (subsets Level 1-5, from the level field). 4-shot from the train split of the same level; the target is the \\boxed{} answer of the reference solution, compared by math equivalence.",
  version: "1",
  tags: ["math", "reasoning"],
  paperUrl: "https://arxiv.org/abs/2103.03874",
  dataset: {
    id: "evalscope/competition_math",
    evalSplit: "test",
    trainSplit: "train",
    subsets: MATH_LEVELS,
    subsetsFromConfig: "default",
  },
  toSample(record) {
    const solution = textField(record, "solution");
    return {
      input: textField(record, "problem"),
      target: extractMathAnswer(solution),
      subset: textField(record, "level"),
      metadata: { reasoning: solution, type: optionalText(record, "type") ?? "" },
    };
  },
  prompt: {
    style: "text",
    template: PROMPT,
    fewShotTemplate: FEW_SHOT,
    fewShotNum: 4,
    formatExample: (s) => `Problem:\n${s.input}\nSolution:\n${s.target}`,
  },
  extract: mathExtractor,
  metrics: [{ name: "acc", options: { numeric: true } }],
  metricLabels: { acc: "AveragePass@1" },
  variants: variantNames("math"),
});
