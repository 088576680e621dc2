/**
 * `speed_benchmark` / `speed_benchmark_long`: EvalScope's generation-speed test. Prompts are
 * the character 熵 repeated 1, 6144, 14336 and 30720 times (long: 63488 and 129024), two
 * requests each, sent as plain prompts to /v1/completions. The report groups by prompt tokens.
 *
 * @module
 */
import type { DatasetItem, PerfDataset } from "../lib/load/dataset.ts";

/** The prompt lengths (in characters) of each variant. */
export const SPEED_LENGTHS = {
  speed_benchmark: [1, 6144, 14336, 30720],
  speed_benchmark_long: [63488, 129024],
} as const;

/** Requests per prompt length. */
export const SPEED_REPEATS = 2;

function speed(name: keyof typeof SPEED_LENGTHS): PerfDataset {
  return {
    name,
    summary: `Generation speed by prompt length (熵 × ${SPEED_LENGTHS[name].join("/")}), ` +
      "2 requests each, to /v1/completions",
    completionsOnly: true,
    speedTable: true,
    async *items() {
      for (const n of SPEED_LENGTHS[name]) {
        const prompt = "熵".repeat(n);
        for (let i = 0; i < SPEED_REPEATS; i++) {
          yield { prompt, group: String(n) } satisfies DatasetItem;
        }
        await Promise.resolve();
      }
    },
  };
}

/** `speed_benchmark`. */
export const speedBenchmark: PerfDataset = speed("speed_benchmark");
/** `speed_benchmark_long`. */
export const speedBenchmarkLong: PerfDataset = speed("speed_benchmark_long");
