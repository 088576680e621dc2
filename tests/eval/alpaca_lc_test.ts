/**
 * AlpacaEval's length-controlled win rate end to end: a candidate simulator answers the five
 * fixture instructions at lengths of its own, a judge simulator gives scripted verdicts, and with
 * `extra_params.instruction_difficulty` the report adds `length_controlled_winrate`, the GLM fit of
 * exactly those preferences, lengths and difficulties; without it the report has no such row.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  evaluate,
  fixture,
  FIXTURES,
  requestLog,
  startSim,
  wholeAndMergedReports,
  withTempDir,
} from "./helpers.ts";
import type { TaskConfig } from "../../lib/eval/config/task_config.ts";
import { ARENA_JUDGE_GEN } from "./arena_fixture.ts";
import { lengthControlledWinRate } from "../../lib/metrics/glm_winrate.ts";
import { round } from "../../lib/metrics/round.ts";

const DATA = "alpaca_eval/alpaca_eval_gpt4_baseline/eval.jsonl";
const LC = new URL("../fixtures/eval/alpaca_lc/", import.meta.url).pathname;

/**
 * The candidate's answers; the flag and the emoji are 2 and 1 characters in Python, 4 and 2 in JS.
 * Answer 3 is the baseline's own ("Eight."): a draw without a judge call.
 */
const ANSWERS = [
  "Red, orange, yellow, green, blue, indigo and violet are all colours of the rainbow.",
  "Paris 🇫🇷.",
  "How about Mittens, Shadow or Pumpkin? All three suit a playful cat.",
  "Eight.",
  "¡Hola! 😀",
];

/** The judge names the model (M) on instructions 0, 2 and 4, the baseline (m) on 1 (3 is a draw). */
const VERDICTS = ["M", "m", "M", "m", "M"];

async function withAlpacaSims(
  body: (candidate: string, judge: string, judgeLog: string) => Promise<void>,
): Promise<void> {
  const rows = await fixture(DATA);
  const candidate = await startSim({
    answerKey: rows.map((r, i) => ({ match: String(r.instruction), answer: ANSWERS[i] })),
  });
  const judge = await startSim({
    answerKey: rows.map((r, i) => ({
      match: `"instruction": "${r.instruction}"`,
      answer: VERDICTS[i],
    })),
    models: ["judge-m"],
  });
  try {
    await body(candidate.apiUrl, judge.apiUrl, judge.logPath);
  } finally {
    await candidate.close();
    await judge.close();
  }
}

function alpacaConfig(
  sims: { candidate: string; judge: string },
  options: { dir: string; difficulty?: string },
): TaskConfig {
  return {
    model: "qwen2.5",
    api_url: sims.candidate,
    datasets: ["alpaca_eval"],
    dataset_dir: FIXTURES,
    work_dir: join(options.dir, "run"),
    no_timestamp: true,
    judge_model_args: {
      api_url: sims.judge,
      model_id: "judge-m",
      generation_config: ARENA_JUDGE_GEN,
    },
    ...(options.difficulty
      ? {
        dataset_args: {
          alpaca_eval: { extra_params: { instruction_difficulty: options.difficulty } },
        },
      }
      : {}),
  };
}

Deno.test("alpaca_eval with instruction_difficulty reports the length-controlled win rate of the judged preferences", async () => {
  await withAlpacaSims(async (candidate, judge) => {
    await withTempDir(async (dir) => {
      const config = alpacaConfig({ candidate, judge }, {
        dir,
        difficulty: join(LC, "instruction_difficulty.csv"),
      });
      const report = (await evaluate(config)).reports[0];
      assert.deepEqual(report.metrics.map((m) => [m.name, m.num]), [
        ["winrate", 5],
        ["length_controlled_winrate", 5],
      ]);
      // The plain rate stays the headline: (1 + 0 + 1 + ½ + 1) / 5.
      assert.equal(report.score, 0.7);
      // Python lengths of the answers and of the stored baselines, the fixture's difficulties.
      const expected = lengthControlledWinRate([
        { preference: 1, modelLength: 83, baselineLength: 14, difficulty: 0.4125 },
        { preference: 0, modelLength: 9, baselineLength: 6, difficulty: -1.2 },
        { preference: 1, modelLength: 67, baselineLength: 9, difficulty: 0.875 },
        { preference: 0.5, modelLength: 6, baselineLength: 6, difficulty: -0.3 },
        { preference: 1, modelLength: 8, baselineLength: 5, difficulty: 1.5 },
      ]);
      assert.equal(report.metrics[1].score, round(expected.lcWinRate / 100, 4));
      assert.notEqual(report.metrics[1].score, report.metrics[0].score);
    });
  });
});

Deno.test("alpaca_eval without instruction_difficulty has no length-controlled row", async () => {
  await withAlpacaSims(async (candidate, judge) => {
    await withTempDir(async (dir) => {
      const report = (await evaluate(alpacaConfig({ candidate, judge }, { dir }))).reports[0];
      assert.deepEqual(report.metrics.map((m) => m.name), ["winrate"]);
      assert.equal(report.score, 0.7);
      // The unset key leaves the recorded extra_params as they were.
      assert.equal(JSON.stringify(report.benchmark.extra_params), "{}");
    });
  });
});

/** The error `run` ends with (thrown at once or as a rejection). */
async function failure(run: () => Promise<unknown>): Promise<Error & { hint?: string }> {
  try {
    await run();
  } catch (e) {
    return e as Error & { hint?: string };
  }
  throw new Error("expected the run to fail");
}

Deno.test("alpaca_eval with a missing or short instruction_difficulty.csv stops with what to pass; a resume with the whole file asks the judge nothing again", async () => {
  await withAlpacaSims(async (candidate, judge, judgeLog) => {
    await withTempDir(async (dir) => {
      const missing = join(dir, "nowhere.csv");
      const unread = await failure(() =>
        evaluate(alpacaConfig({ candidate, judge }, { dir, difficulty: missing }))
      );
      assert.match(unread.message, /^Cannot read the instruction difficulties .*nowhere\.csv/);
      assert.match(
        unread.hint ?? "",
        /tatsu-lab\/alpaca_eval.*extra_params\.instruction_difficulty/,
      );
      const short = join(LC, "instruction_difficulty_short.csv");
      const uncovered = await failure(() =>
        evaluate(alpacaConfig({ candidate, judge }, { dir, difficulty: short }))
      );
      assert.match(uncovered.message, /has no difficulty for instruction #4/);
      assert.match(uncovered.hint ?? "", /instruction_difficulty\.csv/);
      assert.equal((await requestLog(judgeLog)).length, 4);
      const whole = alpacaConfig({ candidate, judge }, {
        dir,
        difficulty: join(LC, "instruction_difficulty.csv"),
      });
      const report = (await evaluate({ ...whole, use_cache: whole.work_dir })).reports[0];
      assert.deepEqual(report.metrics.map((m) => m.name), ["winrate", "length_controlled_winrate"]);
      assert.equal((await requestLog(judgeLog)).length, 4);
    });
  });
});

Deno.test({
  sanitizeResources: false,
  sanitizeOps: false,
  name:
    "a sharded alpaca_eval run with instruction_difficulty merges into the unsharded run's rows, the fit redone over both shards",
  async fn() {
    await withAlpacaSims(async (candidate, judge) => {
      await withTempDir(async (dir) => {
        const args = (workDir: string, extra: string[] = []) => [
          "eval",
          ...["--model", "qwen2.5", "--api-url", candidate, "--datasets", "alpaca_eval"],
          ...["--dataset-dir", FIXTURES, "--work-dir", workDir, "--no-timestamp"],
          ...["--judge-model-args", JSON.stringify({ api_url: judge, model_id: "judge-m" })],
          "--dataset-args",
          JSON.stringify({
            alpaca_eval: {
              extra_params: { instruction_difficulty: join(LC, "instruction_difficulty.csv") },
            },
          }),
          ...extra,
        ];
        const { expected, actual } = await wholeAndMergedReports(
          dir,
          args,
          "reports/qwen2.5/alpaca_eval.json",
        );
        assert.deepEqual(
          actual.metrics.map((m: { name: string; score: number }) => [m.name, m.score]),
          expected.metrics.map((m: { name: string; score: number }) => [m.name, m.score]),
        );
        assert.equal(expected.metrics[1].name, "length_controlled_winrate");
      });
    });
  },
});
