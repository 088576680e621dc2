import assert from "node:assert/strict";
import { parseOptions } from "../../lib/config/schema.ts";
import { buildPerfConfig } from "../../lib/load/config.ts";
import { PERF_OPTIONS } from "../../lib/load/options.ts";
import { SEED_COMMANDS, shellWords } from "./helpers.ts";
import { maskConfig } from "../../lib/client/mask.ts";
import { PERF_DATASETS } from "../../perf/mod.ts";

const spec = { name: "perf", summary: "", usage: "", options: PERF_OPTIONS };

async function build(line: string) {
  const parsed = parseOptions(spec, shellWords(line));
  return await buildPerfConfig(parsed.values, {
    datasets: PERF_DATASETS,
    now: new Date(2025, 7, 12, 1, 12, 44),
    cwd: "/tmp",
  });
}

Deno.test("seed 000/001: the random sweep parses into four paired runs with exact lengths", async () => {
  const { config, warnings } = await build(SEED_COMMANDS.randomSweep);
  assert.deepEqual(config.runs.map((r) => [r.parallel, r.number]), [[1, 5], [10, 20], [50, 100], [
    100,
    200,
  ]]);
  assert.equal(config.endpoint, "completions");
  assert.equal(config.dataset, "random");
  assert.equal(config.body.maxTokens, 1024);
  assert.equal(config.body.minTokens, 1024);
  assert.deepEqual(config.body.extraArgs, { ignore_eos: true });
  assert.equal(config.minPromptLength, 1024);
  assert.equal(config.logEveryNQuery, 20);
  assert.equal(config.tokenizerPath, undefined); // a hub id: o200k_base, with a warning
  assert.equal(config.tokenizerGiven, true);
  assert.match(warnings.join("\n"), /openai-mirror\/gpt-oss-20b is not a local directory/);
  assert.equal(config.outputDir, "/tmp/outputs/20250812_011244/gpt-oss-20b");
});

Deno.test("seed 000: the openqa command parses; the SwanLab key is accepted, masked and answered", async () => {
  const { config, warnings } = await build(SEED_COMMANDS.openqa);
  assert.deepEqual(config.runs, [{ parallel: 20, number: 100, rate: -1, openLoop: false }]);
  assert.equal(config.endpoint, "chat");
  assert.equal(config.body.stream, true);
  // Answered: one notice says the key was accepted, what it implies, and that nothing is uploaded.
  assert.deepEqual(
    warnings.filter((w) => /swanlab/i.test(w)),
    [
      "--swanlab-api-key accepted: lmeter uploads nothing itself; it writes the SwanLab files (TensorBoard events, metrics.jsonl) into the output folder and prints the upload command",
    ],
  );
  assert.match(config.outputDir, /gpt-oss-20b-number100-parallel20$/);
  assert.equal(config.visualizer, "swanlab");
  // Accepted: the raw key is kept in the config (the job may need it) …
  assert.equal(config.args.swanlab_api_key, "your-swanlab-api-key");
  // … masked: what the files show (benchmark_args.json is written through maskConfig).
  const shown = maskConfig(config.args);
  assert.equal(shown.swanlab_api_key, "you***ey");
  assert.ok(!JSON.stringify(shown).includes("your-swanlab-api-key"));
});

Deno.test("seed 004: the --prompt command parses with timeouts in seconds and -n", async () => {
  const { config } = await build(SEED_COMMANDS.prompt);
  assert.deepEqual(config.runs, [{ parallel: 10, number: 100, rate: -1, openLoop: false }]);
  assert.match(config.prompt ?? "", /^Write a science fiction novel/);
  assert.equal(config.connectTimeoutMs, 6_000_000);
  assert.equal(config.readTimeoutMs, 6_000_000);
  assert.equal(config.logEveryNQuery, 5);
});

Deno.test("config pairs --rate with --number in open loop and names runs by rate", async () => {
  const { config } = await build(
    "--model m --open-loop --rate 2 5 --number 10 20 --url http://127.0.0.1:1/v1",
  );
  assert.deepEqual(config.runs, [
    { parallel: -1, number: 10, rate: 2, openLoop: true },
    { parallel: -1, number: 20, rate: 5, openLoop: true },
  ]);
  assert.equal(config.url, "http://127.0.0.1:1/v1/chat/completions");
});

Deno.test("config refuses mismatched lists and a missing model with hints", async () => {
  await assert.rejects(
    () => build("--model m --parallel 1 2 3 --number 1 2"),
    /Cannot pair --parallel \(3 values\) with --number \(2 values\)/,
  );
  await assert.rejects(() => build("--parallel 1"), /--model is missing/);
  await assert.rejects(
    () => build("--model m --fail-on p99_bogus>1"),
    /Invalid value for --fail-on/,
  );
  await assert.rejects(
    () => build("--model m --api dashscope"),
    /Cannot use --api dashscope/,
  );
});

Deno.test("config sends the speed benchmark to /v1/completions", async () => {
  const { config, warnings } = await build(
    "--model m --dataset speed_benchmark --url http://127.0.0.1:1/v1/chat/completions",
  );
  assert.equal(config.url, "http://127.0.0.1:1/v1/completions");
  assert.match(warnings.join("\n"), /speed_benchmark sends plain prompts/);
});

Deno.test("config warns when an SLA TTFT bound looks like seconds", async () => {
  const { config, warnings } = await build(
    `--model m --sla-auto-tune --sla-params '[{"avg_tpot": "<=0.05"}]'`,
  );
  assert.equal(config.sla?.params[0].avg_tpot, "<=0.05");
  assert.match(warnings.join("\n"), /TTFT and TPOT are in milliseconds/);
});
