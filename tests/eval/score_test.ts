import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "./temp_dir.ts";
import { runScore } from "./helpers.ts";
import { readTable } from "../../lib/data/mod.ts";
import { UserError } from "../../lib/errors.ts";
import { FIXTURES as BENCHMARK_FIXTURES } from "../benchmarks/helpers.ts";
import { sandboxTest, testSandbox } from "../code/sandbox.ts";

const score = runScore;

Deno.test("lmeter score extracts and scores gsm8k responses produced elsewhere", async () => {
  await withTempDir(async (dir) => {
    const input = join(dir, "in.jsonl");
    const output = join(dir, "out.jsonl");
    await Deno.writeTextFile(
      input,
      [
        {
          id: "a",
          target: "18",
          response: "So she makes 9 * 2 = 18 dollars. The answer is \\boxed{18}.",
        },
        { id: "b", target: "3", response: "#### 4" },
        { id: "c", target: "72", response: "No idea." },
      ].map((x) => JSON.stringify(x)).join("\n") + "\n",
    );
    const r = await score([
      "--benchmark",
      "gsm8k",
      "--input",
      input,
      "--output",
      output,
      "--extractors",
      "all",
    ]);
    assert.equal(r.code, 0);
    const lines = (await Deno.readTextFile(output)).trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => [l.id, l.extracted, l.score]), [
      ["a", "18", 1],
      ["b", "4", 0],
      ["c", "", 0],
    ]);
    // lm-eval's strict match wants "#### N": it reads nothing from a boxed answer, so they disagree.
    assert.deepEqual(lines[0].variants["gsm8k:lm-eval-strict"], { extracted: "", score: 0 });
    assert.equal(lines[0].agree, false);
    assert.equal(lines[1].variants["gsm8k:lm-eval-strict"].extracted, "4");
    assert.equal(lines[1].agree, true);
    assert.match(r.err, /gsm8k: 3 responses, mean score 0\.3333/);
    assert.match(r.err, /no answer extracted in 1 \(33\.3%\)/);
    assert.match(r.err, /extractors disagree on 1 of 3 responses/);
  });
});

Deno.test("lmeter score reads multiple-choice letters with the option count from choices", async () => {
  await withTempDir(async (dir) => {
    const input = join(dir, "in.jsonl");
    const output = join(dir, "out.jsonl");
    await Deno.writeTextFile(
      input,
      [
        { target: "E", response: "ANSWER: E", choices: ["1", "2", "3", "4", "5"] },
        { target: "B", response: "I think (B) is right.\nANSWER: B" },
      ].map((x) => JSON.stringify(x)).join("\n"),
    );
    assert.equal(
      (await score(["--benchmark", "mmlu", "--input", input, "--output", output])).code,
      0,
    );
    const lines = (await Deno.readTextFile(output)).trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => [l.id, l.extracted, l.score]), [["1", "E", 1], [
      "2",
      "B",
      1,
    ]]);
  });
});

Deno.test("lmeter score names the input line that lacks a field", async () => {
  await withTempDir(async (dir) => {
    const input = join(dir, "in.jsonl");
    await Deno.writeTextFile(input, '{"target": "1", "response": "1"}\n{"target": "2"}\n');
    await assert.rejects(
      () => score(["--benchmark", "gsm8k", "--input", input]),
      (e: unknown) =>
        e instanceof Error && e.message.includes(`${input} line 2`) &&
        /no "response" field/.test(e.message),
    );
  });
});

const box = await testSandbox();

sandboxTest(
  box,
  "lmeter score runs code benchmarks' dataset rows plus responses in the sandbox",
  async () => {
    await withTempDir(async (dir) => {
      const rows = (file: string) => readTable(join(BENCHMARK_FIXTURES, file));
      const he = await rows("humaneval/openai_humaneval/test.jsonl");
      const responses = [
        "```python\n    return a + b\n```",
        "    return s",
        "```python\n    while True:\n        pass\n```",
      ];
      const input = join(dir, "he.jsonl");
      await Deno.writeTextFile(
        input,
        responses.map((response, i) => JSON.stringify({ ...he[i], response })).join("\n") + "\n",
      );
      const output = join(dir, "out.jsonl");
      const args = '{"humaneval": {"review_timeout": 1}}';
      const r = await score([
        "--benchmark",
        "humaneval",
        "--input",
        input,
        "--output",
        output,
        "--dataset-args",
        args,
      ]);
      assert.equal(r.code, 0);
      const lines = (await Deno.readTextFile(output)).trim().split("\n").map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((l) => [l.id, l.score, l.status, l.tests[0].status]), [
        ["Fixture/0", 1, "ok", "passed"],
        ["Fixture/1", 0, "error", "failed"],
        ["Fixture/2", 0, "timeout", "timeout"],
      ]);
      assert.match(r.err, /sandbox: 1 ok, 1 error, 1 timeout/);

      // MBPP's sanitized rows name the task `prompt`; LiveCodeBench rows carry their tests.
      const mb = (await rows("mbpp/full/test.jsonl"))[1];
      const { text, ...sanitized } = mb;
      const lcb = (await rows("live_code_bench/release_latest/test.jsonl"))[0];
      await Deno.writeTextFile(
        join(dir, "mbpp.jsonl"),
        JSON.stringify({
          ...sanitized,
          prompt: text,
          response: "def scale(x):\n    return x * FACTOR\n",
        }) + "\n",
      );
      await Deno.writeTextFile(
        join(dir, "lcb.jsonl"),
        JSON.stringify({
          ...lcb,
          response: "```\ninput()\nprint(sum(map(int, input().split())))\n```",
        }) +
          "\n",
      );
      for (const [benchmark, file] of [["mbpp", "mbpp.jsonl"], ["live_code_bench", "lcb.jsonl"]]) {
        const out = join(dir, `${benchmark}.out`);
        assert.equal(
          (await score(["--benchmark", benchmark, "--input", join(dir, file), "--output", out]))
            .code,
          0,
        );
        const [line] = (await Deno.readTextFile(out)).trim().split("\n").map((l) => JSON.parse(l));
        assert.equal(line.score, 1, JSON.stringify(line));
        assert.ok(line.tests.every((t: { status: string }) => t.status === "passed"));
      }
    });
  },
);

Deno.test("lmeter score --sandbox none refuses a code benchmark, naming --sandbox and bubblewrap", async () => {
  await withTempDir(async (dir) => {
    const input = join(dir, "in.jsonl");
    await Deno.writeTextFile(input, '{"task_id": "x", "response": ""}\n');
    const err = await score(["--benchmark", "humaneval", "--input", input, "--sandbox", "none"])
      .then(() => null, (e) => e);
    assert.ok(err instanceof UserError);
    assert.match(
      err.message,
      /^Cannot run humaneval: scoring runs model-written code and --sandbox is none/,
    );
    assert.match(err.hint ?? "", /apt-get install bubblewrap/);
  });
});
