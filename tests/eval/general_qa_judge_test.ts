/**
 * Custom judged QA: `general_qa` scored by a judge the user configures (EvalScope v1.10's
 * `LLMJudge` settings): a custom prompt template with `{question}`, `{gold}`, `{pred}`, a system
 * prompt, `score_type` numeric or pattern with its own `score_pattern` and `score_mapping`.
 */
import assert from "node:assert/strict";
import { evaluate, FIXTURES, requestLog, startSim, withTempDir } from "./helpers.ts";
import type { TaskConfig } from "../../lib/eval/config/task_config.ts";
import { killAndResumeRun, startSlowJudge } from "./judge_resume.ts";

const QUERIES = [
  "What is the capital of France?",
  "Name a primary colour.",
  "How many legs does a spider have?",
  "Say hello in Spanish.",
  "中国的首都是哪里？",
];

async function run(judgeArgs: Record<string, unknown>, replies: string[]) {
  const candidate = await startSim({
    answerKey: QUERIES.map((q, i) => ({ match: q, answer: `ANS-${i}` })),
  });
  const judge = await startSim({
    models: ["judge-m"],
    answerKey: replies.map((answer, i) => ({ match: `Model says: ANS-${i}`, answer })),
  });
  try {
    return await withTempDir(async (dir) => {
      const config: TaskConfig = {
        model: "qwen2.5",
        api_url: candidate.apiUrl,
        datasets: ["general_qa"],
        dataset_args: { general_qa: { dataset_id: `${FIXTURES}general_qa` } },
        work_dir: dir,
        judge_strategy: "llm",
        judge_model_args: { api_url: judge.apiUrl, model_id: "judge-m", ...judgeArgs },
      };
      const result = await evaluate(config);
      return { report: result.reports[0], log: await requestLog(judge.logPath) };
    });
  } finally {
    await candidate.close();
    await judge.close();
  }
}

const TEMPLATE = "Q: {question}\nReference: {gold}\nModel says: {pred}\nRate it.";

Deno.test("general_qa with a numeric judge: the custom template's placeholders, the last [[x]] clamped", async () => {
  const { report, log } = await run(
    { score_type: "numeric", prompt_template: TEMPLATE, system_prompt: "Be strict." },
    ["[[0.5]]", "[[0.2]] no, [[1]]", "Rating: [[7]]", "no rating", "[[0]]"],
  );
  assert.equal(report.primaryMetric, "score");
  // 0.5, 1, 1 (7 clamped), judge error, 0 → mean 0.625 over 4.
  assert.equal(report.score, 0.625);
  assert.equal(report.execution.judgeErrors, 1);
  const prompts = log.map((l) => (l as unknown as { last_user: string }).last_user);
  assert.ok(
    prompts.includes(
      "Q: How many legs does a spider have?\nReference: A spider has eight legs.\nModel says: ANS-2\nRate it.",
    ),
  );
  assert.ok(
    prompts.some((p) => p.startsWith("Q: Say hello in Spanish.\n")),
    "messages: the last user turn",
  );
});

Deno.test("general_qa with a pattern judge: score_pattern's first match mapped by score_mapping", async () => {
  const { report } = await run(
    {
      prompt_template: TEMPLATE,
      score_pattern: "VERDICT: (YES|NO|PARTLY)",
      score_mapping: { YES: 1, NO: 0, PARTLY: 0.5 },
    },
    ["VERDICT: YES", "VERDICT: PARTLY then VERDICT: NO", "VERDICT: NO", "VERDICT: MAYBE", "YES"],
  );
  assert.equal(report.primaryMetric, "AverageAccuracy"); // acc's report label
  // 1, 0.5, 0, error (MAYBE is not in the pattern), error (no match) → mean 0.5 over 3.
  assert.equal(report.score, 0.5);
  assert.equal(report.execution.judgeErrors, 2);
});

Deno.test("general_qa with a judge killed with -9 mid-run resumes with --use-cache and asks the judge nothing it had answered", async () => {
  const candidate = await startSim({
    answerKey: QUERIES.map((q, i) => ({ match: q, answer: `ANS-${i}` })),
  });
  const ratings = ["[[1]]", "[[0.5]]", "[[0]]", "[[1]]", "[[0.5]]"];
  const judge = await startSlowJudge(
    ratings.map((answer, i) => ({ match: `Model says: ANS-${i}`, answer })),
  );
  try {
    const report = await killAndResumeRun("general_qa", {
      candidate,
      judge,
      judgeArgs: { score_type: "numeric", prompt_template: TEMPLATE },
      extra: [
        "--judge-strategy",
        "llm",
        "--dataset-args",
        JSON.stringify({ general_qa: { dataset_id: `${FIXTURES}general_qa` } }),
      ],
      killAfter: 2,
      calls: 5,
      samples: 5,
    });
    assert.equal(report.score, 0.6); // (1 + 0.5 + 0 + 1 + 0.5) / 5
  } finally {
    await candidate.close();
    await judge.close();
  }
});
