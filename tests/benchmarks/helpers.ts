/**
 * Shared pieces of the benchmark tests: the fixture folder, its rows as samples, answer keys,
 * and the review lines a run wrote.
 *
 * @module
 */
import { join } from "node:path";
import { getBenchmark } from "../../benchmarks/mod.ts";
import { readTable, type Row } from "../../lib/data/mod.ts";
import { toSamples } from "../../lib/eval/data/load_samples.ts";
import { resolveBenchmark } from "../../lib/eval/benchmark/resolve_benchmark.ts";
import type { Sample } from "../../lib/eval/benchmark/types.ts";

export { evaluate, type KeyEntry, startSim, withTempDir } from "../eval/helpers.ts";

/** The benchmark fixtures (our own items in the hubs' layouts), one folder per benchmark. */
export const FIXTURES = new URL("../fixtures/benchmarks/data/", import.meta.url).pathname;

/** Reads one fixture file. */
export function fixture(path: string): Promise<Row[]> {
  return readTable(join(FIXTURES, path));
}

/** The samples a benchmark makes of a fixture file (with `dataset_args` applied). */
export async function samplesOf(
  name: string,
  path: string,
  args: Record<string, unknown> = {},
): Promise<Sample[]> {
  return toSamples(resolveBenchmark(getBenchmark(name), args), await fixture(path));
}

/** The question a key entry matches: the text of the sample (string inputs only). */
export function questionOf(sample: Sample): string {
  if (typeof sample.input !== "string") throw new Error("chat-message input");
  return sample.input;
}

/** Right on the items whose position satisfies this (wrong on 1, 4, 7, …). */
export const right = (i: number): boolean => i % 3 !== 1;

/** Share of `n` items that `right` gets, rounded like reports (4 decimals). */
export function share(n: number, isRight: (i: number) => boolean = right): number {
  const k = Array.from({ length: n }, (_, i) => isRight(i)).filter(Boolean).length;
  return Math.round((k / n) * 1e4) / 1e4;
}

/** Rounds like the reports do. */
export const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/**
 * A multiple-choice key: the right letter on `right` items, the next letter otherwise. The right
 * letters are `targets`, written by hand from the fixture rows (never the loader's `target`, so a
 * loader that reads the wrong answer column is caught).
 */
export function letterKey(
  samples: readonly Sample[],
  options: {
    targets: readonly string[];
    match?: (s: Sample) => string;
    marker?: string;
    isRight?: (i: number) => boolean;
  },
): { match: string; answer: string }[] {
  const marker = options.marker ?? "ANSWER: ";
  const isRight = options.isRight ?? right;
  if (samples.length !== options.targets.length) {
    throw new Error(`${samples.length} samples but ${options.targets.length} hand-written targets`);
  }
  return samples.map((s, i) => {
    const count = s.choices?.length ?? 4;
    const at = options.targets[i].charCodeAt(0) - 65;
    const letter = String.fromCharCode(65 + (isRight(i) ? at : (at + 1) % count));
    return { match: (options.match ?? questionOf)(s), answer: `${marker}${letter}` };
  });
}

/** The letter of the option whose text is `text` (the sample's own, possibly shuffled, order). */
export function letterOf(sample: Sample, text: string): string {
  const at = (sample.choices ?? []).map(String).indexOf(text);
  if (at < 0) throw new Error(`no option "${text}" in ${JSON.stringify(sample.choices)}`);
  return String.fromCharCode(65 + at);
}

/** The review lines a run wrote for one benchmark subset. */
export async function reviews(
  runDir: string,
  options: { model: string; benchmark: string; subset: string },
): Promise<Record<string, unknown>[]> {
  const file = join(
    runDir,
    "reviews",
    options.model,
    `${options.benchmark}_${options.subset}.jsonl`,
  );
  const text = await Deno.readTextFile(file);
  return text.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
}
