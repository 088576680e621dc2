import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "../capture_console.ts";
import {
  fixture,
  FIXTURES,
  gsm8kKey,
  type KeyEntry,
  mcqKey,
  startSim,
  withTempDir,
} from "./helpers.ts";

/** Runs the CLI in this process and captures what it prints. */
const cli = runCli;

async function arcKey(): Promise<KeyEntry[]> {
  const opts = {
    right: (i: number) => i % 2 === 0,
    question: (r: Record<string, unknown>) => String(r.question),
    answerIndex: (r: Record<string, unknown>) =>
      (r.choices as { label: string[] }).label.indexOf(String(r.answerKey)),
    count: () => 4,
  };
  return [
    ...mcqKey(await fixture("arc/ARC-Easy/test.jsonl"), opts),
    ...mcqKey(await fixture("arc/ARC-Challenge/test.jsonl"), opts),
  ];
}

Deno.test("lmeter eval --eval-type service --datasets gsm8k arc --limit 5 prints the README table and writes EvalScope's layout", async () => {
  const sim = await startSim({ answerKey: [...await gsm8kKey((i) => i < 2), ...await arcKey()] });
  try {
    await withTempDir(async (dir) => {
      const r = await cli([
        "eval",
        "--model",
        "qwen2.5",
        "--api-url",
        sim.apiUrl,
        "--api-key",
        "EMPTY",
        "--eval-type",
        "service",
        "--datasets",
        "gsm8k",
        "arc",
        "--limit",
        "5",
        "--dataset-dir",
        FIXTURES,
        "--work-dir",
        dir,
      ]);
      assert.equal(r.code, 0, r.err);
      const table = [
        "+---------+-----------+-----------------+---------------+-------+---------+---------+",
        "| Model   | Dataset   | Metric          | Subset        |   Num |   Score | Cat.0   |",
        "+=========+===========+=================+===============+=======+=========+=========+",
        "| qwen2.5 | gsm8k     | AverageAccuracy | main          |     5 |     0.4 | default |",
        "+---------+-----------+-----------------+---------------+-------+---------+---------+",
        "| qwen2.5 | arc       | AverageAccuracy | ARC-Easy      |     5 |     0.6 | default |",
        "+---------+-----------+-----------------+---------------+-------+---------+---------+",
        "| qwen2.5 | arc       | AverageAccuracy | ARC-Challenge |     5 |     0.6 | default |",
        "+---------+-----------+-----------------+---------------+-------+---------+---------+",
        "| qwen2.5 | arc       | AverageAccuracy | OVERALL       |    10 |     0.6 | -       |",
        "+---------+-----------+-----------------+---------------+-------+---------+---------+",
      ].join("\n");
      assert.ok(r.out.includes(table), r.out);
      assert.match(r.out, /95% CI/);
      const runs = [...Deno.readDirSync(dir)].map((e) => e.name);
      assert.equal(runs.length, 1);
      assert.match(runs[0], /^\d{8}_\d{6}$/);
      const root = join(dir, runs[0]);
      for (
        const f of [
          "configs/task_config.yaml",
          "configs/endpoint.json",
          "logs/eval_log.log",
          "predictions/qwen2.5/gsm8k_main.jsonl",
          "predictions/qwen2.5/arc_ARC-Easy.jsonl",
          "predictions/qwen2.5/arc_ARC-Challenge.jsonl",
          "reviews/qwen2.5/gsm8k_main.jsonl",
          "reviews/qwen2.5/arc_ARC-Easy.jsonl",
          "reviews/qwen2.5/arc_ARC-Challenge.jsonl",
          "reports/qwen2.5/gsm8k.json",
          "reports/qwen2.5/arc.json",
        ]
      ) {
        assert.ok((await Deno.stat(join(root, f))).isFile, f);
      }
      const config = await Deno.readTextFile(join(root, "configs/task_config.yaml"));
      assert.match(config, /api_key: EMPTY/);
      assert.match(config, /resolved_benchmarks:/);
      const endpoint = JSON.parse(await Deno.readTextFile(join(root, "configs/endpoint.json")));
      assert.equal(endpoint.model_listed, true);
      const html = await Deno.readTextFile(join(root, "reports/report.html"));
      assert.match(html, /ARC-Challenge/);
      assert.match(html, /gsm8k/);
      assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)="https?:/, "needs no network");
      const report = JSON.parse(await Deno.readTextFile(join(root, "reports/qwen2.5/arc.json")));
      assert.ok(
        Object.values(report.endpoint.system_fingerprints).every((n) => typeof n === "number"),
      );
    });
  } finally {
    await sim.close();
  }
});

Deno.test("lmeter eval masks the API key in task_config.yaml and in the log", async () => {
  const sim = await startSim({ answerKey: await gsm8kKey(() => true) });
  try {
    await withTempDir(async (dir) => {
      const secret = "sk-verysecretkey-123456";
      const r = await cli([
        "eval",
        "--model",
        "qwen2.5",
        "--api-url",
        sim.apiUrl,
        "--api-key",
        secret,
        "--datasets",
        "gsm8k",
        "--limit",
        "2",
        "--dataset-dir",
        FIXTURES,
        "--work-dir",
        dir,
        "--no-timestamp",
      ]);
      assert.equal(r.code, 0, r.err);
      const config = await Deno.readTextFile(join(dir, "configs/task_config.yaml"));
      assert.ok(!config.includes(secret));
      assert.match(config, /api_key: sk-\*\*\*56/);
      assert.ok(!(await Deno.readTextFile(join(dir, "logs/eval_log.log"))).includes(secret));
    });
  } finally {
    await sim.close();
  }
});

Deno.test("an unknown benchmark name exits 2 and suggests the closest one", async () => {
  const r = await cli(["eval", "--eval-type", "mock_llm", "--datasets", "gsm9k"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /Unknown benchmark "gsm9k"/);
  assert.match(r.err, /Did you mean gsm8k\?/);
});

Deno.test("a malformed dataset line stops the run with the file and line", async () => {
  await withTempDir(async (dir) => {
    const data = join(dir, "data/gsm8k/main");
    await Deno.mkdir(data, { recursive: true });
    const file = join(data, "test.jsonl");
    await Deno.writeTextFile(
      file,
      '{"question": "1+1?", "answer": "#### 2"}\n{"question": "2+2?", "answer": \n',
    );
    const r = await cli([
      "eval",
      "--eval-type",
      "mock_llm",
      "--datasets",
      "gsm8k",
      "--dataset-dir",
      join(dir, "data"),
      "--dataset-args",
      '{"gsm8k": {"few_shot_num": 0}}',
      "--work-dir",
      join(dir, "out"),
    ]);
    assert.equal(r.code, 2, r.err);
    assert.ok(r.err.includes(`${file}`), r.err);
    assert.match(r.err, /line 2/);
  });
});

Deno.test("a missing column names the file, the line and the expected field", async () => {
  await withTempDir(async (dir) => {
    const data = join(dir, "data/gsm8k/main");
    await Deno.mkdir(data, { recursive: true });
    const file = join(data, "test.jsonl");
    await Deno.writeTextFile(
      file,
      '{"question": "1+1?", "answer": "#### 2"}\n{"question": "2+2?", "solution": "4"}\n',
    );
    const r = await cli([
      "eval",
      "--eval-type",
      "mock_llm",
      "--datasets",
      "gsm8k",
      "--dataset-dir",
      join(dir, "data"),
      "--dataset-args",
      '{"gsm8k": {"few_shot_num": 0}}',
      "--work-dir",
      join(dir, "out"),
    ]);
    assert.equal(r.code, 2, r.err);
    assert.ok(r.err.includes(`${file} line 2 has no "answer" column (expected a string)`), r.err);
  });
});

Deno.test("lmeter eval --config reads YAML and JSON task configs (a mock_llm dry run needs no server)", async () => {
  await withTempDir(async (dir) => {
    const yaml = join(dir, "run.yaml");
    await Deno.writeTextFile(
      yaml,
      `eval_type: mock_llm\ndatasets:\n  - gsm8k\nlimit: 2\ndataset_dir: ${FIXTURES}\nwork_dir: ${
        join(dir, "y")
      }\nno_timestamp: true\ndataset_args:\n  gsm8k:\n    few_shot_num: 1\n`,
    );
    const r = await cli(["eval", "--config", yaml]);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(await Deno.readTextFile(join(dir, "y/reports/mock-llm/gsm8k.json")));
    assert.equal(report.metrics[0].num, 2);
    assert.equal(report.benchmark.few_shot_num, 1);
    const json = join(dir, "run.json");
    await Deno.writeTextFile(
      json,
      JSON.stringify({
        eval_type: "mock_llm",
        datasets: ["arc"],
        limit: 1,
        dataset_dir: FIXTURES,
        work_dir: join(dir, "j"),
        no_timestamp: true,
      }),
    );
    const r2 = await cli(["eval", "--config", json, "--limit", "2"]);
    assert.equal(r2.code, 0, r2.err);
    const arc = JSON.parse(await Deno.readTextFile(join(dir, "j/reports/mock-llm/arc.json")));
    assert.equal(arc.metrics[0].num, 4); // the flag overrides the file: 2 per subset
  });
});

Deno.test("--api-url (or EVALSCOPE_BASE_URL) without --model exits 2 naming the served models; no dry run", async () => {
  const sim = await startSim({ models: ["qwen2.5", "llama-3"] });
  try {
    await withTempDir(async (dir) => {
      const r = await cli([
        "eval",
        "--api-url",
        sim.apiUrl,
        "--datasets",
        "gsm8k",
        "--work-dir",
        dir,
      ]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /no --model given/);
      assert.match(
        r.err,
        /hint: Pass --model with one of the names the server lists: qwen2.5, llama-3\./,
      );
      assert.deepEqual([...Deno.readDirSync(dir)], [], "nothing ran");
      Deno.env.set("EVALSCOPE_BASE_URL", sim.apiUrl);
      try {
        const viaEnv = await cli(["eval", "--datasets", "gsm8k", "--work-dir", dir]);
        assert.equal(viaEnv.code, 2, viaEnv.err);
        assert.match(viaEnv.err, /no --model given[\s\S]*qwen2.5, llama-3/);
      } finally {
        Deno.env.delete("EVALSCOPE_BASE_URL");
      }
    });
  } finally {
    await sim.close();
  }
});

Deno.test("seed 004's gpqa with subset_list ['gpqa_diamond'] runs as gpqa_diamond; bbh is 'not supported yet'", async () => {
  await withTempDir(async (dir) => {
    const r = await cli([
      "eval",
      "--eval-type",
      "mock_llm",
      "--datasets",
      "gpqa",
      "--dataset-args",
      '{"gpqa": {"subset_list": ["gpqa_diamond"], "few_shot_num": 0}}',
      "--limit",
      "2",
      "--dataset-dir",
      new URL("../fixtures/benchmarks/data/", import.meta.url).pathname,
      "--work-dir",
      dir,
      "--no-timestamp",
    ]);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(
      await Deno.readTextFile(join(dir, "reports/mock-llm/gpqa_diamond.json")),
    );
    assert.equal(report.metrics[0].num, 2);
  });
  const notYet = await cli(["eval", "--eval-type", "mock_llm", "--datasets", "bbh"]);
  assert.equal(notYet.code, 2);
  assert.match(notYet.err, /bbh.*not supported yet/);
  assert.doesNotMatch(notYet.err, /Unknown benchmark/);
  const main = await cli([
    "eval",
    "--eval-type",
    "mock_llm",
    "--datasets",
    "gpqa",
    "--dataset-args",
    '{"gpqa": {"subset_list": ["gpqa_main"]}}',
  ]);
  assert.equal(main.code, 2);
  assert.match(main.err, /gpqa subset gpqa_main: not supported yet/);
});
