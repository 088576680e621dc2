/**
 * Samples of a built benchmark (`def.build`, needle_haystack): read each subset's source text,
 * load the tokenizer its `extra_params` name, and hand both to the benchmark's pure builder.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import { pathKind } from "../../data/mod.ts";
import { bundledTokenizerDir, loadTokenizer, type Tokenizer } from "../../tokenizer/mod.ts";
import type { ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";
import type { Sample } from "../benchmark/types.ts";
import type { DataAccess, DataLocation } from "./dataset_source.ts";

/** Builds every subset's samples of `bench` (which must have `def.build`). */
export async function buildSubsetSamples(
  bench: ResolvedBenchmark,
  options: { location: DataLocation; data: DataAccess },
): Promise<Map<string, Sample[]>> {
  const build = bench.def.build!;
  const files = bench.def.dataset.files ?? {};
  const tokenizer = await buildTokenizer(bench.params[build.tokenizerParam], {
    where: `dataset_args.${bench.name}.extra_params.${build.tokenizerParam}`,
  });
  const { location, data } = options;
  if (location.kind === "runs") throw new Error(`${bench.name} is built from runs, not files`);
  if (!data.readText) throw new Error(`The data access given cannot read ${bench.name}'s files`);
  const out = new Map<string, Sample[]>();
  for (const subset of bench.subsets) {
    const text = await data.readText(
      location.kind === "hub"
        ? {
          datasetId: location.datasetId,
          hub: location.hub,
          path: files[subset],
          revision: bench.revision,
          label: bench.name,
        }
        : { datasetId: location.dir, hub: "local", path: files[subset], label: bench.name },
    );
    const samples = build.samples({ subset, text, tokenizer, params: bench.params });
    out.set(subset, samples.map((s) => s.subset === undefined ? { ...s, subset } : s));
  }
  return out;
}

/**
 * The tokenizer a setting names: a local directory (or `.gguf` file), `o200k_base`, or a hub id
 * lmeter ships a copy of (`Qwen/Qwen3-0.6B` and the other Qwen3 models).
 */
export async function buildTokenizer(
  spec: unknown,
  options: { where: string },
): Promise<Tokenizer> {
  if (typeof spec !== "string" || spec === "") {
    throw new UserError(
      `Invalid ${options.where}: expected a tokenizer (a directory with tokenizer.json, o200k_base or Qwen/Qwen3-0.6B)`,
    );
  }
  const bundled = bundledTokenizerDir(spec);
  if (bundled !== null && (await pathKind(spec)) === undefined) {
    if ((await pathKind(bundled)) === undefined) {
      throw new UserError(
        `Cannot load tokenizer '${spec}': lmeter's copy of it (${bundled}) is not installed`,
        `Run 'deno install' in lmeter's folder, or set ${options.where} to a directory holding the model's tokenizer.json.`,
      );
    }
    return await loadTokenizer(bundled);
  }
  return await loadTokenizer(spec);
}
