import assert from "node:assert/strict";
import { detailsTable } from "../../lib/report/eval/summary_table.ts";
import {
  evaluate,
  FIXTURES,
  type KeyEntry,
  questionOf,
  reviews,
  round4,
  samplesOf,
  startSim,
  withTempDir,
} from "./helpers.ts";

/** Reasoning the model never finishes: the max_tokens cap cuts it before `</think>`. */
const LONG_THOUGHT =
  `<think>x is 2, so \\boxed{2}. ${"Let me double check that once more. ".repeat(40)}` +
  "</think>The answer is 2.";

Deno.test("reasoning: reasoning_content never scored, remove_until </think> works, an unclosed <think> is no answer and counts as truncated", async () => {
  const s = await samplesOf("math_500", "math_500/test.jsonl");
  const key: (KeyEntry & { reasoning?: string })[] = [
    // 0: the separate reasoning_content holds a wrong \boxed{}; only the content is scored.
    { match: questionOf(s[0]), answer: "The answer is 7.", reasoning: "Maybe \\boxed{9}?" },
    // 1: inline thoughts hold a wrong \boxed{}; the answer after </think> is right.
    {
      match: questionOf(s[1]),
      answer: "<think>Perhaps \\boxed{1}.</think>The answer is \\frac{3}{4}.",
    },
    // 2: cut by max_tokens while thinking (the thoughts contain the right number).
    { match: questionOf(s[2]), answer: LONG_THOUGHT },
    { match: questionOf(s[3]), answer: "\\boxed{540}" },
    { match: questionOf(s[4]), answer: "\\boxed{-3, 3}" },
    { match: questionOf(s[5]), answer: "\\boxed{50\\%}" },
  ];
  const sim = await startSim({ answerKey: key });
  try {
    const run = (filters: Record<string, string> | undefined) =>
      withTempDir(async (dir) => {
        const r = await evaluate({
          model: "qwq",
          api_url: sim.apiUrl,
          datasets: ["math_500"],
          dataset_args: filters ? { math_500: { filters } } : {},
          dataset_dir: FIXTURES,
          work_dir: dir,
          generation_config: { max_tokens: 48 },
        });
        const one = await reviews(r.runDir, {
          model: "qwq",
          benchmark: "math_500",
          subset: "Level 1",
        });
        const two = await reviews(r.runDir, {
          model: "qwq",
          benchmark: "math_500",
          subset: "Level 2",
        });
        const extracted = (line: Record<string, unknown>) =>
          (line.sample_score as { score: { extracted_prediction: string } }).score
            .extracted_prediction;
        return { report: r.reports[0], extracted: [...one, ...two].map(extracted), cut: two[0] };
      });

    const filtered = await run({ remove_until: "</think>" });
    assert.deepEqual(filtered.extracted, ["7", "\\frac{3}{4}", ""]);
    assert.equal(filtered.cut.no_answer, true);
    assert.equal(filtered.cut.truncated, true);
    assert.equal(filtered.report.score, round4(5 / 6));
    const e = filtered.report.execution;
    assert.deepEqual([e.truncated, e.truncatedRate, e.noAnswer], [1, round4(1 / 6), 1]);
    assert.match(detailsTable([filtered.report]), /\| 16\.7% \(1\) +\| 16\.7% \(1\) +\| 0 +\|/);

    // Without the filter (EvalScope's default) inline thoughts are graded: item 1 reads the
    // \boxed{1} of its thoughts, item 2 its unfinished thoughts; reasoning_content still never.
    const raw = await run(undefined);
    assert.deepEqual(raw.extracted, ["7", "1", "2"]);
    assert.equal(raw.cut.truncated, true);
    assert.equal(raw.report.score, round4(5 / 6));
  } finally {
    await sim.close();
  }
});
