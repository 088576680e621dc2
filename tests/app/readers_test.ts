/**
 * The result readers on the fixture outputs (EvalScope's formats, lmeter's extensions on some
 * files) and on hand-made edge cases.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  discoverRuns,
  listRuns,
  normalizeReport,
  readEvalRun,
  readPerfSweep,
  readRequestPoints,
  SafeFs,
  splitThink,
  SubsetSamples,
} from "../../lib/results/read/mod.ts";

const OUT = new URL("../fixtures/app/outputs", import.meta.url).pathname;
const EVAL = join(OUT, "20250105_101500");
const SWEEP = join(OUT, "20250106_090000", "qwen-mini");

Deno.test("discoverRuns() finds the eval run and both perf sweeps under the outputs root", async () => {
  const fs = await SafeFs.open(OUT);
  const runs = await discoverRuns(fs);
  assert.deepEqual(
    runs.map((r) => [r.id, r.kind]).sort(),
    [
      ["20250105_101500", "eval"],
      ["20250106_090000/qwen-mini", "perf"],
      ["20250107_090000/qwen-mini", "perf"],
    ],
  );
});

Deno.test("discoverRuns() treats a root that is one run (eval, sweep or perf run) as that run", async () => {
  for (
    const [root, kind] of [
      [EVAL, "eval"],
      [SWEEP, "perf"],
      [join(SWEEP, "parallel_4_number_40"), "perf"],
    ] as const
  ) {
    const runs = await discoverRuns(await SafeFs.open(root));
    assert.deepEqual(runs.map((r) => [r.id, r.kind]), [[".", kind]], root);
  }
});

Deno.test("listRuns() gives models, datasets, mean scores and dates, newest first", async () => {
  const items = await listRuns(await SafeFs.open(OUT));
  assert.deepEqual(items.map((i) => i.id), [
    "20250107_090000/qwen-mini",
    "20250106_090000/qwen-mini",
    "20250105_101500",
  ]);
  const ev = items[2];
  assert.deepEqual(ev.models, ["llama-tiny", "qwen-mini"]);
  assert.deepEqual([...ev.datasets].sort(), ["gsm8k", "math_500", "mmlu"]);
  // qwen-mini: (0.775 + 0.8 + 0.75) / 3
  assert.ok(Math.abs(ev.scores[1]! - 0.775) < 1e-9);
  assert.equal(ev.date, "2025-01-05T10:15:00");
  assert.equal(items[0].perfRuns, 3);
  assert.equal(items[0].bestRps, 5.6093);
});

Deno.test("readEvalRun() reads lmeter and EvalScope report shapes and maps subset files", async () => {
  const fs = await SafeFs.open(OUT);
  const run = await readEvalRun(fs, EVAL);
  const qwen = run.models.find((m) => m.model === "qwen-mini")!;
  const llama = run.models.find((m) => m.model === "llama-tiny")!;
  const math = qwen.reports.find((r) => r.dataset === "math_500")!;
  assert.equal(math.prettyName, "MATH-500");
  assert.equal(math.execution?.noAnswer, 2);
  assert.deepEqual(math.metrics[0].ci95, [0.6524, 0.895]);
  const llamaMath = llama.reports.find((r) => r.dataset === "math_500")!;
  assert.equal(llamaMath.metrics[0].ci95, null);
  assert.equal(llamaMath.execution, null);
  assert.equal(llamaMath.primaryMetric, "mean_acc");
  assert.deepEqual(
    qwen.subsets.map((s) => `${s.benchmark}/${s.subset}`),
    [
      "gsm8k/main",
      "math_500/Level 1",
      "math_500/Level 3",
      "mmlu/abstract_algebra",
      "mmlu/high_school_world_history",
    ],
  );
  assert.equal((run.config as Record<string, unknown>).model, "qwen-mini");
  assert.equal(run.hasHtml, false);
});

Deno.test("normalizeReport() tolerates missing optional fields and HEAD metric identities", () => {
  const r = normalizeReport({
    metrics: [{ identity: { name: "accuracy", aggregation: "pass_at_k", dimensions: { k: 1 } } }],
  }, { model: "m", dataset: "d" });
  assert.equal(r.model, "m");
  assert.equal(r.dataset, "d");
  assert.equal(r.metrics[0].name, "pass_at_k_accuracy@1");
  assert.equal(r.score, 0);
  assert.deepEqual(r.metrics[0].categories, []);
  assert.equal(normalizeReport(null, { model: "m", dataset: "d" }).metrics.length, 0);
});

Deno.test("SubsetSamples pages, filters by pass/fail with a threshold, and searches", async () => {
  const fs = await SafeFs.open(OUT);
  const run = await readEvalRun(fs, EVAL);
  const files = run.models.find((m) => m.model === "qwen-mini")!.subsets
    .find((s) => s.subset === "main")!;
  const s = await SubsetSamples.load(fs, files);
  assert.equal(s.size, 40);
  const fail = await s.page({ filter: "fail", limit: 5 });
  // qwen-mini gsm8k is right when (i * 7) % 40 >= 9.
  const expectedFail = [...Array(40).keys()].filter((i) => (i * 7) % 40 < 9);
  assert.deepEqual(fail.counts, { all: 40, pass: 31, fail: 9 });
  assert.equal(fail.total, 9);
  assert.deepEqual(fail.items.map((i) => i.index), expectedFail.slice(0, 5));
  assert.ok(fail.items.every((i) => !i.pass && i.score === 0));
  const page2 = await s.page({ filter: "fail", offset: 5, limit: 5 });
  assert.deepEqual(page2.items.map((i) => i.index), expectedFail.slice(5));
  // A threshold above 1 makes everything fail.
  assert.equal((await s.page({ threshold: 1.5 })).counts.fail, 40);
  // By index, and by text that only one question contains.
  assert.deepEqual((await s.page({ query: "17" })).items.map((i) => i.index), [17]);
  const text = await s.page({ query: "MIA PACKS 12 red" });
  assert.ok(text.total >= 1);
  for (const item of text.items) {
    const d = await s.detail(item.index);
    assert.match(d!.messages[0].text, /Mia packs 12 red/);
  }
  assert.equal((await s.page({ query: "no such words anywhere" })).total, 0);
});

Deno.test("SubsetSamples.detail() splits prompt, answer, reasoning, extracted and gold", async () => {
  const fs = await SafeFs.open(OUT);
  const run = await readEvalRun(fs, EVAL);
  const files = run.models.find((m) => m.model === "qwen-mini")!.subsets
    .find((s) => s.subset === "Level 1")!;
  const d = (await (await SubsetSamples.load(fs, files)).detail(0))!;
  assert.equal(d.messages.length, 1);
  assert.equal(d.messages[0].role, "user");
  assert.match(d.answer, /\\boxed\{\\frac\{7\}\{12\}\}/);
  assert.match(d.reasoning, /least common denominator/);
  assert.equal(d.extracted, "\\frac{7}{12}");
  assert.equal(d.target, "\\frac{7}{12}");
  assert.equal(d.score, 1);
  assert.equal(d.stopReason, "stop");
  assert.equal(d.noAnswer, false);
  const level3 = run.models.find((m) => m.model === "qwen-mini")!.subsets
    .find((s) => s.subset === "Level 3")!;
  const truncated = (await (await SubsetSamples.load(fs, level3)).detail(19))!;
  assert.equal(truncated.truncated, true);
  assert.equal(truncated.stopReason, "length");
});

Deno.test("splitThink() separates inline <think> reasoning from the answer", () => {
  assert.deepEqual(splitThink("<think>a b</think>\n\nThe answer is 4"), {
    reasoning: "a b",
    text: "The answer is 4",
  });
  assert.deepEqual(splitThink("hmm</think>ok"), { reasoning: "hmm", text: "ok" });
  assert.deepEqual(splitThink("plain"), { reasoning: "", text: "plain" });
});

Deno.test("readPerfSweep() reads lmeter and EvalScope-only sweeps in load order", async () => {
  const fs = await SafeFs.open(OUT);
  const a = await readPerfSweep(fs, SWEEP);
  assert.deepEqual(a.runs.map((r) => [r.name, r.parallel, r.number]), [
    ["parallel_1_number_20", 1, 20],
    ["parallel_4_number_40", 4, 40],
    ["parallel_16_number_80", 16, 80],
  ]);
  assert.equal(a.model, "qwen-mini");
  assert.equal(a.dataset, "openqa");
  assert.equal(a.runs[2].status, "incomplete");
  assert.equal(a.runs[2].summary.failed, 3);
  assert.equal(a.runs[0].percentiles.length, 11);
  assert.match(a.summaryText ?? "", /parallel_16_number_80/);
  assert.equal(a.runs[0].workload, null, "no workload_throughput.json: no workload");
  assert.deepEqual(a.runs[1].workload?.rows.map((r) => [r.metric, r.steady_state]), [
    ["Total Prompt tok/s", 655.5],
    ["New Prompt tok/s", 524.4],
    ["Cached Prompt tok/s", 131.1],
    ["Completion tok/s", 1040.75],
  ]);
  assert.equal(a.runs[1].workload?.last_window_s, 30);
  const b = await readPerfSweep(fs, join(OUT, "20250107_090000", "qwen-mini"));
  assert.equal(b.runs[0].status, null);
  assert.equal(b.startedAt, "2025-01-07T09:00:00");
});

Deno.test("readRequestPoints() reads successful requests in start order and counts failures", () => {
  const p = readRequestPoints(join(SWEEP, "parallel_16_number_80", "benchmark_data.db"))!;
  assert.equal(p.total, 80);
  assert.equal(p.failed, 3);
  assert.equal(p.succeeded, 77);
  assert.equal(p.t.length, 77);
  assert.ok(p.t.every((v, i) => i === 0 || v >= p.t[i - 1]));
  assert.ok(p.latency.every((v) => v > 0));
  const thin = readRequestPoints(join(SWEEP, "parallel_16_number_80", "benchmark_data.db"), {
    maxPoints: 10,
  })!;
  assert.equal(thin.t.length, 10); // every 8th of 77
  assert.equal(readRequestPoints(join(SWEEP, "perf_summary.json")), null);
});

Deno.test("SafeFs refuses a symlink that leads outside the root, and JSON with NaN is read", async () => {
  const dir = await Deno.makeTempDir();
  const outside = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(outside, "secret.json"), '{"x": 1}');
    await Deno.symlink(join(outside, "secret.json"), join(dir, "link.json"));
    await Deno.writeTextFile(join(dir, "nan.json"), '{"a": NaN, "b": [1, -Infinity]}');
    const fs = await SafeFs.open(dir);
    assert.equal(await fs.readJsonOrNull(join(dir, "link.json")), null);
    await assert.rejects(() => fs.readText(join(dir, "link.json")), /outside the outputs folder/);
    assert.deepEqual(await fs.readJsonOrNull(join(dir, "nan.json")), { a: null, b: [1, null] });
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});

Deno.test("SubsetSamples indexes 50 000 samples and pages them without reading every line again", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const n = 50_000;
    const pred: string[] = [];
    const rev: string[] = [];
    for (let i = 0; i < n; i++) {
      const ok = i % 3 !== 0;
      pred.push(JSON.stringify({
        index: i,
        model_output: { choices: [{ message: { role: "assistant", content: `answer ${i}` } }] },
        messages: [{ role: "user", content: `question number ${i}` }],
      }));
      rev.push(JSON.stringify({
        index: i,
        target: String(i),
        sample_score: { score: { value: { acc: ok }, extracted_prediction: String(i) } },
      }));
    }
    await Deno.writeTextFile(join(dir, "p.jsonl"), pred.join("\n") + "\n");
    await Deno.writeTextFile(join(dir, "r.jsonl"), rev.join("\n") + "\n");
    const fs = await SafeFs.open(dir);
    const s = await SubsetSamples.load(fs, {
      benchmark: "b",
      subset: "s",
      predictions: join(dir, "p.jsonl"),
      reviews: join(dir, "r.jsonl"),
    });
    const page = await s.page({ filter: "fail", offset: 16_000, limit: 20 });
    assert.equal(page.counts.fail, Math.ceil(n / 3));
    assert.deepEqual(
      page.items.map((x) => x.index),
      [...Array(20).keys()].map((k) => (16000 + k) * 3),
    );
    assert.equal((await s.page({ query: "question number 49999" })).items[0].index, 49999);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("discoverRuns() finds a perf sweep inside an eval run folder of the same timestamp", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const run = join(dir, "20250101_000000");
    await Deno.mkdir(join(run, "reports", "m"), { recursive: true });
    await Deno.writeTextFile(join(run, "reports", "m", "gsm8k.json"), "{}");
    await Deno.mkdir(join(run, "m", "parallel_1_number_2"), { recursive: true });
    await Deno.writeTextFile(join(run, "m", "parallel_1_number_2", "benchmark_summary.json"), "{}");
    const runs = await discoverRuns(await SafeFs.open(dir));
    assert.deepEqual(runs.map((r) => [r.id, r.kind]), [
      ["20250101_000000", "eval"],
      ["20250101_000000/m", "perf"],
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
