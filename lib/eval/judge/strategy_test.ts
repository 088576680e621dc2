import assert from "node:assert/strict";
import type { BenchmarkDefinition, ScoreInput, Scorer } from "../benchmark/benchmark.ts";
import { resolveBenchmark } from "../benchmark/resolve_benchmark.ts";
import { identityExtractor } from "../score/extractors.ts";
import type { ChatMessage } from "../benchmark/types.ts";
import { applyJudgeStrategy, recallScorer, strategyScorer } from "./strategy.ts";
import { resolveJudgeSettings } from "./settings.ts";
import type { Judge, JudgeReply } from "./types.ts";
import { fillJudgePrompt, genericJudgeScorer } from "./generic_judge.ts";

/** A judge that answers from a script and records what it was asked. */
function scriptedJudge(reply: (prompt: string) => JudgeReply): Judge & { asked: string[] } {
  const asked: string[] = [];
  return {
    model: "judge-m",
    args: { scoreType: "pattern" },
    asked,
    ask(messages: readonly ChatMessage[]) {
      const prompt = messages[messages.length - 1].content;
      asked.push(prompt);
      return Promise.resolve(reply(prompt));
    },
  };
}

const ok = (text: string): JudgeReply => ({ text, cached: false });

function input(response: string, target = "Paris"): ScoreInput {
  return {
    sample: { input: "Capital of France?", target },
    response,
    filtered: response,
    extracted: response,
    reasoning: "",
  };
}

/** A rule scorer giving a fixed main value. */
function fixedRule(value: number): Scorer {
  return {
    id: `fixed:${value}`,
    kind: "rule",
    score: (i) => ({ value: { acc: value, other: 0.25 }, extracted: i.extracted, main: "acc" }),
  };
}

const JUDGE_A: Scorer = {
  id: "judge-a",
  kind: "external",
  async score(i, ctx) {
    const r = await ctx.judge!.ask([{ role: "user", content: i.response }]);
    return { value: { acc: r.text === "A" ? 1 : 0 }, extracted: i.extracted, main: "acc" };
  },
};

function ctxWith(judge: Judge) {
  return { signal: new AbortController().signal, params: {}, judge };
}

Deno.test("llm_recall keeps a rule score above 0.99 without asking the judge", async () => {
  const judge = scriptedJudge(() => ok("B"));
  const s = await recallScorer(fixedRule(1), JUDGE_A).score(input("x"), ctxWith(judge));
  assert.deepEqual(s.value, { acc: 1, other: 0.25 });
  assert.equal(judge.asked.length, 0);
});

Deno.test("llm_recall replaces (not maxes) a rule score of at most 0.99 with the judge's", async () => {
  // 0.99 itself is not above the threshold: the judge decides.
  const judgeB = scriptedJudge(() => ok("B"));
  const down = await recallScorer(fixedRule(0.99), JUDGE_A).score(input("x"), ctxWith(judgeB));
  assert.deepEqual(down.value, { acc: 0, other: 0.25 });
  assert.equal(down.metadata?.rule_score, 0.99);
  // A partial 0.5 becomes the judge's 0, not max(0.5, 0).
  const half = await recallScorer(fixedRule(0.5), JUDGE_A).score(input("x"), ctxWith(judgeB));
  assert.equal(half.value.acc, 0);
  const judgeA = scriptedJudge(() => ok("A"));
  const up = await recallScorer(fixedRule(0), JUDGE_A).score(input("x"), ctxWith(judgeA));
  assert.equal(up.value.acc, 1);
});

Deno.test("llm_recall turns a judge error into the sample's judge error, never a score", async () => {
  const failing = scriptedJudge(() => ({ text: "", error: "HTTP 500", cached: false }));
  const generic = genericJudgeScorer({ args: { scoreType: "pattern" }, metric: "acc" });
  const s = await recallScorer(fixedRule(0), generic).score(input("x"), ctxWith(failing));
  assert.deepEqual(s.value, {});
  assert.match(s.judgeError ?? "", /HTTP 500/);
});

Deno.test("genericJudgeScorer(): a failed call, a reply without a verdict and a verdict", async () => {
  const scorer = genericJudgeScorer({ args: { scoreType: "pattern" }, metric: "acc" });
  const fail = await scorer.score(
    input("Paris"),
    ctxWith(scriptedJudge(() => ({ text: "", error: "timeout", cached: false }))),
  );
  assert.deepEqual(fail.value, {});
  assert.match(fail.judgeError!, /judge call failed: timeout/);
  // The error text of a judge like Qwen3-235B-A22B holds a "B": it must not become a verdict.
  const garbled = await scorer.score(
    input("Paris"),
    ctxWith(scriptedJudge(() => ok("Error from Qwen3-235B-A22B"))),
  );
  assert.deepEqual(garbled.value, {});
  assert.match(garbled.judgeError!, /no verdict/);
  const judge = scriptedJudge(() => ok("A"));
  const right = await scorer.score(input("Paris"), ctxWith(judge));
  assert.deepEqual(right.value, { acc: 1 });
  assert.match(
    judge.asked[0],
    /\[Question\]\nCapital of France\?\n\n\[Reference Answer\]\nParis\n\n\[Predicted Answer\]\nParis/,
  );
  const numeric = genericJudgeScorer({ args: { scoreType: "numeric" }, metric: "score" });
  const rated = await numeric.score(
    input("Paris"),
    ctxWith(scriptedJudge(() => ok("Rating: [[0.7]]"))),
  );
  assert.deepEqual(rated.value, { score: 0.7 });
});

Deno.test("fillJudgePrompt() replaces every placeholder literally, question first", () => {
  const t = "Q={question} G={gold} P={pred} Q again={question}";
  assert.equal(
    fillJudgePrompt(t, { question: "a {gold} b", gold: "$1", pred: "{x}" }),
    "Q=a $1 b G=$1 P={x} Q again=a $1 b",
  );
});

const RULE_BENCH: BenchmarkDefinition = {
  name: "ruled",
  prettyName: "Ruled",
  description: "",
  version: "1",
  tags: [],
  dataset: { id: "x/y", evalSplit: "test", subsets: ["default"] },
  toSample: () => null,
  prompt: { style: "text", template: "{question}", fewShotNum: 0 },
  extract: identityExtractor,
  metrics: [{ name: "acc" }],
};
const JUDGE_ONLY: BenchmarkDefinition = {
  ...RULE_BENCH,
  name: "judged_only",
  metrics: [],
  judge: { byDefault: true, scorer: JUDGE_A },
};
const judgeSettings = resolveJudgeSettings(
  { api_url: "http://127.0.0.1:9/v1", model_id: "judge-m" },
  { batchSize: 4, workers: undefined, notes: [] },
);

Deno.test("judge strategies pick the scorer as EvalScope does", () => {
  const rule = resolveBenchmark(RULE_BENCH);
  const only = resolveBenchmark(JUDGE_ONLY);
  const pick = (b: typeof rule, strategy: "auto" | "rule" | "llm" | "llm_recall") =>
    strategyScorer(b, { strategy, judge: judgeSettings });
  assert.equal(pick(rule, "auto").judged, false);
  assert.equal(pick(rule, "auto").scorer, rule.scorer);
  assert.equal(pick(rule, "rule").judged, false);
  assert.equal(pick(rule, "llm").judged, true);
  assert.equal(pick(rule, "llm").scorer.id, "judge:generic:acc");
  const numeric = { ...judgeSettings!, args: { scoreType: "numeric" as const } };
  assert.equal(
    strategyScorer(rule, { strategy: "llm", judge: numeric }).scorer.id,
    "judge:generic:score",
  );
  assert.match(pick(rule, "llm_recall").scorer.id, /^llm_recall\(rule:/);
  assert.equal(pick(only, "auto").scorer, JUDGE_A);
  assert.equal(pick(only, "llm_recall").scorer, JUDGE_A);
  assert.throws(() => pick(only, "rule"), /Cannot score judged_only by rule/);
});

Deno.test("applyJudgeStrategy() keeps a rule run's review fingerprint and changes a judged one's with the judge", () => {
  const fp = resolveBenchmark(RULE_BENCH).reviewFingerprint;
  const ruled = applyJudgeStrategy(resolveBenchmark(RULE_BENCH), {
    strategy: "auto",
    judge: judgeSettings,
  });
  assert.equal(ruled.reviewFingerprint, fp);
  const judged = applyJudgeStrategy(resolveBenchmark(RULE_BENCH), {
    strategy: "llm",
    judge: judgeSettings,
  });
  const other = applyJudgeStrategy(resolveBenchmark(RULE_BENCH), {
    strategy: "llm",
    judge: { ...judgeSettings!, model: "another-judge" },
  });
  assert.notEqual(judged.reviewFingerprint, fp);
  assert.notEqual(judged.reviewFingerprint, other.reviewFingerprint);
  assert.equal(judged.summary.judge_model, "judge-m");
});

Deno.test("resolveJudgeSettings(): EvalScope's default generation config, no streaming, judge_worker_num", () => {
  const s = resolveJudgeSettings(
    { api_url: "http://127.0.0.1:8802/v1/chat/completions", model_id: "j" },
    { batchSize: 8, workers: 3, notes: [] },
  )!;
  assert.equal(s.apiUrl, "http://127.0.0.1:8802/v1");
  assert.deepEqual(s.generation.body, { temperature: 0, max_tokens: 4096 });
  assert.equal(s.generation.stream, false);
  assert.equal(s.concurrency, 3);
  assert.equal(s.apiKey, "EMPTY");
  assert.equal(
    resolveJudgeSettings({ model_id: "j" }, { batchSize: 8, workers: undefined, notes: [] })!
      .apiUrl,
    null,
  );
  assert.equal(
    resolveJudgeSettings(undefined, { batchSize: 8, workers: undefined, notes: [] }),
    null,
  );
  assert.throws(
    () => resolveJudgeSettings({ api_base: "x" }, { batchSize: 1, workers: undefined, notes: [] }),
    /Unknown setting judge_model_args.api_base/,
  );
  assert.throws(
    () =>
      resolveJudgeSettings({ score_type: "letters" }, {
        batchSize: 1,
        workers: undefined,
        notes: [],
      }),
    /score_type/,
  );
});
