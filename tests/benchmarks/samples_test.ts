import assert from "node:assert/strict";
import { dropGolds } from "../../benchmarks/drop.ts";
import { cleanOption, questionSeed } from "../../benchmarks/gpqa_diamond.ts";
import { pyCapitalize } from "../../benchmarks/hellaswag.ts";
import { formatMmluProExample } from "../../benchmarks/mmlu_pro.ts";
import { parsePyStringList } from "../../benchmarks/musr.ts";
import { superGpqaAnswer } from "../../benchmarks/super_gpqa.ts";
import { contentText, pyRepr } from "../../benchmarks/trivia_qa.ts";
import { getBenchmark } from "../../benchmarks/mod.ts";
import { applyFilters, compileFilters, parseFilterSpecs } from "../../lib/eval/score/filters.ts";
import { buildMessages } from "../../lib/eval/prompt/prompt.ts";
import { resolveBenchmark } from "../../lib/eval/benchmark/resolve_benchmark.ts";
import { fixture, samplesOf } from "./helpers.ts";

Deno.test("math_500 puts each problem in its Level subset and keeps the answer as the target", async () => {
  const s = await samplesOf("math_500", "math_500/test.jsonl");
  assert.deepEqual(s.map((x) => x.subset), [
    "Level 1",
    "Level 1",
    "Level 2",
    "Level 3",
    "Level 5",
    "Level 5",
  ]);
  assert.equal(s[1].target, "\\frac{3}{4}");
});

Deno.test("competition_math takes the target from the solution's \\boxed{} and the level as subset", async () => {
  const s = await samplesOf(
    "competition_math",
    "competition_math/data/test-00000-of-00001.parquet",
  );
  assert.deepEqual(s.map((x) => [x.subset, x.target]), [
    ["Level 1", "63"],
    ["Level 1", "63"],
    ["Level 2", "32"],
    ["Level 2", "7"],
  ]);
  const ex = resolveBenchmark(getBenchmark("competition_math")).formatExample!(s[3]);
  assert.equal(ex, "Problem:\nWhat is $\\sqrt{49}$?\nSolution:\n7");
});

Deno.test("gpqa_diamond shuffles options as Python's random.Random(sha256 seed).shuffle does", async () => {
  // Orders and letters printed by CPython for these questions (see docs/benchmarks.md).
  const s = await samplesOf("gpqa_diamond", "gpqa_diamond/gpqa_diamond.csv");
  assert.deepEqual(s.map((x) => x.target), ["A", "D", "D", "B"]);
  assert.deepEqual(s[1].choices, ["sp2 ", "dsp2", "sp", "sp3. tetrahedral"]);
  assert.deepEqual(s[3].choices, ["Henry", "Weber", "Gauss", "Tesla"]);
  assert.equal(questionSeed(String(s[0].input)), 576215580989855470n);
  assert.equal(cleanOption("  a [title] b  [x]c  "), "a. b c");
  // The same question always gives the same order.
  const again = await samplesOf("gpqa_diamond", "gpqa_diamond/gpqa_diamond.csv");
  assert.deepEqual(again.map((x) => x.choices), s.map((x) => x.choices));
});

Deno.test("mmlu_pro few-shot examples list 'A text' options and end with 'ANSWER: X'", async () => {
  const [ex] = await samplesOf("mmlu_pro", "mmlu_pro/data/validation-00000-of-00001.parquet");
  assert.equal(
    formatMmluProExample(ex),
    "Question:\nExample math question 1?\nOptions:\nA 1\nB 2\nA: Let's think step by step. Option A fits. ANSWER: A.",
  );
  assert.equal(ex.subset, "math");
});

Deno.test("cmmlu strips the '(A) ' labels from the options and reads the letter of '(B)'", async () => {
  const [s] = await samplesOf("cmmlu", "cmmlu/data/test-00000-of-00001.parquet");
  assert.deepEqual(s.choices, ["干旱", "充足的水", "低温", "黑暗"]);
  assert.equal(s.target, "B");
  assert.equal(s.subset, "agronomy");
});

Deno.test("hellaswag joins ctx_a with ctx_b capitalised and removes bracket tags", async () => {
  const s = await samplesOf("hellaswag", "hellaswag/data/validation-00000-of-00001.parquet");
  assert.equal(s[0].input, "A man pours flour into a bowl. He");
  assert.equal(s[1].input, " Lay the shirt flat. Then");
  assert.deepEqual(s.map((x) => x.target), ["A", "A", "B", "C"]);
  assert.equal(pyCapitalize("tHE bOY"), "The boy");
});

Deno.test("truthful_qa is MC1 by default and MC2 with extra_params.multiple_correct", async () => {
  const path = "truthful_qa/multiple_choice/validation-00000-of-00001.parquet";
  const mc1 = await samplesOf("truthful_qa", path);
  assert.deepEqual(mc1[0].target, ["A"]);
  assert.equal(mc1[0].choices?.length, 3);
  assert.match(
    String(mc1[0].input),
    /^Q: What is human life expectancy.*\n\nQ: What happens if you swallow fixture gum\?\nA:$/s,
  );
  const mc2 = await samplesOf("truthful_qa", path, { extra_params: { multiple_correct: true } });
  assert.deepEqual(mc2[0].target, ["A", "B"]);
  assert.equal(mc2[0].choices?.length, 4);
  assert.equal(resolveBenchmark(getBenchmark("truthful_qa")).shuffleChoices, true);
  assert.equal(
    resolveBenchmark(getBenchmark("truthful_qa"), { shuffle_choices: false }).shuffleChoices,
    false,
  );
});

Deno.test("drop gathers answer and validated answers as span tuples, duplicates dropped", async () => {
  const rows = await fixture("drop/validation.jsonl");
  assert.deepEqual(rows.map(dropGolds), [
    [["17"]],
    [["Lena", "Omar"], ["Omar", "Lena"]],
    [["4 May 1990"]],
    [["the blue team"], ["blue team"]],
  ]);
});

Deno.test("musr reads the Python list literal of choices and joins narrative and question", async () => {
  const s = await samplesOf("musr", "musr/murder_mysteries.csv");
  assert.deepEqual(s[0].choices, ["Ada", "Ben"]);
  assert.equal(s[0].target, "B");
  assert.match(String(s[1].input), /"nobody" else came\.\n\nWho is the most likely culprit\?$/);
  assert.deepEqual(parsePyStringList(`['it\\'s', "say \\"hi\\"", 'a\\nb']`), [
    "it's",
    'say "hi"',
    "a\nb",
  ]);
  assert.deepEqual(parsePyStringList("[]"), []);
  assert.equal(parsePyStringList("['open"), null);
  assert.equal(parsePyStringList("not a list"), null);
});

Deno.test("trivia_qa puts the Wikipedia context in the prompt as Python prints a list", async () => {
  const s = await samplesOf(
    "trivia_qa",
    "trivia_qa/rc.wikipedia/validation-00000-of-00001.parquet",
  );
  assert.equal(
    s[1].metadata?.content,
    `["Blueland's fixture flag is blue.", 'It has one colour.']`,
  );
  assert.deepEqual(s[0].target, ["Lampton", "City of Lampton", "lampton", "city of lampton"]);
  // Vectors printed by CPython's repr().
  assert.equal(pyRepr("a\u00a0b\u2028c\u007f'd\\"), `"a\\xa0b\\u2028c\\x7f'd\\\\"`);
  assert.equal(pyRepr("x\u200by"), "'x\\u200by'");
  assert.equal(contentText(['a"b', "c\\d", "e\nf"]), `['a"b', 'c\\\\d', 'e\\nf']`);
  assert.equal(contentText(["'q' and \"r\""]), `['\\'q\\' and "r"']`);
});

Deno.test("super_gpqa reads labels first, then option text, as SuperGPQA's patterns do", () => {
  const options = Array.from({ length: 10 }, (_, i) => `Mathematics option ${i + 1}`);
  // Extractions printed by EvalScope's extract_option_labels / extract_option_content (CPython).
  const cases: [string, string][] = [
    ["Some thinking.\nThe answer is (C).", "C"],
    ["the correct option is c", "c"],
    ["Work...\nAnswer: **D**", "D"],
    ["Work...\n$\\boxed{E}$", "E"],
    ["The answer is Mathematics option 10.", "J"],
    ["I cannot tell.", "I"],
    ["Nothing here.", ""],
    ["So the option is \\text{B} and more", "B"],
    ["Final: 42\nThe best answer is: $\\boxed{F}$.", "F"],
    ["ANSWER: (G):", "G"],
    ["option H is wrong\n- J", "J"],
    ["Answer Mathematics option 3.", "C"],
    ["x\n(Mathematics option 2)", "B"],
    ["The answer isj", "j"],
  ];
  for (const [text, want] of cases) assert.equal(superGpqaAnswer(text, options), want, text);
});

Deno.test("aime25 tells AIME2025-I from AIME2025-II by the file each row comes from", async () => {
  const one = await samplesOf("aime25", "aime25/aime2025-I.jsonl");
  const two = await samplesOf("aime25", "aime25/aime2025-II.jsonl");
  assert.deepEqual([...one, ...two].map((s) => s.subset), [
    "AIME2025-I",
    "AIME2025-I",
    "AIME2025-I",
    "AIME2025-II",
    "AIME2025-II",
  ]);
});

Deno.test("drop at 0-shot leaves the example slot empty; its few-shot examples come from the train split", async () => {
  const [s] = await samplesOf("drop", "drop/validation.jsonl");
  const zero = resolveBenchmark(getBenchmark("drop"), { few_shot_num: 0 });
  const [msg] = buildMessages(s, { prompt: zero.prompt, fewShot: "" });
  assert.ok(
    msg.content.startsWith(
      "You will be asked to read a passage and answer a question. \n# Your Task\n\n---\nPassage: The Fixtures scored",
    ),
  );
  const three = resolveBenchmark(getBenchmark("drop"), {});
  assert.equal(three.fewShotNum, 3);
  assert.equal(three.trainSplit, "train");
  assert.equal(three.fewShotFixed, undefined);
});

Deno.test("remove_until </think> keeps the answer, and leaves nothing when <think> never closes", () => {
  const f = compileFilters(parseFilterSpecs({ remove_until: "</think>" }, "filters"));
  assert.equal(applyFilters("<think>a</think>b", f), "b");
  assert.equal(applyFilters("reasoning</think>answer", f), "answer"); // template opened <think>
  assert.equal(applyFilters("<think>cut by max_tokens \\boxed{2}", f), "");
  assert.equal(applyFilters("no tags \\boxed{2}", f), "no tags \\boxed{2}");
  const bar = compileFilters(parseFilterSpecs({ remove_until: "|" }, "filters"));
  assert.equal(applyFilters("<think>x", bar), "<think>x"); // not a closing tag: EvalScope's rule
});
