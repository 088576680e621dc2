/**
 * AIME 2024: the 30 problems of AIME 2024 I and II; integer answers read from `\boxed{}`,
 * normalised the Hendrycks way and graded with the PRM800K grader.
 *
 * @module
 */
import {
  defineBenchmark,
  type Extractor,
  gradeAnswer,
  namedExtractor,
  optionalText,
  type Scorer,
  targetText,
  textField,
} from "../lib/eval/define.ts";

/** EvalScope's AIME prompt (it starts with a newline). */
export const AIME_PROMPT =
  "\nSolve the following math problem step by step. Put your answer inside \\boxed{{}}.\n\n{question}\n\nRemember to put your answer inside \\boxed{{}}.";

/** AIME extraction: math extraction, then Hendrycks `normalize_answer`. */
export const aimeExtractor: Extractor = namedExtractor("math:aime");

/** AIME scoring: PRM800K `grade_answer(extracted, reference)`; no answer scores 0. */
export const aimeScorer: Scorer = {
  id: "aime:grade_answer",
  kind: "rule",
  score({ extracted, sample }) {
    let ok = false;
    try {
      ok = extracted.trim() !== "" && gradeAnswer(extracted, targetText(sample.target));
    } catch {
      ok = false;
    }
    return { value: { acc: ok ? 1 : 0 }, extracted, main: "acc" };
  },
};

/** The extractor variants AIME runs side by side. */
export const AIME_VARIANTS: readonly string[] = ["math:aime", "math:evalscope", "math:strict"];

/** The `aime24` benchmark. */
export const aime24 = defineBenchmark({
  name: "aime24",
  prettyName: "AIME-2024",
  description:
    "The 30 problems of the 2024 American Invitational Mathematics Examination (I and II); answers are integers 0-999. Zero-shot, \\boxed{} answer, PRM800K-style grading.",
  version: "1",
  tags: ["math", "reasoning"],
  dataset: { id: "evalscope/aime24", evalSplit: "test", subsets: ["default"] },
  toSample(record) {
    const answer = optionalText(record, "answer") ?? textField(record, "solution");
    return {
      input: textField(record, "problem"),
      target: answer,
      metadata: { problem_id: optionalText(record, "id") ?? null },
    };
  },
  prompt: { style: "text", template: AIME_PROMPT, fewShotNum: 0 },
  extract: aimeExtractor,
  scorer: aimeScorer,
  metrics: [{ name: "acc", options: { numeric: true } }],
  metricLabels: { acc: "AveragePass@1" },
  variants: AIME_VARIANTS,
});
