/**
 * `lmeter score --judge`: stored responses judged offline of generation, against a judge
 * simulator; a judge cache means a second scoring asks nothing.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { readTable } from "../../lib/data/mod.ts";
import { requestLog, runScore, startSim, withTempDir } from "./helpers.ts";

const score = runScore;

Deno.test("lmeter score --judge grades stored simple_qa answers; judge errors get no score; the cache asks nothing twice", async () => {
  const judge = await startSim({
    models: ["judge-m"],
    answerKey: [
      { match: "Predicted answer: Paris", answer: "A" },
      { match: "Predicted answer: Lyon", answer: "B" },
      { match: "Predicted answer: no idea", answer: "C" },
      { match: "Predicted answer: broken", answer: "A", fault: "500" },
    ],
  });
  try {
    await withTempDir(async (dir) => {
      const input = join(dir, "in.jsonl");
      const output = join(dir, "out.jsonl");
      const q = "What is the capital of France?";
      await Deno.writeTextFile(
        input,
        ["Paris", "Lyon", "no idea", "broken"].map((response, i) =>
          JSON.stringify({ id: `q${i}`, question: q, target: "Paris", response })
        ).join("\n") + "\n",
      );
      const args = [
        "--benchmark",
        "simple_qa",
        "--input",
        input,
        "--output",
        output,
        "--judge",
        JSON.stringify({
          api_url: judge.apiUrl,
          model_id: "judge-m",
          generation_config: { retries: 0 },
        }),
        "--judge-cache",
        join(dir, "judge.kv"),
      ];
      const r = await score(args);
      assert.equal(r.code, 0);
      const rows = await readTable(output);
      assert.deepEqual(rows.map((x) => x.score), [1, 0, 0, null]);
      assert.match(String(rows[3].judge_error), /judge call failed/);
      assert.deepEqual(rows[2].scores, { is_correct: 0, is_incorrect: 0, is_not_attempted: 1 });
      assert.match(r.err, /judge errors: 1 responses the judge could not grade/);
      assert.match(r.err, /accuracy_given_attempted\s+0\.5000/);
      assert.equal((await requestLog(judge.logPath)).length, 4);
      // Again with the cache: only the failed call is asked again.
      await score(args);
      assert.equal((await requestLog(judge.logPath)).length, 5);
    });
  } finally {
    await judge.close();
  }
});

Deno.test("lmeter score refuses a judged benchmark without --judge, saying what to pass", async () => {
  await withTempDir(async (dir) => {
    const input = join(dir, "in.jsonl");
    await Deno.writeTextFile(input, JSON.stringify({ target: "Paris", response: "Paris" }) + "\n");
    await assert.rejects(
      () => score(["--benchmark", "simple_qa", "--input", input]),
      /Cannot score simple_qa with an LLM judge: no --judge with an api_url given/,
    );
  });
});
