import assert from "node:assert/strict";
import type { ChatMessage, Judge, JudgeReply, Sample, Score } from "../../lib/eval/define.ts";
import { cellMetric, needleJudge, needleRecall, needleScorer } from "./score.ts";

const NEEDLE =
  "\nThe best thing to do in San Francisco is eat a sandwich and sit in Dolores Park on a sunny day.\n";
const sample: Sample = {
  input: "What is the best thing to do in San Francisco?",
  target: NEEDLE,
  metadata: { context_length: 4444, depth_percent: 56 },
};
const scorer = needleScorer(needleRecall);
const score = (answer: string) =>
  scorer.score(
    { sample, response: answer, filtered: answer, extracted: answer, reasoning: "" },
    { signal: new AbortController().signal, params: {} },
  ) as Score;

Deno.test("needleScorer() names the score after the sample's cell", () => {
  assert.equal(cellMetric(sample), "Context#4444 Depth#56");
  const s = score(NEEDLE.trim());
  assert.deepEqual(s.value, { "Context#4444 Depth#56": 1 });
  assert.equal(s.main, "Context#4444 Depth#56");
  assert.equal(scorer.kind, "rule");
});

Deno.test("needleRecall counts the needle's words that the question does not hold", () => {
  // Key words: eat sandwich and sit dolores park on sunny day (9; "in" is in the question).
  assert.equal(
    score("Eat a sandwich and sit in Dolores Park on a sunny day.").value[
      "Context#4444 Depth#56"
    ],
    1,
  );
  assert.equal(score("Sit in Dolores Park.").value["Context#4444 Depth#56"], 3 / 9);
  assert.equal(
    score("The best thing to do in San Francisco is unknown.").value["Context#4444 Depth#56"],
    0,
  );
  assert.match(
    score("Sit in Dolores Park.").explanation!,
    /missing 6 of 9 key words: eat sandwich and on sunny day/,
  );
});

Deno.test("needleRecall keeps EvalScope's whole-answer exact match in the metadata", () => {
  assert.equal(score(`  ${NEEDLE.trim().toUpperCase()} `).metadata!.evalscope_exact_match, 1);
  assert.equal(score("Eat a sandwich in Dolores Park.").metadata!.evalscope_exact_match, 0);
});

Deno.test("needleJudge: the first [[n]] over 10 under the cell's name; no rating or a failed call is a judge error", async () => {
  const asked: ChatMessage[][] = [];
  const judgeSaying = (reply: JudgeReply): Judge => ({
    model: "j",
    args: { scoreType: "pattern" },
    ask(messages) {
      asked.push([...messages]);
      return Promise.resolve(reply);
    },
  });
  const judged = needleScorer(needleJudge);
  const grade = (judge: Judge) =>
    judged.score(
      {
        sample,
        response: "Eat a sandwich.",
        filtered: "Eat a sandwich.",
        extracted: "",
        reasoning: "",
      },
      {
        signal: new AbortController().signal,
        params: { retrieval_question: "What is the best thing to do in San Francisco?" },
        judge,
      },
    );
  const rated = await grade(judgeSaying({ text: "Rating: [[6]] … [[9]]", cached: false }));
  assert.deepEqual(rated.value, { "Context#4444 Depth#56": 0.6 });
  assert.equal(asked[0][0].role, "system");
  assert.match(asked[0][0].content, /formatted as \[\[score\]\]/);
  assert.equal(
    asked[0][1].content,
    `\nQuestion: What is the best thing to do in San Francisco?\n\nReference Answer: ${NEEDLE}\n\nModel Answer: Eat a sandwich.\n`,
  );
  const unrated = await grade(judgeSaying({ text: "Seven out of ten.", cached: false }));
  assert.deepEqual(unrated.value, {});
  assert.match(unrated.judgeError!, /no \[\[score\]\]/);
  const failed = await grade(judgeSaying({ text: "", error: "HTTP 500", cached: false }));
  assert.match(failed.judgeError!, /judge call failed: HTTP 500/);
});
