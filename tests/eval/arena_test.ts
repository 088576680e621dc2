/**
 * Arena-Hard and AlpacaEval end to end: a candidate simulator answers, a judge simulator gives
 * scripted verdicts (and scripted failures), and the reports hold the win rates worked out by hand.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  evalCommandArgs,
  evaluate,
  fixture,
  FIXTURES,
  type KeyEntry,
  requestLog,
  startSim,
  withTempDir,
} from "./helpers.ts";
import type { TaskConfig } from "../../lib/eval/config/task_config.ts";
import { ARENA_JUDGE_GEN, type ArenaRuns, withArenaRuns } from "./arena_fixture.ts";
import { readReport } from "../../lib/results/eval/report_file.ts";
import { killAndResume, killAndResumeRun, SLOW_JUDGE_MS, startSlowJudge } from "./judge_resume.ts";

const WORDS = ["alpha", "bravo", "charlie", "delta", "echo"];

/** The candidate answers question i with "Candidate answer <word i>." */
async function candidateKey(path: string, field: string): Promise<KeyEntry[]> {
  const rows = await fixture(path);
  return rows.map((r, i) => ({ match: String(r[field]), answer: `Candidate answer ${WORDS[i]}.` }));
}

const seatA = (answer: string) => `<|The Start of Assistant A's Answer|>\n${answer}\n`;

/**
 * Arena-Hard verdicts per question: game 1 has the baseline in seat A, game 2 the candidate.
 * q1 candidate wins both (1 + 1); q2 decisive win (3) and a tie (1); q3 baseline wins both (1 + 1);
 * q4 game 1's call fails (a judge error); q5 game 1 holds two labels, the first for the baseline
 * (1), then a tie (1).
 */
async function arenaJudgeKey(): Promise<KeyEntry[]> {
  const rows = await fixture("arena_hard/default/test.jsonl");
  const base = (i: number) => seatA(String(rows[i].prediction));
  const cand = (i: number) => seatA(`Candidate answer ${WORDS[i]}.`);
  return [
    { match: base(0), answer: "B is better. My final verdict is [[B>A]]" },
    { match: cand(0), answer: "My final verdict is [[A>B]]" },
    { match: base(1), answer: "[[B>>A]]" },
    { match: cand(1), answer: "[[A=B]]" },
    { match: base(2), answer: "[[A>B]]" },
    { match: cand(2), answer: "[[B>A]]" },
    { match: base(3), answer: "[[A>B]]", fault: "500" },
    { match: cand(3), answer: "[[A>B]]" },
    { match: base(4), answer: "First [[A>B]]; on reflection [[B>A]]" },
    { match: cand(4), answer: "[[A=B]]" },
  ];
}

/** A candidate simulator answering the Arena-Hard fixture and a judge simulator with `key`. */
async function withArenaSims(
  key: KeyEntry[],
  body: (candidate: string, judge: string, judgeLog: string) => Promise<void>,
): Promise<void> {
  const candidate = await startSim({
    answerKey: await candidateKey("arena_hard/default/test.jsonl", "question"),
  });
  const judge = await startSim({ answerKey: key, models: ["judge-m"] });
  try {
    await body(candidate.apiUrl, judge.apiUrl, judge.logPath);
  } finally {
    await candidate.close();
    await judge.close();
  }
}

/** `deno run -A main.ts eval <args>`: the CLI, whose job runs in a scoped worker. */
function lmeterEval(args: string[]): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: evalCommandArgs(args),
    stdout: "null",
    stderr: "piped",
  });
}

function arenaConfig(candidate: string, judge: string, runDir: string): TaskConfig {
  return {
    model: "qwen2.5",
    api_url: candidate,
    datasets: ["arena_hard"],
    dataset_dir: FIXTURES,
    work_dir: runDir,
    no_timestamp: true,
    judge_model_args: { api_url: judge, model_id: "judge-m", generation_config: ARENA_JUDGE_GEN },
    judge_worker_num: 2,
  };
}

Deno.test("arena_hard: two games per question, Bradley–Terry win rate, judge errors counted, a resumed run re-asks only the failed call", async () => {
  await withArenaSims(await arenaJudgeKey(), async (candidate, judge, judgeLog) => {
    await withTempDir(async (dir) => {
      const runDir = join(dir, "run");
      const config = arenaConfig(candidate, judge, runDir);
      const first = await evaluate(config);
      const report = first.reports[0];
      assert.equal(report.execution.samples, 5);
      assert.equal(report.execution.judgeErrors, 1);
      assert.equal(report.execution.scored, 4);
      // Weighted battles of the candidate: W = 2 + 3 = 5, L = 2 + 1 = 3, T = 1 + 1 = 2; with one
      // baseline the Bradley–Terry win rate is (W + T/2)/(W + L + T) = 6/10.
      const m = report.metrics[0];
      assert.deepEqual([m.name, m.aggregation, m.num, m.score], ["winrate", "elo", 4, 0.6]);
      assert.equal(report.score, 0.6);
      assert.ok(m.ci95[0] <= 0.6 && 0.6 <= m.ci95[1], String(m.ci95));
      assert.equal(report.benchmark.aggregation, "elo");
      const onFile = await readReport(join(runDir, "reports/qwen2.5/arena_hard.json"));
      assert.deepEqual(onFile.metrics[0].ci95, m.ci95);
      const judged = await requestLog(judgeLog);
      assert.equal(judged.length, 10);
      const review =
        (await Deno.readTextFile(join(runDir, "reviews/qwen2.5/arena_hard_default.jsonl")))
          .split("\n").filter(Boolean).map((l) => JSON.parse(l));
      assert.deepEqual(review[1].sample_score.score.metadata.arena.games, [
        { modelA: "gpt4-0314", modelB: "test_model", judgment: "B>>A" },
        { modelA: "test_model", modelB: "gpt4-0314", judgment: "A=B" },
      ]);

      // Resume: only q4's failed game is asked again; the interval repeats (seeded bootstrap).
      const second = await evaluate({ ...config, use_cache: runDir });
      assert.equal(second.requested, 0);
      const again = await requestLog(judgeLog);
      assert.equal(again.length, 11);
      assert.equal(again[10].outcome, "fault_500");
      assert.deepEqual(second.reports[0].metrics[0], m);
    });
  });
});

Deno.test("arena_hard with consistent_verdict: a reply whose labels disagree is a judge error", async () => {
  await withArenaSims(await arenaJudgeKey(), async (candidate, judge) => {
    await withTempDir(async (dir) => {
      const config = arenaConfig(candidate, judge, join(dir, "run"));
      config.dataset_args = { arena_hard: { extra_params: { consistent_verdict: true } } };
      const report = (await evaluate(config)).reports[0];
      assert.equal(report.execution.judgeErrors, 2);
      // q5 drops out: W = 5, L = 2, T = 1 → (5 + 0.5)/8.
      assert.equal(report.score, 0.6875);
    });
  });
});

Deno.test("alpaca_eval: the share of instructions the judge gives to M, EvalScope's first m/M rule, judge errors apart", async () => {
  const rows = await fixture("alpaca_eval/alpaca_eval_gpt4_baseline/eval.jsonl");
  const instruction = (i: number) => `"instruction": "${rows[i].instruction}"`;
  const candidate = await startSim({
    answerKey: await candidateKey(
      "alpaca_eval/alpaca_eval_gpt4_baseline/eval.jsonl",
      "instruction",
    ),
  });
  const judge = await startSim({
    answerKey: [
      { match: instruction(0), answer: "M" },
      { match: instruction(1), answer: "m" },
      // The first m or M counts: "My" names the model (EvalScope's rule, kept).
      { match: instruction(2), answer: "My pick is m" },
      { match: instruction(3), answer: "Neither is best" },
      { match: instruction(4), answer: "M", fault: "500" },
    ],
    models: ["judge-m"],
  });
  try {
    await withTempDir(async (dir) => {
      const report = (await evaluate({
        model: "qwen2.5",
        api_url: candidate.apiUrl,
        datasets: ["alpaca_eval"],
        dataset_dir: FIXTURES,
        work_dir: join(dir, "run"),
        no_timestamp: true,
        judge_model_args: {
          api_url: judge.apiUrl,
          model_id: "judge-m",
          generation_config: ARENA_JUDGE_GEN,
        },
      })).reports[0];
      assert.equal(report.execution.judgeErrors, 2);
      assert.deepEqual([report.metrics[0].name, report.metrics[0].num], ["winrate", 3]);
      assert.equal(report.score, 0.6667);
    });
  } finally {
    await candidate.close();
    await judge.close();
  }
});

/** {@linkcode killAndResumeRun} of `dataset` with a candidate simulator answering `candidateKey`. */
async function killAndResumeAgainst(options: {
  dataset: string;
  candidateKey: KeyEntry[];
  judgeKey: KeyEntry[];
  killAfter: number;
  calls: number;
  samples: number;
}): Promise<void> {
  const candidate = await startSim({ answerKey: options.candidateKey });
  const judge = await startSlowJudge(options.judgeKey);
  try {
    await killAndResumeRun(options.dataset, {
      candidate,
      judge,
      killAfter: options.killAfter,
      calls: options.calls,
      samples: options.samples,
    });
  } finally {
    await candidate.close();
    await judge.close();
  }
}

Deno.test("arena_hard killed with -9 mid-run resumes with --use-cache and asks the judge nothing it had answered", async () => {
  await killAndResumeAgainst({
    dataset: "arena_hard",
    candidateKey: await candidateKey("arena_hard/default/test.jsonl", "question"),
    // Every call succeeds, slowly, so the run is killed while a question's games are in flight.
    judgeKey: (await arenaJudgeKey()).map(({ fault: _fault, ...entry }) => entry),
    killAfter: 4,
    calls: 10,
    samples: 5,
  });
});

Deno.test("alpaca_eval killed with -9 mid-run resumes with --use-cache and asks the judge nothing it had answered", async () => {
  const rows = await fixture("alpaca_eval/alpaca_eval_gpt4_baseline/eval.jsonl");
  await killAndResumeAgainst({
    dataset: "alpaca_eval",
    candidateKey: await candidateKey(
      "alpaca_eval/alpaca_eval_gpt4_baseline/eval.jsonl",
      "instruction",
    ),
    judgeKey: rows.map((r, i) => ({
      match: `"instruction": "${r.instruction}"`,
      answer: i % 2 ? "m" : "M",
    })),
    killAfter: 2,
    calls: 5,
    samples: 5,
  });
});

/** `lmeter eval` arguments of an arena-mode run of `models` against `base`. */
function arenaModeArgs(
  options: { models: ArenaRuns["models"]; judge: string; runDir: string },
): string[] {
  const judgeArgs = {
    api_url: options.judge,
    model_id: "judge-m",
    generation_config: ARENA_JUDGE_GEN,
  };
  const params = { models: options.models, baseline: "base" };
  return [
    "--model",
    "Arena",
    "--eval-type",
    "mock_llm",
    "--datasets",
    "general_arena",
    "--dataset-args",
    JSON.stringify({ general_arena: { extra_params: params } }),
    "--judge-model-args",
    JSON.stringify(judgeArgs),
    "--work-dir",
    options.runDir,
    "--no-timestamp",
  ];
}

Deno.test("general_arena: earlier runs judged against a baseline, per-pair win rates with bounds, OVERALL rows and leaderboard.txt", async () => {
  await withTempDir((dir) =>
    withArenaRuns(dir, async ({ models, judge, dir: runDir }) => {
      // Through the CLI: the job's scoped worker must be allowed to read the earlier runs.
      const cli = await lmeterEval(arenaModeArgs({ models, judge: judge.apiUrl, runDir })).output();
      assert.equal(cli.code, 0, new TextDecoder().decode(cli.stderr));
      const report = await readReport(join(runDir, "reports/Arena/general_arena.json"));
      assert.deepEqual(report.metrics.map((m) => m.key), [
        "winrate",
        "winrate_lower",
        "winrate_upper",
      ]);
      const subsets = report.metrics[0].categories.flatMap((c) => c.subsets);
      // m1: W 3, T 3 → 0.75; m2: W 3, L 3 → 0.5. OVERALL: the sample-weighted mean 0.625.
      assert.deepEqual(subsets.map((s) => [s.name, s.score, s.num]), [
        ["gsm8k&main@m1&base", 0.75, 3],
        ["gsm8k&main@m2&base", 0.5, 3],
      ]);
      assert.equal(report.score, 0.625);
      assert.equal((await requestLog(judge.logPath)).length, 12);
      const board = await Deno.readTextFile(join(runDir, "reports/Arena/leaderboard.txt"));
      const lines = board.split("\n");
      assert.equal(lines[0], "=== OVERALL LEADERBOARD ===");
      assert.deepEqual(lines.slice(3, 6).map((l) => l.split(/\s{2,}/).slice(0, 2)), [
        ["m1", "75"],
        ["base", "50"],
        ["m2", "50"],
      ]);
      assert.match(lines[4], /\(\+0\.0 \/ \+0\.0\)$/);
      assert.ok(board.includes("=== DATASET LEADERBOARD: gsm8k ==="));
      assert.ok(board.includes("=== SUBSET LEADERBOARD: gsm8k - main ==="));
    })
  );
});

Deno.test("general_arena killed with -9 mid-run resumes with --use-cache and asks the judge nothing it had answered", async () => {
  await withTempDir((dir) =>
    withArenaRuns(dir, async ({ models, judge, dir: runDir }) => {
      // 2 pairs × 3 samples × 2 games; killed with the third sample's second game in flight.
      const report = await killAndResume({
        judge,
        args: arenaModeArgs({ models, judge: judge.apiUrl, runDir }),
        runDir,
        report: "reports/Arena/general_arena.json",
        killAfter: 5,
        calls: 12,
        samples: 6,
      });
      assert.equal(report.score, 0.625);
    }, { judgeTtftMs: SLOW_JUDGE_MS })
  );
});
