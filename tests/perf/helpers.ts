/**
 * Shared helpers of the perf end-to-end tests: the simulator's endpoint URLs, building a
 * `PerfConfig` from a command line, temporary output folders.
 *
 * @module
 */
import { parseOptions } from "../../lib/config/schema.ts";
import { buildPerfConfig, type PerfConfig } from "../../lib/load/config.ts";
import { PERF_OPTIONS } from "../../lib/load/options.ts";

import { type SimulatorOptions, startSimulator } from "../../lib/sim/mod.ts";

/** The simulator the tests drive. */
export { startSimulator } from "../../lib/sim/mod.ts";
export type { SimulatorOptions } from "../../lib/sim/mod.ts";

/** The chat and completions URLs of a simulator handle. */
export function simEndpoints(sim: { url: string }): { chat: string; completions: string } {
  return {
    chat: new URL("/v1/chat/completions", sim.url).toString(),
    completions: new URL("/v1/completions", sim.url).toString(),
  };
}

/** A config from `lmeter perf` arguments; fast defaults for tests unless overridden. */
export async function configFrom(
  args: string[],
  opts: { fast?: boolean } = {},
): Promise<PerfConfig> {
  const fast = opts.fast === false ? [] : ["--sleep-interval", "0", "--no-calibrate"];
  const parsed = parseOptions({ name: "perf", summary: "", usage: "", options: PERF_OPTIONS }, [
    ...fast,
    ...args,
  ]);
  return (await buildPerfConfig(parsed.values)).config;
}

/** Runs `fn` with a fresh temporary folder, removed afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "lmeter-perf-test-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Runs `fn` with a simulator started with `options` and a fresh temporary folder; closes both. */
export async function withSimulator<T>(
  options: Partial<SimulatorOptions>,
  fn: (sim: Awaited<ReturnType<typeof startSimulator>>, dir: string) => Promise<T>,
): Promise<T> {
  const sim = await startSimulator(options);
  try {
    return await withTempDir((dir) => fn(sim, dir));
  } finally {
    await sim.close();
  }
}

/**
 * The acceptance run's arguments (tests/perf/acceptance_test.ts, bench/accuracy.ts): 128 output
 * tokens exactly, one warm-up round of `parallel` requests, a fixed prompt.
 */
export function acceptanceArgs(
  url: string,
  parallel: number,
  number: number,
  dir: string,
): string[] {
  return [
    "--model",
    "lmeter-sim",
    "--url",
    url,
    "--parallel",
    String(parallel),
    "--number",
    String(number),
    "--warmup-num",
    String(parallel),
    "--max-tokens",
    "128",
    "--min-tokens",
    "128",
    "--extra-args",
    '{"ignore_eos": true}',
    "--prompt",
    "Tell me a story.",
    "--outputs-dir",
    dir,
    "--no-test-connection",
  ];
}

/** Collects printed text. */
export function capture(): { print: (t: string) => void; text: () => string } {
  const parts: string[] = [];
  return { print: (t) => parts.push(t), text: () => parts.join("\n") };
}

/** Splits a shell command line the simple way the seeds need (quotes, no escapes). */
export function shellWords(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** The `evalscope perf` commands of seeds 000/001/004, as written (minus `evalscope perf`). */
export const SEED_COMMANDS = {
  randomSweep: `--parallel 1 10 50 100 --number 5 20 100 200 --model gpt-oss-20b
    --url http://127.0.0.1:8801/v1/completions --api openai --dataset random --max-tokens 1024
    --min-tokens 1024 --prefix-length 0 --min-prompt-length 1024 --max-prompt-length 1024
    --log-every-n-query 20 --tokenizer-path openai-mirror/gpt-oss-20b --extra-args '{"ignore_eos": true}'`,
  openqa: `--url "http://localhost:8801/v1/chat/completions" --parallel 20 --model gpt-oss-20b
    --number 100 --api openai --dataset openqa --stream --swanlab-api-key 'your-swanlab-api-key'
    --name "gpt-oss-20b-number100-parallel20"`,
  prompt: `--parallel 10 --url http://127.0.0.1:8801/v1/chat/completions
    --model DeepSeek-R1-Distill-Qwen-1.5B --log-every-n-query 5 --connect-timeout 6000
    --read-timeout 6000 --api openai
    --prompt 'Write a science fiction novel, no less than 2000 words, please start your performance' -n 100`,
};

/** Starts the simulator in a worker thread; `close()` stops it and the worker. */
export function startSimulatorThread(
  options: Record<string, unknown>,
): Promise<{ url: string; close(): Promise<void> }> {
  const worker = new Worker(new URL("./sim_worker.ts", import.meta.url), { type: "module" });
  return new Promise((resolve, reject) => {
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(e.message));
    };
    worker.onmessage = (e) => {
      if (!e.data.url) return;
      resolve({
        url: e.data.url,
        close: () =>
          new Promise<void>((done) => {
            worker.onmessage = () => {
              worker.terminate();
              done();
            };
            worker.postMessage({ close: true });
          }),
      });
    };
    worker.postMessage({ start: options });
  });
}
