/**
 * The judge engine end to end: a candidate simulator and a judge simulator, gsm8k fixtures
 * judged with `judge_strategy llm` (the generic pattern judge), scripted judge failures.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  evaluate,
  fixture,
  FIXTURES,
  gsm8kKey,
  requestLog,
  startSim,
  withTempDir,
} from "./helpers.ts";
import { readReport } from "../../lib/results/eval/report_file.ts";
import type { TaskConfig } from "../../lib/eval/config/task_config.ts";
import { detailsTable } from "../../lib/report/eval/summary_table.ts";
import { evalStatOf, reportStat } from "../../lib/results/eval/report_stats.ts";

/** Judge replies: row 1's call fails (HTTP 500), row 3's reply holds no verdict, the rest grade. */
async function judgeKey() {
  const rows = await fixture("gsm8k/main/test-00000-of-00001.parquet");
  return [
    { match: String(rows[1].question), answer: "A", fault: "500" },
    { match: String(rows[3].question), answer: "CORRECT" },
    { match: "Step by step.", answer: "A" },
    { match: "So it is", answer: "B" },
  ];
}

const JUDGE_GEN = { temperature: 0, max_tokens: 16, retries: 0 };

Deno.test("judge_strategy llm: judged by a second endpoint, judge errors counted apart, a resumed run asks the judge nothing it answered", async () => {
  const candidate = await startSim({ answerKey: await gsm8kKey((i) => i % 2 === 0) });
  const judge = await startSim({ answerKey: await judgeKey(), models: ["judge-m"] });
  try {
    await withTempDir(async (dir) => {
      const runDir = join(dir, "run");
      const config: TaskConfig = {
        model: "qwen2.5",
        api_url: candidate.apiUrl,
        datasets: ["gsm8k"],
        dataset_dir: FIXTURES,
        work_dir: runDir,
        no_timestamp: true,
        judge_strategy: "llm",
        judge_model_args: {
          api_url: judge.apiUrl,
          model_id: "judge-m",
          generation_config: JUDGE_GEN,
        },
        judge_worker_num: 2,
      };
      const first = await evaluate(config);
      const report = first.reports[0];
      // 8 samples: #1 failed call, #3 no verdict; of the other 6, the even rows are right.
      assert.equal(report.execution.samples, 8);
      assert.equal(report.execution.judgeErrors, 2);
      assert.equal(report.execution.scored, 6);
      assert.equal(report.execution.errored, 0);
      assert.equal(report.metrics[0].num, 6);
      assert.equal(report.score, 0.6667); // the even rows are right: 0, 2, 4, 6 of 0, 2, 4, 5, 6, 7
      assert.equal(report.status, "incomplete");
      assert.match(detailsTable([report]), /0 \(\+2 judge\)/);
      assert.equal(reportStat(report, "judge_errors"), 2); // --fail-on 'gsm8k.judge_errors>0'
      assert.equal(evalStatOf("judge_errors"), "judge_errors");
      const onFile = await readReport(join(runDir, "reports/qwen2.5/gsm8k.json"));
      assert.equal(onFile.execution.judgeErrors, 2);
      const judged = await requestLog(judge.logPath);
      assert.equal(judged.length, 8);
      assert.equal(judged.filter((l) => l.outcome === "fault_500").length, 1);

      // Resume: every answered judge call comes from the run store; only the failed one is asked again.
      const second = await evaluate({ ...config, use_cache: runDir });
      assert.equal(second.requested, 0);
      const again = await requestLog(judge.logPath);
      assert.equal(again.length, 9);
      assert.equal(again[8].outcome, "fault_500");
      assert.equal(second.reports[0].execution.judgeErrors, 2);
      assert.equal(second.reports[0].score, 0.6667);
      const review = (await Deno.readTextFile(join(runDir, "reviews/qwen2.5/gsm8k_main.jsonl")))
        .split("\n").filter(Boolean).map((l) => JSON.parse(l));
      assert.equal(review.length, 8);
    });
  } finally {
    await candidate.close();
    await judge.close();
  }
});

Deno.test("a judged run without judge_model_args.api_url is refused, saying what to pass", async () => {
  await assert.rejects(
    async () =>
      await evaluate({
        model: "qwen2.5",
        api_url: "http://127.0.0.1:9/v1",
        datasets: ["gsm8k"],
        dataset_dir: FIXTURES,
        judge_strategy: "llm",
        judge_model_args: { model_id: "judge-m" },
      }),
    (e: Error & { hint?: string }) => {
      assert.match(
        e.message,
        /Cannot score gsm8k with an LLM judge: no judge_model_args.api_url given/,
      );
      assert.match(String(e.hint), /--judge-model-args/);
      return true;
    },
  );
});

Deno.test("a collection entry naming a judge-only benchmark is refused, not silently unscored", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "mixed.jsonl");
    const entry = {
      index: 0,
      prompt: { input: [{ role: "user", content: "Answer the question:\n\nWho?" }], target: "Ada" },
      tags: [],
      categories: ["qa"],
      task_type: "qa",
      weight: 1,
      dataset_name: "simple_qa",
      subset_name: "default",
    };
    await Deno.writeTextFile(file, JSON.stringify(entry) + "\n");
    await assert.rejects(
      async () =>
        await evaluate({
          eval_type: "mock_llm",
          datasets: ["data_collection"],
          dataset_args: { data_collection: { local_path: file } },
          work_dir: dir,
        }),
      /names simple_qa, which only an LLM judge scores/,
    );
  });
});
