/**
 * The demo evaluation's content: built-in sample data (no files, so it works from the bundle)
 * served in memory, and an answer key that makes the simulator right on a known share of it.
 * `lib/jobs/demo_eval.ts` runs gsm8k, arc and mmlu on it.
 *
 * @module
 */
import { join } from "node:path";
import {
  type DataAccess,
  optionLabel,
  type Row,
  type SplitRequest,
} from "../../lib/eval/define.ts";
import {
  ARC_CHALLENGE_TEST,
  ARC_EASY_TEST,
  GSM8K_TEST,
  GSM8K_TRAIN,
  MMLU_DEV,
  MMLU_TEST,
} from "./rows.ts";

/** The virtual folder the demo data lives in (`--dataset-dir` of the demo run). */
export const DEMO_ROOT = "lmeter-demo:";

const SPLITS: Readonly<Record<string, readonly unknown[]>> = {
  "gsm8k/main/test": GSM8K_TEST,
  "gsm8k/main/train": GSM8K_TRAIN,
  "arc/ARC-Easy/test": ARC_EASY_TEST,
  "arc/ARC-Challenge/test": ARC_CHALLENGE_TEST,
  "mmlu/all/test": MMLU_TEST,
  "mmlu/all/dev": MMLU_DEV,
};

/** Serves the demo rows in memory to the engine. */
export function demoDataAccess(): DataAccess {
  const prefix = join(DEMO_ROOT, "/");
  return {
    exists: (path) =>
      Promise.resolve(["gsm8k", "arc", "mmlu"].some((b) => path === join(DEMO_ROOT, b))),
    readTable: (path) => Promise.reject(new Error(`the demo data has no file ${path}`)),
    readText: (req) => Promise.reject(new Error(`the demo data has no file ${req.path}`)),
    loadSplit: (req: SplitRequest) => {
      const bench = req.datasetId.startsWith(prefix)
        ? req.datasetId.slice(prefix.length)
        : req.datasetId;
      const rows = SPLITS[`${bench}/${req.subset}/${req.split}`];
      if (!rows) return Promise.resolve([]);
      return Promise.resolve(rows.map((r) => structuredClone(r) as Row));
    },
  };
}

/** One answer-key line for the simulator (the `lmeter sim --answer-key` format). */
export interface DemoAnswer {
  match: string;
  answer: string;
  wrong_answer: string;
  p_correct: number;
}

/** An answer key for the demo data: right answers with probability `pCorrect`, wrong ones otherwise. */
export function demoAnswerKey(pCorrect = 0.8): DemoAnswer[] {
  const out: DemoAnswer[] = [];
  for (const r of GSM8K_TEST) {
    const [work, target] = r.answer.split("####").map((s) => s.trim());
    out.push({
      match: r.question,
      answer: `${work.replace(/<<[^>]*>>/g, "")}\nThe answer is \\boxed{${target}}.`,
      wrong_answer: `I think it is \\boxed{${Number(target) + 1}}.`,
      p_correct: pCorrect,
    });
  }
  for (const r of [...ARC_EASY_TEST, ...ARC_CHALLENGE_TEST]) {
    const at = (r.choices.label as readonly string[]).indexOf(r.answerKey);
    out.push(mcq(r.question, at, r.choices.text.length, pCorrect));
  }
  for (const r of MMLU_TEST) out.push(mcq(r.question, r.answer, r.choices.length, pCorrect));
  return out;
}

function mcq(question: string, right: number, count: number, p: number): DemoAnswer {
  const wrong = (right + 1) % count;
  return {
    match: question,
    answer: `Let me think it through.\nANSWER: ${optionLabel(right)}`,
    wrong_answer: `ANSWER: ${optionLabel(wrong)}`,
    p_correct: p,
  };
}
