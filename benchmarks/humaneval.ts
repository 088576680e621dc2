/**
 * HumanEval: 164 hand-written Python functions to complete from their signature and docstring.
 * The code is the first fenced block of the reply (else the reply); the program is the prompt,
 * the code, the task's tests and `check(<entry point>)`, run in the sandbox for 4 s. `acc` is 1
 * when it exits cleanly, with pass@k over repeats.
 *
 * @module
 */
import {
  defineBenchmark,
  firstFencedCode,
  optionalText,
  programScorer,
  textField,
} from "../lib/eval/define.ts";

/** The `humaneval` benchmark. */
export const humaneval = defineBenchmark({
  name: "humaneval",
  prettyName: "HumanEval",
  description:
    "164 Python programming problems: complete a function from its signature and docstring. The first fenced code block of the reply (else the whole reply) is appended to the prompt and run with the task's tests in the sandbox (4 s); acc is 1 when they pass, with pass@k over repeats.",
  version: "1",
  tags: ["code"],
  paperUrl: "https://arxiv.org/abs/2107.03374",
  dataset: {
    id: "opencompass/humaneval",
    hfId: "openai/openai_humaneval",
    evalSplit: "test",
    subsets: ["openai_humaneval"],
  },
  toSample(record) {
    const taskId = textField(record, "task_id");
    return {
      input: textField(record, "prompt"),
      target: optionalText(record, "canonical_solution") ?? "",
      id: taskId,
      metadata: {
        task_id: taskId,
        test: textField(record, "test"),
        entry_point: textField(record, "entry_point"),
      },
    };
  },
  prompt: {
    style: "text",
    template:
      "Read the following function signature and docstring, and fully implement the function described. Your response should only contain the code for this function.\n{question}",
    fewShotNum: 0,
  },
  extract: { name: "code:first-fence", extract: (text) => firstFencedCode(text) },
  runsCode: true,
  scorer: programScorer({
    id: "humaneval:exec",
    benchmark: "humaneval",
    // The prompt (signature and docstring) always comes first: a reply that writes the whole
    // function defines it again, which Python allows.
    assemble: (code, sample) => ({
      source:
        `${sample.input}${code}\n${sample.metadata?.test}\ncheck(${sample.metadata?.entry_point})`,
      tests: 1,
      markers: false,
    }),
  }),
  metrics: [{ name: "acc" }],
  // The mean of `acc` over every attempt is pass@1 (EvalScope v0 names it so).
  metricLabels: { acc: "Pass@1" },
  aggregation: "mean_and_pass_at_k",
  reviewTimeout: 4,
});
