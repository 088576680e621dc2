/**
 * ARC: grade-school science questions with four options (ARC-Easy and ARC-Challenge).
 *
 * @module
 */
import {
  defineBenchmark,
  FieldError,
  MCQ_SINGLE,
  mcqExtractor,
  mcqPrompt,
  objectField,
  optionLabel,
  textField,
  textList,
  variantNames,
} from "../lib/eval/define.ts";

/** The `arc` benchmark. */
export const arc = defineBenchmark({
  name: "arc",
  prettyName: "ARC",
  description:
    "AI2 Reasoning Challenge: grade-school science multiple-choice questions, in an Easy and a Challenge set. Zero-shot, 'ANSWER: X' format.",
  version: "1",
  tags: ["reasoning", "multiple_choice"],
  paperUrl: "https://arxiv.org/abs/1803.05457",
  dataset: {
    id: "allenai/ai2_arc",
    evalSplit: "test",
    trainSplit: "train",
    subsets: ["ARC-Easy", "ARC-Challenge"],
  },
  toSample(record) {
    const choices = objectField(record, "choices");
    const texts = textList(choices, "text");
    const labels = textList(choices, "label");
    const key = textField(record, "answerKey").trim();
    const at = labels.indexOf(key);
    if (at < 0) throw new FieldError("answerKey", `one of the labels ${labels.join(", ")}`, key);
    return {
      input: textField(record, "question"),
      choices: texts,
      target: optionLabel(at),
      id: typeof record.id === "string" ? record.id : undefined,
      metadata: { id: record.id ?? null },
    };
  },
  prompt: mcqPrompt(MCQ_SINGLE),
  extract: mcqExtractor(),
  metrics: [{ name: "acc" }],
  variants: variantNames("mcq").filter((n) => !n.includes("zh") && n !== "mcq:ceval"),
});
