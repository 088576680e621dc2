/**
 * MMLU-Pro: harder MMLU-style questions with up to ten options in 14 subjects, 5-shot with
 * chain-of-thought examples of the same subject from the validation split.
 *
 * @module
 */
import {
  defineBenchmark,
  mcqExtractor,
  optionalText,
  optionLabel,
  pyStrip,
  type Sample,
  textField,
  textList,
  variantNames,
} from "../lib/eval/define.ts";

/** MMLU-Pro's subjects (the lower-cased `category`), in EvalScope's order. */
export const MMLU_PRO_SUBJECTS: readonly string[] = [
  "computer science",
  "math",
  "chemistry",
  "engineering",
  "law",
  "biology",
  "health",
  "physics",
  "business",
  "philosophy",
  "economics",
  "other",
  "psychology",
  "history",
];

/** The question prompt (EvalScope's, after lm-evaluation-harness and inspect_ai). */
const PROMPT =
  "Answer the following multiple choice question. The last line of your response should be of the following format: 'ANSWER: [LETTER]' (without quotes) where [LETTER] is one of {letters}. Think step by step before answering.\n\nQuestion:\n{question}\nOptions:\n{choices}\n";

/** The few-shot preamble; `{subject}` is the evaluated question's subject. */
const FEW_SHOT =
  "The following are multiple choice questions (with answers) about {subject}. Think step by step and then finish your answer with 'ANSWER: [LETTER]' (without quotes) where [LETTER] is the correct letter choice.\n\n{fewshot}\n\n" +
  PROMPT;

/** One example: question, `A text` options, and its chain of thought ending `ANSWER: X`. */
export function formatMmluProExample(sample: Sample): string {
  const options = (sample.choices ?? []).map((c, i) => `${optionLabel(i)} ${c}`).join("\n");
  let answer = String(sample.metadata?.cot_content ?? "").replaceAll("The answer is", "ANSWER:");
  const parts = answer.split("ANSWER:");
  const letter = pyStrip(pyStrip(pyStrip(parts[parts.length - 1].split(".")[0]), "("), ")");
  answer = answer.replaceAll(`ANSWER: (${letter})`, `ANSWER: ${letter}`);
  return [`Question:\n${sample.input}`, `Options:\n${options}`, answer].join("\n");
}

/** The `mmlu_pro` benchmark. */
export const mmluPro = defineBenchmark({
  name: "mmlu_pro",
  prettyName: "MMLU-Pro",
  description:
    "MMLU-Pro: 12,000 harder questions with up to ten options (A-J) in 14 subjects (from the category field). 5-shot chain-of-thought examples of the same subject from the validation split; 'ANSWER: X' parsing.",
  version: "1",
  tags: ["knowledge", "multiple_choice"],
  paperUrl: "https://arxiv.org/abs/2406.01574",
  dataset: {
    id: "TIGER-Lab/MMLU-Pro",
    evalSplit: "test",
    trainSplit: "validation",
    subsets: MMLU_PRO_SUBJECTS,
    subsetsFromConfig: "default",
  },
  toSample(record) {
    const subject = textField(record, "category").toLowerCase();
    return {
      input: textField(record, "question"),
      choices: textList(record, "options"),
      target: pyStrip(textField(record, "answer")),
      subset: subject,
      metadata: {
        cot_content: optionalText(record, "cot_content") ?? "",
        subject,
        question_id: optionalText(record, "question_id") ?? null,
      },
    };
  },
  prompt: {
    style: "mcq",
    template: PROMPT,
    fewShotTemplate: FEW_SHOT,
    fewShotNum: 5,
    formatExample: formatMmluProExample,
    values: (s) => ({ subject: String(s.metadata?.subject ?? s.subset ?? "") }),
  },
  extract: mcqExtractor(),
  metrics: [{ name: "acc" }],
  variants: variantNames("mcq").filter((n) => !n.includes("zh") && n !== "mcq:ceval"),
});
