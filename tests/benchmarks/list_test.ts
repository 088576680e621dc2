import assert from "node:assert/strict";
import { runCli } from "../capture_console.ts";

/** Runs the CLI in-process and returns what it printed. */
const run = runCli;

/** name, dataset id, subsets (count, first), default shots, metrics. */
const EXPECTED: [string, string, number, string, number, string][] = [
  ["math_500", "AI-ModelScope/MATH-500", 5, "Level 1", 0, 'acc({"numeric":true})'],
  ["competition_math", "evalscope/competition_math", 5, "Level 1", 4, 'acc({"numeric":true})'],
  ["aime24", "evalscope/aime24", 1, "default", 0, 'acc({"numeric":true})'],
  ["aime25", "opencompass/AIME2025", 2, "AIME2025-I", 0, 'acc({"numeric":true})'],
  ["gpqa_diamond", "AI-ModelScope/gpqa_diamond", 1, "default", 0, "acc"],
  ["mmlu_pro", "TIGER-Lab/MMLU-Pro", 14, "computer science", 5, "acc"],
  ["super_gpqa", "m-a-p/SuperGPQA", 72, "Electronic Science and Technology", 0, "acc"],
  ["ceval", "evalscope/ceval", 52, "computer_network", 5, "acc"],
  ["cmmlu", "evalscope/cmmlu", 67, "agronomy", 0, "acc"],
  ["hellaswag", "evalscope/hellaswag", 1, "default", 0, "acc"],
  ["truthful_qa", "evalscope/truthful_qa", 1, "multiple_choice", 0, "multi_choice_acc"],
  ["winogrande", "AI-ModelScope/winogrande_val", 1, "default", 0, "acc"],
  ["iquiz", "AI-ModelScope/IQuiz", 2, "IQ", 0, "acc"],
  ["drop", "AI-ModelScope/DROP", 1, "default", 3, "em, f1"],
  ["musr", "AI-ModelScope/MuSR", 3, "murder_mysteries", 0, "acc"],
  ["trivia_qa", "evalscope/trivia_qa", 1, "rc.wikipedia", 0, 'acc({"allow_inclusion":true})'],
  ["race", "evalscope/race", 2, "high", 3, "acc"],
];

Deno.test("lmeter benchmarks list shows every wave-1 benchmark with dataset id, subsets, shots and metrics", async () => {
  const text = await run(["benchmarks", "list"]);
  assert.equal(text.code, 0);
  for (const [name, id, count, , shots, metrics] of EXPECTED) {
    const row = text.out.split("\n").find((l) => l.startsWith(`| ${name} `));
    assert.ok(row, `${name} is listed`);
    const cells = row.split("|").slice(1, -1).map((c) => c.trim());
    assert.deepEqual(cells.slice(0, 1).concat(cells.slice(2, 6)), [
      name,
      id,
      String(count),
      String(shots),
      metrics,
    ]);
  }
  const json = await run(["benchmarks", "list", "--json"]);
  const rows = JSON.parse(json.out) as {
    name: string;
    subsets: string[];
    few_shot_num: number;
    primary_metric: string | null;
  }[];
  for (const [name, , count, first, shots] of EXPECTED) {
    const r = rows.find((x) => x.name === name)!;
    assert.equal(r.subsets.length, count, name);
    assert.equal(r.subsets[0], first, name);
    assert.equal(r.few_shot_num, shots, name);
  }
  assert.equal(rows.find((x) => x.name === "drop")!.primary_metric, "f1");
});

Deno.test("lmeter benchmarks info shows the exact EvalScope prompt and the extra_params", async () => {
  const r = await run(["benchmarks", "info", "truthful_qa", "--json"]);
  const info = JSON.parse(r.out);
  assert.equal(info.extra_params.multiple_correct.default, false);
  assert.match(
    info.prompt_template,
    /^Answer the following multiple choice question\. The entire content/,
  );
  const ceval = JSON.parse((await run(["benchmarks", "info", "ceval", "--json"])).out);
  assert.match(ceval.prompt_template, /^以下是中国关于\{subject\}的单项选择题/);
  assert.equal(ceval.categories.logic, "Humanities");
});

Deno.test("lmeter benchmarks info lists every subset and says which run by default", async () => {
  const lcb = JSON.parse((await run(["benchmarks", "info", "live_code_bench", "--json"])).out);
  assert.equal(lcb.subsets.length, 28);
  assert.deepEqual(lcb.default_subsets, ["release_latest"]);
  const text = (await run(["benchmarks", "info", "live_code_bench"])).out;
  assert.match(
    text,
    /Subsets: +28: release_latest, release_v1, .* v5_v6 \(run by default: release_latest\)/,
  );
  const gsm8k = JSON.parse((await run(["benchmarks", "info", "gsm8k", "--json"])).out);
  assert.deepEqual(gsm8k.default_subsets, gsm8k.subsets);
});
