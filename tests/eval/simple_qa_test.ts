/**
 * SimpleQA end to end: a candidate simulator answers, a judge simulator grades with scripted
 * replies (grades, a spelled-out grade, an empty reply, a failing call), and a run killed with
 * SIGKILL resumes without asking the judge again for anything it answered.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  evalCommandArgs,
  evaluate,
  fileLines,
  fixture,
  FIXTURES,
  type KeyEntry,
  requestLog,
  startSim,
  withTempDir,
} from "./helpers.ts";
import { readReport } from "../../lib/results/eval/report_file.ts";
import type { EvalReport } from "../../lib/results/eval/report.ts";
import { chineseSimpleQa } from "../../benchmarks/chinese_simpleqa.ts";
import type { ChatMessage, Judge } from "../../lib/eval/define.ts";
import { killAndResumeRun, startSlowJudge } from "./judge_resume.ts";

/** The candidate answers question i with `RESP-i …`, so the judge's key can tell them apart. */
async function candidateKey(): Promise<KeyEntry[]> {
  const rows = await fixture("simple_qa/default/test.jsonl");
  return rows.map((r, i) => ({ match: String(r.problem), answer: `RESP-${i} ${r.answer}` }));
}

/** Judge replies per question index; entries may script a fault. */
function judgeKey(replies: (string | { fault: string })[]): KeyEntry[] {
  return replies.map((r, i) =>
    typeof r === "string"
      ? { match: `Predicted answer: RESP-${i} `, answer: r }
      : { match: `Predicted answer: RESP-${i} `, answer: "A", fault: r.fault }
  );
}

const metric = (r: EvalReport, key: string) => r.metrics.find((m) => m.key === key)?.score;

Deno.test("simple_qa: graded by the judge endpoint; a spelled-out grade is upstream's C; empty replies and failed calls are judge errors", async () => {
  const candidate = await startSim({ answerKey: await candidateKey() });
  const judge = await startSim({
    models: ["judge-m"],
    answerKey: judgeKey(["A", "A", "B", "C", "CORRECT", "", { fault: "500" }, "B: INCORRECT"]),
  });
  try {
    await withTempDir(async (dir) => {
      const result = await evaluate({
        model: "qwen2.5",
        api_url: candidate.apiUrl,
        datasets: ["simple_qa"],
        dataset_dir: FIXTURES,
        work_dir: dir,
        no_timestamp: true,
        judge_model_args: {
          api_url: judge.apiUrl,
          model_id: "judge-m",
          generation_config: { temperature: 0, retries: 0 },
        },
      });
      const r = result.reports[0];
      // Graded: A A B C C(“CORRECT”) B → 2 correct, 2 incorrect, 2 not attempted of 6.
      assert.equal(r.execution.judgeErrors, 2);
      assert.equal(r.execution.scored, 6);
      assert.equal(r.primaryMetric, "is_correct");
      assert.equal(r.score, 0.3333);
      assert.equal(metric(r, "is_incorrect"), 0.3333);
      assert.equal(metric(r, "is_not_attempted"), 0.3333);
      assert.equal(metric(r, "accuracy_given_attempted"), 0.5);
      assert.equal(metric(r, "f1"), 0.4); // 2·0.5·(1/3) / (0.5 + 1/3)
      const reviews =
        (await Deno.readTextFile(join(dir, "reviews/qwen2.5/simple_qa_default.jsonl")))
          .split("\n").filter(Boolean).map((l) => JSON.parse(l));
      assert.equal(reviews.length, 8);
      const log = await requestLog(judge.logPath);
      assert.equal(log.length, 8);
    });
  } finally {
    await candidate.close();
    await judge.close();
  }
});

Deno.test("simple_qa: kill -9 while the judge hangs, then --use-cache: the judge is never asked again for a reply it gave", async () => {
  const candidate = await startSim({ answerKey: await candidateKey() });
  // The first judge answers questions 0-4 and hangs on 5: the run is stopped there, known state.
  const hanging = await startSim({
    models: ["judge-m"],
    answerKey: judgeKey(["A", "B", "A", "C", "A", { fault: "hang" }, "A", "A"]),
  });
  const judge = await startSim({
    models: ["judge-m"],
    answerKey: judgeKey(["A", "B", "A", "C", "A", "A", "B", "A"]),
  });
  try {
    await withTempDir(async (dir) => {
      const runDir = join(dir, "run");
      const args = (judgeUrl: string) =>
        evalCommandArgs([
          "--model",
          "qwen2.5",
          "--api-url",
          candidate.apiUrl,
          "--datasets",
          "simple_qa",
          "--dataset-dir",
          FIXTURES,
          "--eval-batch-size",
          "1",
          "--work-dir",
          runDir,
          "--no-timestamp",
          "--judge-model-args",
          JSON.stringify({ api_url: judgeUrl, model_id: "judge-m" }),
        ]);
      const child = new Deno.Command(Deno.execPath(), {
        args: args(hanging.apiUrl),
        stdout: "null",
        stderr: "null",
      }).spawn();
      const reviews = join(runDir, "reviews/qwen2.5/simple_qa_default.jsonl");
      const deadline = Date.now() + 60_000;
      while ((await fileLines(reviews)).length < 5) {
        if (Date.now() > deadline) throw new Error("the run did not reach the hanging judge call");
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill("SIGKILL");
      await child.status;
      const answered = new Set(
        (await requestLog(hanging.logPath)).filter((l) => l.outcome === "completed")
          .map((l) => l.prompt_sha256),
      );
      await hanging.close();
      assert.equal(answered.size, 5);

      const resumed = await new Deno.Command(Deno.execPath(), {
        args: [...args(judge.apiUrl), "--use-cache", runDir],
        stdout: "null",
        stderr: "piped",
      }).output();
      assert.equal(resumed.code, 0, new TextDecoder().decode(resumed.stderr));
      const asked = await requestLog(judge.logPath);
      assert.equal(asked.length, 3, "only questions 5-7 are judged after the resume");
      for (const l of asked) assert.ok(!answered.has(l.prompt_sha256), "a judge call was repeated");
      const report = await readReport(join(runDir, "reports/qwen2.5/simple_qa.json"));
      assert.equal(report.execution.scored, 8);
      assert.equal(report.execution.judgeErrors ?? 0, 0);
      assert.equal(report.score, 0.625); // A B A C A A B A
    });
  } finally {
    await candidate.close();
    await hanging.close();
    await judge.close();
  }
});

Deno.test("chinese_simpleqa sends EvalScope's system prompt and reads the grade of a Chinese reply", async () => {
  const asked: ChatMessage[][] = [];
  const judge: Judge = {
    model: "j",
    args: { scoreType: "pattern" },
    ask(messages) {
      asked.push([...messages]);
      return Promise.resolve({ text: "B【错误】", cached: false });
    },
  };
  const sample = { input: "虚构行星泽拉斯有几颗卫星？", target: "7颗" };
  const score = await chineseSimpleQa.judge!.scorer!.score(
    { sample, response: "5颗", filtered: "5颗", extracted: "5颗", reasoning: "" },
    { signal: new AbortController().signal, params: {}, judge },
  );
  assert.deepEqual(score.value, { is_correct: 0, is_incorrect: 1, is_not_attempted: 0 });
  assert.equal(asked[0][0].role, "system");
  assert.match(asked[0][0].content, /^你是一个智能助手/);
  assert.match(
    asked[0][1].content,
    /问题：虚构行星泽拉斯有几颗卫星？\n标准答案：7颗\n预测答案：5颗/,
  );
});

Deno.test("chinese_simpleqa killed with -9 mid-run resumes with --use-cache: no repeated judge call, the failing call a judge error", async () => {
  const rows = await fixture("chinese_simpleqa/default/train.jsonl");
  const candidate = await startSim({
    answerKey: rows.map((r, i) => ({ match: String(r.question), answer: `RESP-${i} ${r.answer}` })),
  });
  // The last call always fails (HTTP 500, no retries): asked again on resume, still a judge error.
  const judge = await startSlowJudge(rows.map((_, i) => ({
    match: `预测答案：RESP-${i} `,
    answer: ["A", "B", "A", "A"][i],
    ...(i === 3 ? { fault: "500" } : {}),
  })));
  try {
    const report = await killAndResumeRun("chinese_simpleqa", {
      candidate,
      judge,
      killAfter: 2,
      calls: 4,
      samples: 4,
      judgeErrors: 1,
    });
    assert.equal(report.score, 0.6667); // A B A of the three graded
    const log = await requestLog(judge.logPath);
    assert.ok(log.some((l) => l.outcome === "fault_500"), "the scripted failure was asked");
  } finally {
    await candidate.close();
    await judge.close();
  }
});
