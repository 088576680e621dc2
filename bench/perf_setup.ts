/**
 * The set-up the perf acceptance run shares between bench/accuracy.ts and the perf tests: the
 * simulator in its own thread and its URLs, a `PerfConfig` from a command line, the acceptance
 * run's arguments, temporary output folders.
 *
 * @module
 */
import { parseOptions } from "../lib/config/schema.ts";
import { buildPerfConfig, type PerfConfig } from "../lib/load/config.ts";
import { PERF_OPTIONS } from "../lib/load/options.ts";
import { PERF_DATASETS } from "../perf/mod.ts";

/** The chat and completions URLs of a simulator handle. */
export function simEndpoints(sim: { url: string }): { chat: string; completions: string } {
  return {
    chat: new URL("/v1/chat/completions", sim.url).toString(),
    completions: new URL("/v1/completions", sim.url).toString(),
  };
}

/** A config from `lmeter perf` arguments; fast defaults (no pauses, no calibration) unless told. */
export async function configFrom(
  args: string[],
  opts: { fast?: boolean } = {},
): Promise<PerfConfig> {
  const fast = opts.fast === false ? [] : ["--sleep-interval", "0", "--no-calibrate"];
  const parsed = parseOptions({ name: "perf", summary: "", usage: "", options: PERF_OPTIONS }, [
    ...fast,
    ...args,
  ]);
  return (await buildPerfConfig(parsed.values, { datasets: PERF_DATASETS })).config;
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
