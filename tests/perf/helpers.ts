/**
 * Shared helpers of the perf end-to-end tests. The acceptance run's set-up (simulator thread,
 * URLs, a `PerfConfig` from a command line, temporary folders) lives in bench/perf_setup.ts,
 * which bench/accuracy.ts shares: a measurement must not import the tests.
 *
 * @module
 */
import { type SimulatorOptions, startSimulator } from "../../lib/sim/mod.ts";
import { withTempDir } from "../../bench/perf_setup.ts";

export {
  acceptanceArgs,
  capture,
  configFrom,
  simEndpoints,
  startSimulatorThread,
  withTempDir,
} from "../../bench/perf_setup.ts";

/** The simulator the tests drive. */
export { startSimulator } from "../../lib/sim/mod.ts";
export type { SimulatorOptions } from "../../lib/sim/mod.ts";

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
