/**
 * Seed 004's data in small: a collection file in the seed's dataset format (EvalScope 0.x
 * `DatasetEntry` lines: `prompt: {data, system_prompt, raw_input}`) with 500 math_500, 198 gpqa and
 * 30 aime24 entries, all written by this generator (no real dataset text), and an answer key that
 * gets a chosen number of each right.
 *
 * @module
 */
import { createHash } from "node:crypto";

/** One answer-key line keyed by the prompt's SHA-256. */
export interface ShaKey {
  sha256: string;
  answer: string;
}

const MATH_SUFFIX = "\nPlease reason step by step, and put your final answer within \\boxed{}.";
const LETTERS = ["A", "B", "C", "D"];

/** The collection lines and the answer key (right on the first `right[name]` entries of each). */
export function seedCollection(
  right: { math_500: number; gpqa: number; aime24: number },
): { lines: Record<string, unknown>[]; key: ShaKey[] } {
  const lines: Record<string, unknown>[] = [];
  const key: ShaKey[] = [];
  const add = (
    entry: { dataset: string; subset: string; prompt: Record<string, unknown> },
    answer: { right: string; wrong: string; isRight: boolean },
  ) => {
    const data = (entry.prompt.data as string[])[0];
    lines.push({
      index: lines.length,
      prompt: entry.prompt,
      tags: ["en", "math"],
      task_type: "math",
      weight: 0,
      dataset_name: entry.dataset,
      subset_name: entry.subset,
    });
    key.push({
      sha256: createHash("sha256").update(data, "utf8").digest("hex"),
      answer: answer.isRight ? answer.right : answer.wrong,
    });
  };
  for (let i = 0; i < 500; i++) {
    const level = 1 + (i % 5);
    const problem = `Handmade problem ${i}: what is ${i} + ${i + 1}?`;
    const value = String(2 * i + 1);
    add({
      dataset: "math_500",
      subset: `Level ${level}`,
      prompt: {
        data: [problem + MATH_SUFFIX],
        raw_input: {
          problem,
          solution: `Add: $\\boxed{${value}}$`,
          answer: value,
          subject: "Prealgebra",
          level,
          unique_id: `handmade/${i}.json`,
        },
      },
    }, {
      right: `Adding gives \\boxed{${value}}.`,
      wrong: `Adding gives \\boxed{${Number(value) + 1}}.`,
      isRight: i < right.math_500,
    });
  }
  for (let i = 0; i < 198; i++) {
    const question = `Handmade science question ${i}: which option is marked correct?`;
    const letter = LETTERS[i % 4];
    const options = LETTERS.map((l) => (l === letter ? `correct ${i}` : `wrong ${l}${i}`));
    add({
      dataset: "gpqa",
      subset: "gpqa_diamond",
      prompt: {
        data: [
          `What is the correct answer to this question:${question}\nChoices:\n${
            options.map((o, j) => `(${LETTERS[j]}) ${o}`).join("\n")
          }\nLet's think step by step: `,
        ],
        multi_choices: LETTERS,
        system_prompt: "Answer with the letter of the right option.",
        raw_input: {
          Question: question,
          "Correct Answer": `correct ${i}`,
          "Incorrect Answer 1": options.filter((o) => o.startsWith("wrong"))[0],
          "Incorrect Answer 2": options.filter((o) => o.startsWith("wrong"))[1],
          "Incorrect Answer 3": options.filter((o) => o.startsWith("wrong"))[2],
          answer: letter,
        },
      },
    }, {
      right: `ANSWER: ${letter}`,
      wrong: `ANSWER: ${LETTERS[(i + 1) % 4]}`,
      isRight: i < right.gpqa,
    });
  }
  for (let i = 0; i < 30; i++) {
    const problem = `Handmade contest problem ${i}: find ${i} times 3.`;
    add({
      dataset: "aime24",
      subset: "default",
      prompt: {
        data: [
          `\nSolve the following math problem step by step. Put your answer inside \\boxed{}.\n\n${problem}\n\nRemember to put your answer inside \\boxed{}.`,
        ],
        raw_input: { id: `handmade-${i}`, problem, solution: "", answer: String(3 * i) },
      },
    }, {
      right: `So \\boxed{${3 * i}}.`,
      wrong: `So \\boxed{${3 * i + 1}}.`,
      isRight: i < right.aime24,
    });
  }
  return { lines, key };
}
