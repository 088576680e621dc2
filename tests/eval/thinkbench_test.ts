/**
 * Reasoning efficiency on a synthetic run folder: two levels, thinking in `reasoning_content`
 * and inside `<think>`, a judge simulator marking the first correct step, values by hand.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { requestLog, startSim, withTempDir } from "./helpers.ts";
import { JudgeEngine } from "../../lib/eval/judge/judge_engine.ts";
import { resolveJudgeSettings } from "../../lib/eval/judge/settings.ts";
import { thinkbench } from "../../lib/eval/judge/thinkbench.ts";
import type { Tokenizer } from "../../lib/tokenizer/types.ts";
import { parseCommandArgs } from "../../lib/cli/command.ts";
import { thinkCommand } from "../../lib/cli/think.ts";

/** Counts words: hand-checkable token counts. */
const words = { count: (t: string) => t.split(/\s+/).filter(Boolean).length } as Tokenizer;

function prediction(index: number, o: { problem: string; target: string; message: object }) {
  return {
    index,
    status: "success",
    messages: [{ role: "user", content: o.problem }, { role: "assistant", ...o.message }],
    target: o.target,
  };
}
const review = (index: number, acc: number) => ({
  index,
  sample_score: { score: { value: { acc }, main_score_name: "acc" } },
});

async function writeRun(dir: string) {
  const pred = join(dir, "predictions/m");
  const rev = join(dir, "reviews/m");
  await Deno.mkdir(pred, { recursive: true });
  await Deno.mkdir(rev, { recursive: true });
  const jsonl = (xs: object[]) => xs.map((x) => JSON.stringify(x)).join("\n") + "\n";
  // Level 1, #0: steps of 2, 3, 5 words; judge: step 1 → first-correct 5 of 10; correct.
  //          #1: "<think>" thinking, steps 4 and 4 words, "Wait," starts a second thought;
  //              judge: step 0 → 4 of 8; wrong answer → efficiency 0.
  await Deno.writeTextFile(
    join(pred, "math_500_Level 1.jsonl"),
    jsonl([
      prediction(0, {
        problem: "P0?",
        target: "7",
        message: {
          content: "\\boxed{7}",
          reasoning_content: "alpha beta\n\ngamma delta seven\n\nso it is seven indeed",
        },
      }),
      prediction(1, {
        problem: "P1?",
        target: "3",
        message: { content: "<think>one two three four\n\nWait, five six seven</think>\\boxed{4}" },
      }),
    ]),
  );
  await Deno.writeTextFile(
    join(rev, "math_500_Level 1.jsonl"),
    jsonl([review(0, 1), review(1, 0)]),
  );
  // Level 2, #0: one step of 6 words, judge [[-1]] (none) → first-correct 6, efficiency 0.
  //          #1: no thinking at all → left out.
  await Deno.writeTextFile(
    join(pred, "math_500_Level 2.jsonl"),
    jsonl([
      prediction(0, {
        problem: "P2?",
        target: "9",
        message: { content: "\\boxed{9}", reasoning_content: "a b c d e nine" },
      }),
      prediction(1, { problem: "P3?", target: "1", message: { content: "\\boxed{1}" } }),
    ]),
  );
  await Deno.writeTextFile(
    join(rev, "math_500_Level 2.jsonl"),
    jsonl([review(0, 1), review(1, 1)]),
  );
}

const JUDGE_KEY = [
  { match: "[1] gamma delta seven", answer: "The answer first appears in [[1]]." },
  { match: "[0] one two three four", answer: "[[0]]" },
  { match: "[0] a b c d e nine", answer: "[[-1]]" },
];

Deno.test("thinkbench: reasoning, first-correct and reflection tokens, thoughts, efficiency and accuracy per level, by hand", async () => {
  const sim = await startSim({ models: ["j"], answerKey: JUDGE_KEY });
  try {
    await withTempDir(async (dir) => {
      await writeRun(dir);
      const settings = resolveJudgeSettings({ api_url: sim.apiUrl, model_id: "j" }, {
        batchSize: 2,
        workers: undefined,
        notes: [],
      })!;
      const judge = new JudgeEngine(settings);
      const r = await thinkbench({
        runDir: dir,
        benchmark: "math_500",
        judge,
        tokenizer: words,
        concurrency: 2,
      });
      judge.close();
      assert.equal(r.model, "m");
      assert.equal(r.noReasoning, 1);
      assert.equal(r.judgeErrors, 0);
      const [l1, l2, all] = r.levels;
      assert.deepEqual(l1, {
        level: "Level 1",
        samples: 2,
        reasoningTokens: 9, // (10 + 8) / 2
        firstCorrectTokens: 4.5, // (5 + 4) / 2
        reflectionTokens: 4.5, // (5 + 4) / 2
        thoughts: 1.5, // (1 + 2) / 2
        tokenEfficiency: 0.25, // (0.5 + 0) / 2
        accuracy: 0.5,
      });
      assert.deepEqual(
        [l2.level, l2.samples, l2.firstCorrectTokens, l2.reflectionTokens, l2.tokenEfficiency],
        ["Level 2", 1, 6, 0, 0],
      );
      assert.equal(all.level, "OVERALL");
      assert.equal(all.reasoningTokens, 8); // (10 + 8 + 6) / 3
      assert.equal(all.accuracy, 2 / 3);
    });
  } finally {
    await sim.close();
  }
});

Deno.test("lmeter think writes the report and asks the judge nothing twice when run again", async () => {
  const sim = await startSim({ models: ["j"], answerKey: JUDGE_KEY });
  const out: string[] = [];
  const log = console.log;
  const err = console.error;
  console.log = (...a: unknown[]) => out.push(a.join(" "));
  console.error = () => {};
  try {
    await withTempDir(async (dir) => {
      await writeRun(dir);
      const run = async () => {
        const options = await parseCommandArgs(thinkCommand.spec, [
          dir,
          "--judge",
          JSON.stringify({ api_url: sim.apiUrl, model_id: "j" }),
        ]);
        return await thinkCommand.run({ options, signal: new AbortController().signal });
      };
      assert.equal(await run(), 0);
      assert.equal((await requestLog(sim.logPath)).length, 3);
      assert.equal(await run(), 0);
      assert.equal((await requestLog(sim.logPath)).length, 3);
      const report = JSON.parse(
        await Deno.readTextFile(join(dir, "reports/m/thinkbench_math_500.json")),
      );
      assert.deepEqual(report.levels.map((l: { level: string }) => l.level), [
        "Level 1",
        "Level 2",
        "OVERALL",
      ]);
      assert.match(out.join("\n"), /Token eff\./);
    });
  } finally {
    console.log = log;
    console.error = err;
    await sim.close();
  }
});
