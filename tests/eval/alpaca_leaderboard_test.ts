/**
 * AlpacaEval end to end against a published leaderboard row: 805 instructions judged through the
 * simulators with phi-2's public per-instruction preferences (tests/fixtures/eval/
 * alpaca_eval_leaderboard/phi-2.json, which names its sources) give back phi-2's published win
 * rate, standard error and counts exactly. The instructions and answers are stand-ins (the
 * dataset is never committed); what matters is who the judge preferred on each.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { evaluate, type KeyEntry, startSim, withTempDir } from "./helpers.ts";
import { ARENA_JUDGE_GEN } from "./arena_fixture.ts";
import { alpacaWinRate } from "../../lib/metrics/alpaca_winrate.ts";

const PHI2 = JSON.parse(
  await Deno.readTextFile(
    new URL("../fixtures/eval/alpaca_eval_leaderboard/phi-2.json", import.meta.url),
  ),
) as {
  published: Record<string, number>;
  preferences: (number | null)[];
};

const instruction = (i: number) => `Instruction ${i}.`;
const answer = (i: number) => `Candidate answer ${i}.`;

Deno.test("alpaca_eval reproduces phi-2's published AlpacaEval row from per-instruction preferences", async () => {
  const prefs = PHI2.preferences;
  // A draw upstream (0) is an answer identical to the baseline's: no judge call. A missing
  // preference is a judge reply with neither m nor M: a judge error, left out as upstream does.
  const candidateKey: KeyEntry[] = prefs.map((_, i) => ({
    match: instruction(i),
    answer: answer(i),
  }));
  const judgeKey: KeyEntry[] = prefs.flatMap((p, i) =>
    p === 0 ? [] : [{
      match: `"instruction": "${instruction(i)}"`,
      answer: p === 2 ? "M" : p === 1 ? "m" : "Neither",
    }]
  );
  const candidate = await startSim({ answerKey: candidateKey });
  const judge = await startSim({ answerKey: judgeKey, models: ["judge-m"] });
  try {
    await withTempDir(async (dir) => {
      const data = join(dir, "data/alpaca_eval/alpaca_eval_gpt4_baseline");
      await Deno.mkdir(data, { recursive: true });
      await Deno.writeTextFile(
        join(data, "eval.jsonl"),
        prefs.map((p, i) =>
          JSON.stringify({
            instruction: instruction(i),
            output: p === 0 ? answer(i) : `Baseline answer ${i}.`,
            generator: "text_davinci_003",
            dataset: "stand-in",
          })
        ).join("\n") + "\n",
      );
      const runDir = join(dir, "run");
      const report = (await evaluate({
        model: "qwen2.5",
        api_url: candidate.apiUrl,
        datasets: ["alpaca_eval"],
        dataset_dir: join(dir, "data"),
        work_dir: runDir,
        no_timestamp: true,
        eval_batch_size: 32,
        judge_worker_num: 16,
        judge_model_args: {
          api_url: judge.apiUrl,
          model_id: "judge-m",
          generation_config: ARENA_JUDGE_GEN,
        },
      })).reports[0];
      const published = PHI2.published;
      assert.equal(report.execution.judgeErrors, 805 - published.n_total);
      assert.equal(report.metrics[0].num, published.n_total);
      assert.equal(report.score, Math.round(published.win_rate * 100) / 10000);

      // The run's per-instruction preferences, in dataset order, give the row to the last digit.
      const reviews = (await Deno.readTextFile(
        join(runDir, "reviews/qwen2.5/alpaca_eval_alpaca_eval_gpt4_baseline.jsonl"),
      )).split("\n").filter(Boolean).map((l) => JSON.parse(l));
      const byIndex = new Map<number, number | null>(
        reviews.map((r) => [r.index, r.sample_score.score.metadata?.preference ?? null]),
      );
      const row = alpacaWinRate(prefs.map((_, i) => byIndex.get(i) ?? null));
      assert.equal(row.winRate, published.win_rate);
      assert.equal(row.standardError, published.standard_error);
      assert.deepEqual(
        [row.nWins, row.nWinsBase, row.nDraws, row.nTotal],
        [published.n_wins, published.n_wins_base, published.n_draws, published.n_total],
      );
    });
  } finally {
    await candidate.close();
    await judge.close();
  }
});
