import assert from "node:assert/strict";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { PERF_DATASETS } from "../../perf/mod.ts";
import { speedToFile } from "../../lib/results/perf/evalscope_format.ts";
import {
  capture,
  configFrom,
  SEED_COMMANDS,
  shellWords,
  simEndpoints,
  type SimulatorOptions,
  startSimulator,
  withTempDir,
} from "./helpers.ts";
import { boundedCount } from "../../lib/tokenizer/bounded_count.ts";
import { loadTokenizer } from "../../lib/tokenizer/mod.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

/** A file the run wrote, read while its folder still exists. */
type OutputFiles = Map<string, string>;

/** Every file under `dir` (relative path → text), read before the folder is removed. */
async function readTree(dir: string, prefix = ""): Promise<OutputFiles> {
  const files: OutputFiles = new Map();
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) {
      for (const [k, v] of await readTree(dir, rel)) files.set(k, v);
    } else if (entry.isFile) {
      const bytes = await Deno.readFile(join(dir, rel));
      files.set(rel, new TextDecoder().decode(bytes));
    }
  }
  return files;
}

/**
 * Runs a seed's command as written, then the overrides (later flags win), against the simulator;
 * returns the report, the printed text and every file the run wrote (read before the temporary
 * folder goes).
 */
async function runSeed(
  command: string,
  overrides: (sim: { chat: string; completions: string }, dir: string) => string[],
  simOptions: SimulatorOptions = {},
) {
  const sim = await startSimulator({ ttftMs: 5, itlMs: 1, seed: 2, ...simOptions });
  try {
    return await withTempDir(async (dir) => {
      const config = await configFrom([
        ...shellWords(command),
        ...overrides(simEndpoints(sim), dir),
      ]);
      const out = capture();
      const report = await runPerfWithOutput(config, {
        print: out.print,
        datasets: PERF_DATASETS,
      });
      return { report, text: out.text(), files: await readTree(dir) };
    });
  } finally {
    await sim.close();
  }
}

function assertEvalScopeTables(text: string): void {
  for (
    const heading of [
      "Benchmarking summary:",
      "Percentile results:",
      "Performance Test Summary Report",
      "Basic Information:",
      "Detailed Performance Metrics",
      "Best Performance Configuration",
      "Performance Recommendations:",
    ]
  ) assert.ok(text.includes(heading), `missing "${heading}"`);
  for (
    const label of [
      "Total Generated",
      "Total Test Time",
      "Avg Output Rate",
      "Highest RPS",
      "Lowest Latency",
    ]
  ) {
    assert.ok(text.includes(label), `missing "${label}"`);
  }
}

Deno.test({
  ...opts,
  name:
    "seed 000/001: the random --parallel/--number sweep runs (scaled down) and prints EvalScope's tables",
  async fn() {
    const { report, text } = await runSeed(SEED_COMMANDS.randomSweep, (sim, dir) => [
      "--url",
      sim.completions,
      "--parallel",
      "1",
      "2",
      "--number",
      "2",
      "4",
      "--max-tokens",
      "16",
      "--min-tokens",
      "16",
      "--outputs-dir",
      dir,
    ]);
    assertEvalScopeTables(text);
    assert.deepEqual(report.runs.map((r) => r.name), [
      "parallel_1_number_2",
      "parallel_2_number_4",
    ]);
    for (const run of report.runs) {
      assert.equal(run.summary.failed, 0);
      assert.equal(run.summary.avgOutputTokens, 16);
      // Token-exact prompts: the simulator (o200k_base, like gpt-oss) counts 1024 prompt tokens.
      assert.equal(run.summary.avgInputTokens, 1024);
      assert.equal(run.tokens.promptVsTarget, 1);
    }
    assert.match(
      text,
      /The system seems not to have reached its performance bottleneck|optimal|lowering/,
    );
  },
});

Deno.test({
  ...opts,
  name:
    "seed 000: the openqa command with --swanlab-api-key runs offline from --dataset-path and names the folder",
  async fn() {
    await withTempDir(async (data) => {
      const file = join(data, "open_qa.jsonl");
      await Deno.writeTextFile(
        file,
        ["什么是熵?", "How do rainbows form?", "Why is the sky blue?"].map((q) =>
          JSON.stringify({ question: q })
        ).join("\n"),
      );
      const { report, text, files } = await runSeed(SEED_COMMANDS.openqa, (sim, dir) => [
        "--url",
        sim.chat,
        "--parallel",
        "2",
        "--number",
        "5",
        "--max-tokens",
        "8",
        "--dataset-path",
        data,
        "--outputs-dir",
        dir,
      ]);
      assertEvalScopeTables(text);
      assert.match(report.outputDir, /gpt-oss-20b-number100-parallel20$/);
      assert.equal(report.runs[0].summary.success, 5);
      // The run's own benchmark_args.json must exist and carry the key masked (first 3 and last
      // 2 characters, lib/client/mask.ts), and the raw key must appear in no file and no printed line.
      const argsName = [...files.keys()].find((k) => k.endsWith("benchmark_args.json"));
      assert.ok(argsName, `no benchmark_args.json among ${[...files.keys()].join(", ")}`);
      const args = JSON.parse(files.get(argsName)!);
      assert.equal(args.swanlab_api_key, "you***ey");
      for (const [name, body] of files) {
        assert.ok(!body.includes("your-swanlab-api-key"), `${name} holds the raw SwanLab key`);
      }
      assert.ok(!text.includes("your-swanlab-api-key"), "the printed output holds the raw key");
    });
  },
});

Deno.test({
  ...opts,
  name: "seed 004: the --prompt command with timeouts runs (scaled down)",
  async fn() {
    const { report, text } = await runSeed(SEED_COMMANDS.prompt, (sim, dir) => [
      "--url",
      sim.chat,
      "--parallel",
      "2",
      "-n",
      "4",
      "--max-tokens",
      "8",
      "--outputs-dir",
      dir,
    ]);
    assertEvalScopeTables(text);
    assert.equal(report.runs[0].summary.total, 4);
    assert.equal(report.runs[0].summary.concurrency, 2);
  },
});

Deno.test({
  ...opts,
  name: "speed_benchmark prints the Prompt Tokens / Speed table and writes speed_benchmark.json",
  async fn() {
    // The simulator counts prompts with o200k_base; js-tiktoken needs hours for 30 720 × 熵 in
    // one piece, so it is told to count long runs in slices (lib/load/token_count.ts).
    const o200k = await loadTokenizer();
    const tokenizer = { ...o200k, count: (t: string) => boundedCount(o200k, t) };
    const { report, text } = await runSeed(
      "--model m --dataset speed_benchmark --parallel 1 --number 8",
      (sim, dir) => [
        "--url",
        sim.chat,
        "--max-tokens",
        "8",
        "--min-tokens",
        "8",
        "--outputs-dir",
        dir,
      ],
      { tokenizer },
    );
    assert.match(text, /Speed Benchmark Results:/);
    assert.match(text, /Prompt Tokens \| Speed\(tokens\/s\) \| GPU Memory\(GB\)/);
    const speed = report.runs[0].speed ?? [];
    assert.equal(speed.length, 4);
    assert.ok(speed[0].promptTokens < speed[3].promptTokens);
    assert.deepEqual(Object.keys(speedToFile(speed)[0]), [
      "Prompt Tokens",
      "Speed(tokens/s)",
      "GPU Memory(GB)",
    ]);
  },
});
