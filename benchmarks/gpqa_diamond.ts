/**
 * GPQA-Diamond: 198 graduate-level science questions with four options. The options are
 * shuffled per question exactly as EvalScope does it: `[incorrect 1, incorrect 2, incorrect 3,
 * correct]` shuffled by Python's `random.Random(seed).shuffle`, where `seed` is the first 8
 * bytes (big-endian) of the SHA-256 of the question text (UTF-8). See docs/benchmarks.md.
 *
 * @module
 */
import { createHash } from "node:crypto";
import {
  defineBenchmark,
  MCQ_SINGLE_COT,
  mcqExtractor,
  mcqPrompt,
  optionalText,
  optionLabel,
  PyRandom,
  pyStrip,
  textField,
  variantNames,
} from "../lib/eval/define.ts";

/** The shuffle seed of a question: its SHA-256's first 8 bytes as a big-endian integer. */
export function questionSeed(question: string): bigint {
  const digest = createHash("sha256").update(question, "utf8").digest();
  return digest.readBigUInt64BE(0);
}

/** EvalScope's option clean-up: strip, ` [title]` → `. `, drop `[...]`, halve double spaces. */
export function cleanOption(text: string | undefined): string {
  if (text === undefined) return " ";
  return pyStrip(text).replaceAll(" [title]", ". ").replace(/\[.*?\]/g, "").replaceAll("  ", " ");
}

/** The `gpqa_diamond` benchmark. */
export const gpqaDiamond = defineBenchmark({
  name: "gpqa_diamond",
  prettyName: "GPQA-Diamond",
  description:
    "198 'Google-proof' graduate-level questions in biology, physics and chemistry, four options shuffled per question (seeded by the SHA-256 of the question). Zero-shot chain-of-thought, 'ANSWER: X'.",
  version: "1",
  tags: ["knowledge", "multiple_choice"],
  paperUrl: "https://arxiv.org/abs/2311.12022",
  dataset: {
    id: "AI-ModelScope/gpqa_diamond",
    evalSplit: "train",
    subsets: ["default"],
    patterns: ["*.csv", "{split}-[0-9]*", "{split}.*", "data/{split}-[0-9]*", "data/{split}.*"],
  },
  toSample(record) {
    const question = textField(record, "Question");
    const correct = cleanOption(textField(record, "Correct Answer"));
    const choices = [
      cleanOption(optionalText(record, "Incorrect Answer 1")),
      cleanOption(optionalText(record, "Incorrect Answer 2")),
      cleanOption(optionalText(record, "Incorrect Answer 3")),
      correct,
    ];
    const shuffled = new PyRandom(questionSeed(question)).shuffle(choices);
    return {
      input: question,
      choices: shuffled,
      target: optionLabel(shuffled.indexOf(correct)),
      metadata: {
        record_id: optionalText(record, "Record ID") ?? null,
        correct_answer: textField(record, "Correct Answer"),
      },
    };
  },
  prompt: mcqPrompt(MCQ_SINGLE_COT),
  extract: mcqExtractor(),
  metrics: [{ name: "acc" }],
  metricLabels: { acc: "AveragePass@1" },
  variants: variantNames("mcq").filter((n) => !n.includes("zh") && n !== "mcq:ceval"),
});
