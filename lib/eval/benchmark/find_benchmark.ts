/**
 * Looks a benchmark up by name in a registry, with a "did you mean" for typos.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import type { BenchmarkDefinition } from "./benchmark.ts";
import { refuseNotYet } from "./evalscope_names.ts";
import { editDistance } from "../../util/edit_distance.ts";

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
    .map((n) => ({ n, d: editDistance(name.toLowerCase(), n) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  throw new UserError(
    `Unknown benchmark "${name}"`,
    `${close ? `Did you mean ${close.n}? ` : ""}Known benchmarks: ${
      names.join(", ")
    } (lmeter benchmarks list).`,
  );
}
