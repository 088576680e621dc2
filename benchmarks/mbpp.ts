/**
 * MBPP: around 500 entry-level Python tasks, each with three `assert` tests. EvalScope's fixed
 * 3-shot prompt (`[BEGIN]` … `[DONE]`); the code is the reply's first code block, cut at `[DONE]`,
 * the first `assert` and the first docstring fence, with the task's `test_setup_code` before it;
 * the program is that code and the asserts, run in the sandbox for 20 s. `acc` is 1 when it exits
 * cleanly, with pass@k over repeats.
 *
 * @module
 */
import {
  defineBenchmark,
  markerStatement,
  mbppCode,
  optionalText,
  programScorer,
  type Row,
  textField,
  textList,
} from "../lib/eval/define.ts";

/** One task as EvalScope's prompt writes it: the text, then its tests after a blank line. */
const TASK =
  "You are an expert Python programmer, and here is your task: {question} Your code should pass these tests:\n\n{tests}";

/**
 * EvalScope's three examples (MBPP tasks 2, 3 and 4 of the `prompt` split, their code with the
 * dataset's own `\r\n` line ends), each closed by `[DONE]` and a newline.
 */
const EXAMPLES = [
  [
    "Write a function to find the similar elements from the given two tuple lists.",
    [
      "assert similar_elements((3, 4, 5, 6),(5, 7, 4, 10)) == (4, 5)",
      "assert similar_elements((1, 2, 3, 4),(5, 4, 3, 7)) == (3, 4)",
      "assert similar_elements((11, 12, 14, 13),(17, 15, 14, 13)) == (13, 14)",
    ],
    [
      "def similar_elements(test_tup1, test_tup2):",
      "  res = tuple(set(test_tup1) & set(test_tup2))",
      "  return (res)",
    ],
  ],
  [
    "Write a python function to identify non-prime numbers.",
    [
      "assert is_not_prime(2) == False",
      "assert is_not_prime(10) == True",
      "assert is_not_prime(35) == True",
    ],
    [
      "import math",
      "def is_not_prime(n):",
      "    result = False",
      "    for i in range(2,int(math.sqrt(n)) + 1):",
      "        if n % i == 0:",
      "            result = True",
      "    return result",
    ],
  ],
  [
    "Write a function to find the largest integers from a given list of numbers using heap queue algorithm.",
    [
      "assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],3)==[85, 75, 65]",
      "assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],2)==[85, 75]",
      "assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],5)==[85, 75, 65, 58, 35]",
    ],
    [
      "import heapq as hq",
      "def heap_queue_largest(nums,n):",
      "  largest_nums = hq.nlargest(n, nums)",
      "  return largest_nums",
    ],
  ],
] as const;

const FEW_SHOT = EXAMPLES.map(([text, tests, code]) =>
  `${TASK.replace("{question}", text).replace("{tests}", tests.join("\n"))}\n[BEGIN]\n${
    code.join("\r\n")
  }\n[DONE]\n`
).join("");

/** The task's text: `text` in the full dataset, `prompt` in the sanitized one. */
function taskText(record: Row): string {
  return optionalText(record, "text") ?? textField(record, "prompt");
}

/** The `mbpp` benchmark. */
export const mbpp = defineBenchmark({
  name: "mbpp",
  prettyName: "MBPP",
  description:
    "Mostly Basic Python Problems: about 500 entry-level tasks with three assert tests each. EvalScope's fixed 3-shot [BEGIN]…[DONE] prompt; the first code block of the reply, with the task's set-up code, runs with the asserts in the sandbox (20 s); acc is 1 when they pass, with pass@k over repeats.",
  version: "1",
  tags: ["code"],
  paperUrl: "https://arxiv.org/abs/2108.07732",
  dataset: {
    id: "google-research-datasets/mbpp",
    evalSplit: "test",
    subsets: ["full"],
  },
  toSample(record) {
    const taskId = textField(record, "task_id");
    return {
      input: taskText(record),
      target: optionalText(record, "code") ?? "",
      id: taskId,
      metadata: {
        task_id: taskId,
        test_list: textList(record, "test_list"),
        test_setup_code: optionalText(record, "test_setup_code") ?? "",
      },
    };
  },
  prompt: {
    style: "text",
    template: TASK,
    fewShotTemplate: `{fewshot}${TASK}\n[BEGIN]\n`,
    fewShotNum: 3,
    fewShotFixed: FEW_SHOT,
    values: (sample) => ({ tests: testList(sample.metadata).join("\n") }),
  },
  extract: {
    name: "code:mbpp",
    extract: (text, sample) => mbppCode(text, String(sample.metadata?.test_setup_code ?? "")),
  },
  runsCode: true,
  scorer: programScorer({
    id: "mbpp:exec",
    benchmark: "mbpp",
    // The code, then each assert on its own line; before each, a line that names the test on
    // stderr (so a failure or a timeout is put on the right assert).
    assemble: (code, sample) => {
      const tests = testList(sample.metadata);
      const body = tests.map((t, i) => `\n${markerStatement(i)}\n${t}\n`).join("");
      return { source: code + body, tests: tests.length, markers: true };
    },
  }),
  metrics: [{ name: "acc" }],
  // The mean of `acc` over every attempt is pass@1 (EvalScope v0 names it so).
  metricLabels: { acc: "Pass@1" },
  aggregation: "mean_and_pass_at_k",
  reviewTimeout: 20,
});

function testList(metadata: Record<string, unknown> | undefined): string[] {
  const list = metadata?.test_list;
  return Array.isArray(list) ? list.map(String) : [];
}
