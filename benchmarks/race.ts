/**
 * RACE: reading comprehension from Chinese middle- and high-school English exams (subsets
 * middle and high), 3-shot from the train split, chain-of-thought `ANSWER: X` template.
 *
 * @module
 */
import {
  defineBenchmark,
  MCQ_SINGLE_COT,
  mcqExtractor,
  mcqPrompt,
  optionalText,
  textField,
  textList,
  variantNames,
} from "../lib/eval/define.ts";

/** The `race` benchmark. */
export const race = defineBenchmark({
  name: "race",
  prettyName: "RACE",
  description:
    "Reading comprehension from English exams for Chinese students: an article, a question and four options; subsets high and middle. 3-shot from the train split (EvalScope caps it at 3), chain-of-thought 'ANSWER: X'.",
  version: "1",
  tags: ["reasoning", "multiple_choice"],
  paperUrl: "https://arxiv.org/abs/1704.04683",
  dataset: {
    id: "evalscope/race",
    hfId: "ehovy/race",
    evalSplit: "test",
    trainSplit: "train",
    subsets: ["high", "middle"],
  },
  toSample(record) {
    return {
      input: `Article:\n${textField(record, "article")}\nQuestion:\n${
        textField(record, "question")
      }`,
      choices: textList(record, "options"),
      target: textField(record, "answer").trim(),
      metadata: { example_id: optionalText(record, "example_id") ?? "unknown" },
    };
  },
  prompt: mcqPrompt(MCQ_SINGLE_COT, { fewShotNum: 3 }),
  extract: mcqExtractor(),
  metrics: [{ name: "acc" }],
  variants: variantNames("mcq").filter((n) => !n.includes("zh") && n !== "mcq:ceval"),
});
