/**
 * Winogrande: fill the blank of a sentence with one of two options (pronoun resolution),
 * zero-shot with the plain `ANSWER: X` template.
 *
 * @module
 */
import {
  defineBenchmark,
  FieldError,
  intField,
  MCQ_SINGLE,
  mcqExtractor,
  mcqPrompt,
  optionalText,
  optionLabel,
  textField,
  variantNames,
} from "../lib/eval/define.ts";

/** The `winogrande` benchmark. */
export const winogrande = defineBenchmark({
  name: "winogrande",
  prettyName: "Winogrande",
  description:
    "44K Winograd-style sentences with a blank and two options (option1, option2; answer 1 or 2). Zero-shot, 'ANSWER: X' with X in A, B.",
  version: "1",
  tags: ["reasoning", "multiple_choice"],
  paperUrl: "https://arxiv.org/abs/1907.10641",
  dataset: { id: "AI-ModelScope/winogrande_val", evalSplit: "validation", subsets: ["default"] },
  toSample(record) {
    const answer = intField(record, "answer");
    if (answer !== 1 && answer !== 2) throw new FieldError("answer", '"1" or "2"', answer);
    return {
      input: textField(record, "sentence"),
      choices: [textField(record, "option1"), textField(record, "option2")],
      target: optionLabel(answer - 1),
      metadata: { id: optionalText(record, "id") ?? "unknown" },
    };
  },
  prompt: mcqPrompt(MCQ_SINGLE),
  extract: mcqExtractor(),
  metrics: [{ name: "acc" }],
  variants: variantNames("mcq").filter((n) => !n.includes("zh") && n !== "mcq:ceval"),
});
