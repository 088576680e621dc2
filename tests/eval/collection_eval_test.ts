import assert from "node:assert/strict";
import { join } from "node:path";
import { stringify } from "yaml";
import { runCli } from "../capture_console.ts";
import { startSimulator } from "../../lib/sim/mod.ts";
import { seedCollection } from "./collection_seed.ts";
import { withTempDir } from "./temp_dir.ts";
import { evaluate } from "./helpers.ts";

/** Seed 004's configuration, with the collection file and the simulator's URL. */
function seedConfig(apiUrl: string, file: string, workDir: string): Record<string, unknown> {
  return {
    model: "DeepSeek-R1-Distill-Qwen-1.5B",
    api_url: apiUrl,
    api_key: "EMPTY",
    eval_type: "service",
    datasets: ["data_collection"],
    dataset_args: { data_collection: { dataset_id: file } },
    eval_batch_size: 32,
    generation_config: { max_tokens: 20000, temperature: 0.6, top_p: 0.95, n: 5 },
    stream: true,
    work_dir: workDir,
  };
}

/**
 * Runs `fn` with seed 004's collection file written in a temporary folder and a simulator whose
 * answer key gets gpqa 68/198 = 0.3434 and aime24 6/30 = 0.2 right, as in the seed, and math_500
 * 392/500 = 0.784 (the seed's 0.7832 needs attempts that disagree, which the deterministic
 * simulator never gives: it answers a prompt the same way every time).
 */
async function withSeedRun(
  fn: (run: { dir: string; file: string; apiUrl: string }) => Promise<void>,
): Promise<void> {
  const { lines, key } = seedCollection({ math_500: 392, gpqa: 68, aime24: 6 });
  const sim = await startSimulator({
    port: 0,
    ttftMs: 0,
    itlMs: 0,
    models: ["DeepSeek-R1-Distill-Qwen-1.5B"],
    answerKey: key,
    loremTokens: 8,
  });
  try {
    await withTempDir(async (dir) => {
      const file = join(dir, "R1-Distill-Math-Test.jsonl");
      await Deno.writeTextFile(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
      await fn({ dir, file, apiUrl: `${sim.url.replace(/\/+$/, "")}/v1` });
    });
  } finally {
    await sim.close();
  }
}

/** Seed 004's table as this test's answer key makes it come out. */
const SEED_TABLE = [
  "+-----------+--------------+---------------+-------+",
  "| task_type | dataset_name | average_score | count |",
  "+-----------+--------------+---------------+-------+",
  "|   math    |   math_500   |     0.784     |  500  |",
  "|   math    |     gpqa     |    0.3434     |  198  |",
  "|   math    |    aime24    |      0.2      |   30  |",
  "+-----------+--------------+---------------+-------+",
].join("\n");

Deno.test("seed 004's configuration runs a collection file in the seed's format and prints its table", async () => {
  await withSeedRun(async ({ dir, file, apiUrl }) => {
    const config = join(dir, "seed004.yaml");
    await Deno.writeTextFile(config, stringify(seedConfig(apiUrl, file, join(dir, "out"))));
    const r = await runCli(["eval", "--config", config]);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.includes(SEED_TABLE), r.out);
    const [run] = [...Deno.readDirSync(join(dir, "out"))].map((e) => e.name);
    const log = await Deno.readTextFile(join(dir, "out", run, "logs", "eval_log.log"));
    assert.match(log, /generation_config\.n=5 becomes repeats=5/);
    const reports = join(dir, "out", run, "reports", "DeepSeek-R1-Distill-Qwen-1.5B");
    const details = JSON.parse(
      await Deno.readTextFile(join(reports, "collection_detailed_report.json")),
    );
    assert.deepEqual(Object.keys(details), [
      "subset_level",
      "dataset_level",
      "task_level",
      "tag_level",
      "category_level",
    ]);
    assert.deepEqual(details.dataset_level[1], {
      task_type: "math",
      dataset_name: "gpqa",
      "micro_avg.": 0.3434,
      "macro_avg.": 0.3434,
      "weighted_avg.": 0.3434,
      count: 198,
    });
    assert.deepEqual(details.task_level[0], {
      task_type: "math",
      // (392 + 68 + 6) / 728
      "micro_avg.": 0.6401,
      // mean of the subset means: Level 1…5 of math_500, gpqa_diamond, default (aime24)
      "macro_avg.": details.task_level[0]["macro_avg."],
      "weighted_avg.": 0.6401,
      count: 728,
    });
    assert.deepEqual(details.subset_level.map((r: { count: number }) => r.count), [
      198,
      100,
      100,
      100,
      100,
      100,
      30,
    ]);
    // lmeter report re-renders the same table from the run's files
    const again = await runCli(["report", join(dir, "out", run)]);
    assert.equal(again.code, 0, again.err);
    assert.ok(again.out.includes(SEED_TABLE), again.out);
    const report = JSON.parse(await Deno.readTextFile(join(reports, "data_collection.json")));
    assert.equal(report.metrics[0].name, "AveragePass@1");
    assert.equal(report.metrics[0].num, 3640);
    assert.ok(Array.isArray(report.collection_levels.dataset_level[0].micro_ci95));
    // report.html shows every level, each average with its 95% CI beside it
    const html = await Deno.readTextFile(join(dir, "out", run, "reports", "report.html"));
    // (the seed's 0.x lines carry no categories, so its category level is empty)
    assert.deepEqual(details.category_level, []);
    for (const level of ["dataset_level", "task_level", "subset_level", "tag_level"]) {
      assert.ok(html.includes(`<h4>${level}</h4>`), level);
    }
    assert.match(
      html,
      /<td>gpqa<\/td><td class="num"><b>0\.3434<\/b> <span class="muted small">\[\d+\.\d, \d+\.\d\]/,
    );
  });
});

Deno.test("seed 004 as flags prints the same table", async () => {
  await withSeedRun(async ({ dir, file, apiUrl }) => {
    const r = await runCli([
      "eval",
      "--model",
      "DeepSeek-R1-Distill-Qwen-1.5B",
      "--api-url",
      apiUrl,
      "--api-key",
      "EMPTY",
      "--eval-type",
      "service",
      "--datasets",
      "data_collection",
      "--dataset-args",
      JSON.stringify({ data_collection: { dataset_id: file } }),
      "--eval-batch-size",
      "32",
      "--generation-config",
      '{"max_tokens": 20000, "temperature": 0.6, "top_p": 0.95, "n": 5}',
      "--stream",
      "--work-dir",
      join(dir, "out"),
    ]);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.includes(SEED_TABLE), r.out);
  });
});

Deno.test("a hand-written file in EvalScope 1.x's DatasetEntry shape runs; each entry is scored by its benchmark", async () => {
  const file = new URL("../fixtures/collection/evalscope_v1.jsonl", import.meta.url).pathname;
  const sim = await startSimulator({
    port: 0,
    ttftMs: 0,
    itlMs: 0,
    models: ["m"],
    answerKey: [
      { match: "Compute $3 + 4", answer: "It is \\boxed{11}." },
      { match: "prime number", answer: "ANSWER: D" },
      { match: "divisible by 6 and 10", answer: "\\boxed{30}" },
    ],
    loremTokens: 8,
  });
  try {
    await withTempDir(async (dir) => {
      const r = await runCli([
        "eval",
        "--model",
        "m",
        "--api-url",
        `${sim.url.replace(/\/+$/, "")}/v1`,
        "--datasets",
        "data_collection",
        "--dataset-args",
        JSON.stringify({ data_collection: { local_path: file } }),
        "--work-dir",
        dir,
      ]);
      assert.equal(r.code, 0, r.err);
      // math_500 right (math equivalence), gpqa_diamond wrong (D is 9), aime24 right (PRM800K grader)
      assert.match(r.out, /\|\s+math\s+\|\s+math_500\s+\|\s+1\s+\|\s+1\s+\|/);
      assert.match(r.out, /\|\s+knowledge\s+\|\s+gpqa_diamond\s+\|\s+0\s+\|\s+1\s+\|/);
      assert.match(r.out, /\|\s+math\s+\|\s+aime24\s+\|\s+1\s+\|\s+1\s+\|/);
    });
  } finally {
    await sim.close();
  }
});

Deno.test("an entry naming a benchmark lmeter lacks is an error naming its line", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "mixed.jsonl");
    await Deno.writeTextFile(
      file,
      [
        { index: 0, prompt: { input: "q", target: "1" }, dataset_name: "aime24" },
        { index: 1, prompt: { input: "q", target: "1" }, dataset_name: "aime42" },
      ].map((l) => JSON.stringify(l)).join("\n") + "\n",
    );
    const r = await runCli([
      "eval",
      "--eval-type",
      "mock_llm",
      "--datasets",
      "data_collection",
      "--dataset-args",
      JSON.stringify({ data_collection: { dataset_id: file } }),
      "--work-dir",
      dir,
    ]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /mixed\.jsonl line 2 names benchmark "aime42"/);
    assert.match(r.err, /Did you mean aime24\?/);
  });
});

Deno.test("a collection run resumes with --use-cache: finished entries are not asked again", async () => {
  const file = new URL("../fixtures/collection/evalscope_v1.jsonl", import.meta.url).pathname;
  const sim = await startSimulator({ port: 0, ttftMs: 0, itlMs: 0, models: ["m"], loremTokens: 8 });
  try {
    await withTempDir(async (dir) => {
      const config = {
        model: "m",
        api_url: `${sim.url.replace(/\/+$/, "")}/v1`,
        datasets: ["data_collection"],
        dataset_args: { data_collection: { dataset_id: file } },
        repeats: 2,
        work_dir: dir,
      };
      const first = await evaluate(config);
      assert.equal(first.requested, 6);
      const again = await evaluate({ ...config, use_cache: first.runDir });
      assert.equal(again.requested, 0);
      assert.deepEqual(again.reports[0].collection, first.reports[0].collection);
      assert.equal(again.reports[0].execution.cached, 6);
    });
  } finally {
    await sim.close();
  }
});
