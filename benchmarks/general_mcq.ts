/**
 * General-MCQ: your own multiple-choice questions in files `<subset>_val.jsonl` (and optional
 * `<subset>_dev.jsonl` for few-shot), with columns `question`, `A`, `B`, … (up to `J`) and
 * `answer`.
 *
 * @module
 */
import {
  defineBenchmark,
  FieldError,
  MCQ_MULTIPLE_COT_ZH,
  MCQ_MULTIPLE_ZH,
  MCQ_SINGLE_COT_ZH,
  MCQ_SINGLE_ZH,
  mcqExtractor,
  mcqPrompt,
  optionalText,
  textField,
  variantNames,
} from "../lib/eval/define.ts";

const LETTERS = "ABCDEFGHIJ".split("");

/** The `general_mcq` benchmark. */
export const generalMcq = defineBenchmark({
  name: "general_mcq",
  prettyName: "General-MCQ",
  description:
    "Custom multiple-choice questions from local files: <subset>_val.(jsonl|csv|tsv|parquet) with question, A…J and answer columns; <subset>_dev.* gives few-shot examples. Chinese single-answer prompt by default (extra_params use_cot, multiple_correct).",
  version: "1",
  tags: ["multiple_choice", "custom"],
  dataset: {
    id: "general_mcq",
    evalSplit: "val",
    trainSplit: "dev",
    subsets: ["default"],
    layout: "files",
  },
  toSample(record) {
    const choices: string[] = [];
    for (const letter of LETTERS) {
      if (!(letter in record) || record[letter] === null || record[letter] === undefined) break;
      choices.push(textField(record, letter));
    }
    if (choices.length < 2) {
      throw new FieldError("B", "at least two option columns A, B, …", record.B);
    }
    const raw = record.answer;
    let target: string | string[];
    if (Array.isArray(raw)) target = raw.map((x) => String(x).trim().toUpperCase()).sort();
    else target = textField(record, "answer").trim().toUpperCase();
    const id = optionalText(record, "id");
    return {
      input: textField(record, "question"),
      choices,
      target,
      ...(id ? { id } : {}),
      metadata: { id: id ?? null },
    };
  },
  prompt: mcqPrompt(MCQ_SINGLE_ZH),
  extract: mcqExtractor({ chinese: true }),
  metrics: [{ name: "acc" }],
  extraParams: {
    use_cot: {
      default: false,
      help: "Ask the model to think step by step (chain-of-thought template)",
    },
    multiple_correct: {
      default: false,
      help: "Questions may have several right options (answer is a list)",
    },
  },
  configure(params) {
    const multiple = params.multiple_correct === true;
    const cot = params.use_cot === true;
    const template = multiple
      ? (cot ? MCQ_MULTIPLE_COT_ZH : MCQ_MULTIPLE_ZH)
      : (cot ? MCQ_SINGLE_COT_ZH : MCQ_SINGLE_ZH);
    return { prompt: mcqPrompt(template), extract: mcqExtractor({ chinese: true, multiple }) };
  },
  variants: variantNames("mcq").filter((n) => n !== "mcq:ceval"),
});
