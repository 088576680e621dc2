import assert from "node:assert/strict";
import { getBenchmark } from "../../benchmarks/mod.ts";
import { resolveBenchmark } from "../../lib/eval/benchmark/resolve_benchmark.ts";
import { toSamples } from "../../lib/eval/data/load_samples.ts";
import { buildMessages } from "../../lib/eval/prompt/prompt.ts";
import { scoreContext } from "../../lib/eval/score/score_sample.ts";
import type { ExecutionRecord, ProgramRunner, Sample, Score } from "../../lib/eval/define.ts";
import { fixture } from "../benchmarks/helpers.ts";
import { sandboxTest, testSandbox } from "./sandbox.ts";

const box = await testSandbox();

async function samples(name: string, args: Record<string, unknown> = {}): Promise<Sample[]> {
  const bench = resolveBenchmark(getBenchmark(name), args);
  const file = {
    humaneval: "humaneval/openai_humaneval/test.jsonl",
    mbpp: "mbpp/full/test.jsonl",
    live_code_bench: "live_code_bench/release_latest/test.jsonl",
  }[name]!;
  return toSamples(bench, await fixture(file));
}

async function score(
  name: string,
  sample: Sample,
  response: string,
  options: { args?: Record<string, unknown>; sandbox?: ProgramRunner } = {},
): Promise<Score & { execution: ExecutionRecord }> {
  const bench = resolveBenchmark(getBenchmark(name), options.args ?? {});
  const extracted = bench.extractor.extract(response, sample);
  const s = await bench.scorer.score(
    { sample, response, filtered: response, extracted, reasoning: "" },
    scoreContext(bench, {
      signal: new AbortController().signal,
      sandbox: options.sandbox ?? box.runner!,
    }),
  );
  return { ...s, execution: s.metadata?.execution as ExecutionRecord };
}

const fence = (code: string) => "Here you go:\n```python\n" + code + "\n```\nDone.";

sandboxTest(
  box,
  "humaneval: a correct, a wrong, a crashing and a looping completion each get their outcome",
  async () => {
    const [add, rev, even, vowels] = await samples("humaneval");
    const right = await score("humaneval", add, fence("    return a + b"));
    assert.equal(right.value.acc, 1);
    assert.equal(right.execution.status, "ok");
    assert.deepEqual(right.execution.tests, [{ index: 0, status: "passed" }]);
    // A reply that writes the whole function again: the prompt still comes first; Python allows it.
    const whole = await score(
      "humaneval",
      rev,
      fence("def reverse_words(s):\n    return ' '.join(s.split()[::-1])"),
    );
    assert.equal(whole.value.acc, 1);
    const wrong = await score("humaneval", even, "    return n % 2 == 1\n");
    assert.equal(wrong.value.acc, 0);
    assert.equal(wrong.execution.status, "error");
    assert.equal(wrong.execution.tests[0].status, "failed");
    assert.match(wrong.explanation ?? "", /AssertionError/);
    const crash = await score("humaneval", vowels, fence("    return undefined_name"));
    assert.equal(crash.value.acc, 0);
    assert.equal(crash.execution.tests[0].status, "runtime_error");
    assert.match(crash.execution.stderr_tail, /NameError/);
    const loop = await score("humaneval", add, fence("    while True:\n        pass"), {
      args: { review_timeout: 0.5 },
    });
    assert.equal(loop.value.acc, 0);
    assert.equal(loop.execution.status, "timeout");
    assert.equal(loop.execution.timeout_s, 0.5);
    assert.deepEqual(loop.execution.tests, [{ index: 0, status: "timeout", detail: "" }]);
  },
);

sandboxTest(
  box,
  "humaneval: a syntax error is a compile error; the 4 s limit is the default",
  async () => {
    const [add] = await samples("humaneval");
    const bad = await score("humaneval", add, fence("    return a +"));
    assert.equal(bad.value.acc, 0);
    assert.equal(bad.execution.tests[0].status, "compile_error");
    assert.equal(bad.execution.timeout_s, 4);
  },
);

sandboxTest(
  box,
  "mbpp: the set-up code runs first, and a failing assert is named by its position",
  async () => {
    const [square, scale, largest] = await samples("mbpp");
    const ok = await score("mbpp", scale, "[BEGIN]\ndef scale(x):\n    return x * FACTOR\n[DONE]");
    assert.equal(ok.value.acc, 1, ok.execution.stderr_tail);
    assert.equal(ok.extracted, "FACTOR = 10\ndef scale(x):\n    return x * FACTOR\n");
    assert.deepEqual(ok.execution.tests.map((t) => t.status), ["passed", "passed", "passed"]);
    // Wrong on the second assert only: the first passed, the third was never reached.
    const abs = await score("mbpp", square, fence("def square(x):\n    return x * abs(x)"));
    assert.equal(abs.value.acc, 0);
    assert.deepEqual(abs.execution.tests.map((t) => t.status), ["passed", "failed", "not_run"]);
    const loop = await score(
      "mbpp",
      largest,
      fence("def largest(xs):\n    while len(xs) < 2:\n        pass\n    return max(xs)"),
      {
        args: { review_timeout: 0.5 },
      },
    );
    assert.deepEqual(loop.execution.tests.map((t) => t.status), ["passed", "passed", "timeout"]);
    const none = await score("mbpp", largest, "I cannot help with that.");
    assert.equal(none.value.acc, 0);
    assert.deepEqual(none.execution.tests.map((t) => t.status), [
      "runtime_error",
      "not_run",
      "not_run",
    ]);
  },
);

Deno.test("mbpp: the 3-shot prompt is EvalScope's fixed block, then the task and [BEGIN]", async () => {
  const bench = resolveBenchmark(getBenchmark("mbpp"));
  const [square] = await samples("mbpp");
  const [message] = buildMessages(square, { prompt: bench.prompt, fewShot: bench.fewShotFixed! });
  const text = message.content;
  assert.equal(text.split("[DONE]\n").length, 4);
  assert.ok(text.includes("[BEGIN]\nimport math\r\ndef is_not_prime(n):\r\n"));
  assert.ok(
    text.endsWith(
      "You are an expert Python programmer, and here is your task: Write a function to return the square of a number. Your code should pass these tests:\n\nassert square(3) == 9\nassert square(-2) == 4\nassert square(0) == 0\n[BEGIN]\n",
    ),
  );
  const zero = resolveBenchmark(getBenchmark("mbpp"), { few_shot_num: 0 });
  const [plain] = buildMessages(square, { prompt: zero.prompt, fewShot: "" });
  assert.ok(plain.content.startsWith("You are an expert Python programmer"));
  assert.ok(plain.content.endsWith("assert square(0) == 0"));
});

sandboxTest(
  box,
  "live_code_bench: stdin problems run public and decoded private tests in one sandbox run",
  async (runner) => {
    const [sum] = await samples("live_code_bench");
    const before = runner.runs;
    const right = await score(
      "live_code_bench",
      sum,
      fence("n = int(input())\nprint(sum(map(int, input().split())))"),
    );
    assert.equal(runner.runs - before, 1);
    assert.equal(right.value.acc, 1, JSON.stringify(right.execution));
    // One public and two private tests (one of them over 64 KiB, so unframed in the pickle).
    assert.deepEqual(right.execution.tests.map((t) => t.status), ["passed", "passed", "passed"]);
    // Reading sys.stdin.buffer inside main() under `if __name__ == '__main__':` works too.
    const main = [
      "import sys",
      "def main():",
      "    data = sys.stdin.buffer.read().split()",
      "    print(sum(int(x) for x in data[1:]))",
      "if __name__ == '__main__':",
      "    main()",
    ].join("\n");
    assert.equal((await score("live_code_bench", sum, fence(main))).value.acc, 1);
    const wrong = await score(
      "live_code_bench",
      sum,
      fence("input()\nprint(sum(map(int, input().split())) + 1)"),
    );
    assert.deepEqual(wrong.execution.tests.map((t) => t.status), ["failed", "not_run", "not_run"]);
  },
);

sandboxTest(
  box,
  "live_code_bench: output lines compare as decimals ('2.5' is '2.50'), not with a loose epsilon",
  async () => {
    const [, mean] = await samples("live_code_bench");
    const exact = "n = int(input())\na = list(map(int, input().split()))\nprint(sum(a) / n)";
    assert.equal((await score("live_code_bench", mean, fence(exact))).value.acc, 1);
    const rounded =
      "n = int(input())\na = list(map(int, input().split()))\nprint(round(sum(a) / n, 1))";
    const r = await score("live_code_bench", mean, fence(rounded));
    assert.equal(r.value.acc, 0);
    // 2.5 passes the public test; 1.2 is not 1.25.
    assert.deepEqual(r.execution.tests.map((t) => t.status), ["passed", "failed", "not_run"]);
    assert.match(r.execution.tests[1].detail ?? "", /1\.2 != 1\.25/);
  },
);

sandboxTest(
  box,
  "live_code_bench: call-based problems call Solution().<fn> with JSON arguments",
  async () => {
    const [, , pair, ratio] = await samples("live_code_bench");
    const tuple = [
      "class Solution:",
      "    def pairSum(self, nums: List[int], target: int) -> List[int]:",
      "        seen = {}",
      "        for i, x in enumerate(nums):",
      "            if target - x in seen:",
      "                return (seen[target - x], i)",
      "            seen[x] = i",
    ].join("\n");
    const ok = await score("live_code_bench", pair, fence(tuple));
    assert.equal(ok.value.acc, 1, JSON.stringify(ok.execution));
    const div = "class Solution:\n    def ratio(self, a, b):\n        return a / b";
    assert.equal((await score("live_code_bench", ratio, fence(div))).value.acc, 1);
    const floor = await score("live_code_bench", ratio, fence(div.replace("a / b", "a // b")));
    assert.equal(floor.value.acc, 0);
    assert.equal(floor.execution.tests[0].status, "failed");
  },
);

sandboxTest(
  box,
  "live_code_bench: time limits per test, runtime and load errors, no code",
  async () => {
    const [sum, , pair] = await samples("live_code_bench");
    const slow = await score(
      "live_code_bench",
      sum,
      fence("n = int(input())\nwhile True:\n    pass"),
      { args: { review_timeout: 0.5 } },
    );
    assert.equal(slow.value.acc, 0);
    assert.deepEqual(slow.execution.tests.map((t) => t.status), ["timeout", "not_run", "not_run"]);
    assert.equal(slow.execution.status, "ok"); // the grader itself finished
    const crash = await score(
      "live_code_bench",
      pair,
      fence("class Solution:\n    def pairSum(self, nums, target):\n        return nums[99]"),
    );
    assert.equal(crash.execution.tests[0].status, "runtime_error");
    assert.match(crash.execution.tests[0].detail ?? "", /IndexError/);
    const broken = await score(
      "live_code_bench",
      pair,
      fence("class Solution:\n    def pairSum(self"),
    );
    assert.deepEqual(broken.execution.tests.map((t) => t.status), [
      "compile_error",
      "not_run",
      "not_run",
    ]);
    const none = await score("live_code_bench", sum, "print(6)");
    assert.equal(none.extracted, "");
    assert.equal(none.value.acc, 0);
  },
);

Deno.test("live_code_bench: start_date and end_date keep problems by contest day, both inclusive", async () => {
  const ids = async (params: Record<string, unknown>) =>
    (await samples("live_code_bench", { extra_params: params })).map((s) => s.id);
  assert.deepEqual(await ids({}), ["fx001", "fx002", "fx003", "fx004"]);
  assert.deepEqual(await ids({ start_date: "2024-03-05", end_date: "2024-06-01" }), [
    "fx002",
    "fx003",
  ]);
  assert.deepEqual(await ids({ end_date: "2024-01-10" }), ["fx001"]);
  assert.throws(
    () =>
      resolveBenchmark(getBenchmark("live_code_bench"), { extra_params: { start_date: "March" } }),
    /start_date/,
  );
});

Deno.test("live_code_bench: the prompt has the system message and the starter-code or stdin format", async () => {
  const bench = resolveBenchmark(getBenchmark("live_code_bench"));
  const [sum, , pair] = await samples("live_code_bench");
  const [system, user] = buildMessages(sum, { prompt: bench.prompt, fewShot: "" });
  assert.equal(system.role, "system");
  assert.match(system.content, /^You are an expert Python programmer\./);
  assert.equal(
    user.content,
    "### Question:\nRead N and then N integers; print their sum.\n\n### Format: Read the inputs from stdin solve the problem and write the answer to stdout (do not directly test on the sample inputs). Enclose your code within delimiters as follows.\n```python\n# YOUR CODE HERE\n```\n\n ### Answer: (use the provided format with backticks)\n\n",
  );
  const [, starter] = buildMessages(pair, { prompt: bench.prompt, fewShot: "" });
  assert.ok(
    starter.content.includes(
      "```python\nclass Solution:\n    def pairSum(self, nums: List[int], target: int) -> List[int]:\n        \n```\n\n ### Answer:",
    ),
  );
});
