import assert from "node:assert/strict";
import { gsm8k } from "../../../benchmarks/gsm8k.ts";
import { mmlu } from "../../../benchmarks/mmlu.ts";
import { buildMessages } from "./prompt.ts";
import { resolveBenchmark } from "../benchmark/resolve_benchmark.ts";

Deno.test("gsm8k few-shot prompt is EvalScope's: prefix, Reasoning/ANSWER examples, boxed instruction", () => {
  const bench = resolveBenchmark(gsm8k);
  const example = gsm8k.toSample({ question: "2+2?", answer: "Add them.\n#### 4" })!;
  const fewShot = bench.formatExample!(example);
  assert.equal(fewShot, "2+2?\n\nReasoning:\nAdd them.\n\nANSWER: \\boxed{4}");
  const msgs = buildMessages({ input: "3+3?", target: "6" }, { prompt: bench.prompt, fewShot });
  assert.deepEqual(msgs, [{
    role: "user",
    content:
      "Here are some examples of how to solve similar problems:\n\n2+2?\n\nReasoning:\nAdd them.\n\nANSWER: \\boxed{4}\n\n3+3?\nPlease reason step by step, and put your final answer within \\boxed{}.",
  }]);
});

Deno.test("multiple-choice prompt lists A) options and the letters; system prompt comes first", () => {
  const bench = resolveBenchmark(mmlu, { few_shot_num: 0, system_prompt: "Be brief." });
  const msgs = buildMessages({ input: "Pick one.", choices: ["x", "y", "z"], target: "B" }, {
    prompt: bench.prompt,
    fewShot: "",
  });
  assert.equal(msgs[0].content, "Be brief.");
  assert.equal(
    msgs[1].content,
    "Answer the following multiple choice question. The last line of your response should be of the following format: 'ANSWER: [LETTER]' (without quotes) where [LETTER] is one of A,B,C. Think step by step before answering.\n\nPick one.\n\nA) x\nB) y\nC) z",
  );
});

Deno.test("message inputs are sent as they are, with a system prompt only when they have none", () => {
  const bench = resolveBenchmark(mmlu, { few_shot_num: 0, system_prompt: "S" });
  const input = [{ role: "system" as const, content: "own" }, {
    role: "user" as const,
    content: "hi",
  }];
  assert.deepEqual(
    buildMessages({ input, target: "" }, { prompt: bench.prompt, fewShot: "" }),
    input,
  );
});
