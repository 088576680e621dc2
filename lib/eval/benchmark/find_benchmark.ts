/**
 * Looks a benchmark up by name in a registry, with a "did you mean" for typos.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import type { BenchmarkDefinition } from "./benchmark.ts";
import { refuseNotYet } from "./evalscope_names.ts";

/** The definition called `name`; throws a {@linkcode UserError} naming the closest match. */
export function findBenchmark(
  registry: readonly BenchmarkDefinition[],
  name: string,
): BenchmarkDefinition {
  const def = registry.find((b) => b.name === name) ??
    registry.find((b) => b.name === name.toLowerCase());
  if (def) return def;
  const names = registry.map((b) => b.name);
  refuseNotYet(name, names);
  const close = names
    .map((n) => ({ n, d: distance(name.toLowerCase(), n) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  throw new UserError(
    `Unknown benchmark "${name}"`,
    `${close ? `Did you mean ${close.n}? ` : ""}Known benchmarks: ${
      names.join(", ")
    } (lmeter benchmarks list).`,
  );
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
