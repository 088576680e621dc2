/**
 * IQuiz: Chinese IQ and EQ multiple-choice questions (subsets IQ and EQ), zero-shot with the
 * Chinese chain-of-thought template and `答案：X` parsing.
 *
 * @module
 */
import {
  defineBenchmark,
  MCQ_SINGLE_COT_ZH,
  mcqExtractor,
  mcqPrompt,
  optionalText,
  textField,
  textList,
  variantNames,
} from "../lib/eval/define.ts";

/** The `iquiz` benchmark. */
export const iquiz = defineBenchmark({
  name: "iquiz",
  prettyName: "IQuiz",
  description:
    "Chinese IQ (logic) and EQ (emotional intelligence) multiple-choice questions, subsets IQ and EQ. Zero-shot Chinese chain-of-thought template, answer from '答案：X'.",
  version: "1",
  tags: ["knowledge", "multiple_choice", "chinese"],
  dataset: { id: "AI-ModelScope/IQuiz", evalSplit: "test", subsets: ["IQ", "EQ"] },
  toSample(record) {
    return {
      input: textField(record, "question"),
      choices: textList(record, "choices"),
      target: textField(record, "answer").trim(),
      metadata: { level: optionalText(record, "level") ?? "unknown" },
    };
  },
  prompt: mcqPrompt(MCQ_SINGLE_COT_ZH),
  extract: mcqExtractor({ chinese: true }),
  metrics: [{ name: "acc" }],
  variants: variantNames("mcq").filter((n) => n !== "mcq:ceval"),
});
