import assert from "node:assert/strict";
import { join } from "node:path";
import {
  evaluate,
  fixture,
  FIXTURES,
  gsm8kKey,
  mcqKey,
  requestLog,
  startSim,
  withTempDir,
} from "./helpers.ts";

const right = (i: number) => i % 3 !== 1; // wrong on items 1, 4, 7, …
const expected = (n: number) =>
  Array.from({ length: n }, (_, i) => right(i)).filter(Boolean).length / n;
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

Deno.test("gsm8k: with the simulator right on a known set, accuracy is exactly that share", async () => {
  const sim = await startSim({ answerKey: await gsm8kKey(right) });
  try {
    await withTempDir(async (dir) => {
      const r = await evaluate({
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets: ["gsm8k"],
        dataset_dir: FIXTURES,
        work_dir: dir,
        eval_batch_size: 4,
      });
      const report = r.reports[0];
      assert.equal(report.score, round4(expected(8)));
      assert.equal(report.metrics[0].num, 8);
      assert.equal(report.execution.noAnswer, 0);
      assert.equal((await requestLog(sim.logPath)).length, 8);
    });
  } finally {
    await sim.close();
  }
});

Deno.test("arc: accuracy per subset and OVERALL match the answer key, numeric answer keys included", async () => {
  const easy = await fixture("arc/ARC-Easy/test.jsonl");
  const chal = await fixture("arc/ARC-Challenge/test.jsonl");
  const opts = {
    right,
    question: (r: Record<string, unknown>) => String(r.question),
    answerIndex: (r: Record<string, unknown>) =>
      (r.choices as { label: string[] }).label.indexOf(String(r.answerKey)),
    count: () => 4,
  };
  const sim = await startSim({ answerKey: [...mcqKey(easy, opts), ...mcqKey(chal, opts)] });
  try {
    await withTempDir(async (dir) => {
      const r = await evaluate({
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets: ["arc"],
        dataset_dir: FIXTURES,
        work_dir: dir,
      });
      const m = r.reports[0].metrics[0];
      const subsets = m.categories[0].subsets;
      assert.deepEqual(subsets.map((s) => [s.name, s.num, s.score]), [
        ["ARC-Easy", 7, round4(expected(7))],
        ["ARC-Challenge", 6, round4(expected(6))],
      ]);
      assert.equal(m.score, round4((expected(7) * 7 + expected(6) * 6) / 13));
    });
  } finally {
    await sim.close();
  }
});

Deno.test("mmlu: 5-shot prompts, per-subject accuracy and categories match the answer key", async () => {
  const rows = await fixture("mmlu/all/test.jsonl");
  const key = mcqKey(rows, {
    right,
    question: (r) => String(r.question),
    answerIndex: (r) => Number(r.answer),
    count: (r) => (r.choices as string[]).length,
  });
  const sim = await startSim({ answerKey: key });
  try {
    await withTempDir(async (dir) => {
      const r = await evaluate({
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets: ["mmlu"],
        dataset_dir: FIXTURES,
        work_dir: dir,
        eval_batch_size: 3,
      });
      const report = r.reports[0];
      const want = rows.filter((_, i) => right(i)).length / rows.length;
      assert.equal(report.score, round4(want));
      const byCat = Object.fromEntries(report.metrics[0].categories.map((c) => [c.name[0], c.num]));
      assert.deepEqual(byCat, { STEM: 3, Other: 2, Humanities: 3, "Social Science": 2 });
      const pred = await Deno.readTextFile(
        join(r.runDir, "predictions/qwen2.5/mmlu_philosophy.jsonl"),
      );
      const first = JSON.parse(pred.split("\n")[0]);
      assert.match(
        first.messages[0].content,
        /^Here are some examples of how to answer similar questions:\n\nExample 1 question about philosophy\?\nA\) option w of example 1/,
      );
    });
  } finally {
    await sim.close();
  }
});

Deno.test("general_mcq: Chinese template, 答案： parsing and up to five options score exactly", async () => {
  const rows = await fixture("general_mcq/default_val.jsonl");
  const key = mcqKey(rows, {
    right,
    question: (r) => String(r.question),
    answerIndex: (r) => String(r.answer).charCodeAt(0) - 65,
    count: (r) => ["A", "B", "C", "D", "E"].filter((k) => k in r).length,
    marker: "答案：",
  });
  const sim = await startSim({ answerKey: key });
  try {
    await withTempDir(async (dir) => {
      const r = await evaluate({
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets: ["general_mcq"],
        dataset_args: { general_mcq: { dataset_id: join(FIXTURES, "general_mcq") } },
        work_dir: dir,
      });
      assert.equal(r.reports[0].score, round4(expected(5)));
      const pred = await Deno.readTextFile(
        join(r.runDir, "predictions/qwen2.5/general_mcq_default.jsonl"),
      );
      assert.match(JSON.parse(pred.split("\n")[0]).messages[0].content, /^回答下面的单项选择题/);
    });
  } finally {
    await sim.close();
  }
});

Deno.test("an unreadable answer counts as no answer and as wrong, and the report says how many", async () => {
  const key = await gsm8kKey(() => true);
  key[0].answer = "I would rather not say.";
  const sim = await startSim({ answerKey: key });
  try {
    await withTempDir(async (dir) => {
      const r = await evaluate({
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets: ["gsm8k"],
        dataset_dir: FIXTURES,
        work_dir: dir,
        limit: 4,
      });
      const e = r.reports[0].execution;
      assert.equal(r.reports[0].score, 0.75);
      assert.equal(e.noAnswer, 1);
      assert.equal(e.noAnswerRate, 0.25);
    });
  } finally {
    await sim.close();
  }
});
