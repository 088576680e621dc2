/**
 * Pairs two models' samples of one benchmark (one subset, or all) by subset and index, filters
 * them (Pass A & B, Fail A & B, Pass A & Fail B, Fail A & Pass B) and computes the paired
 * statistics: flips, McNemar p-values and a seeded paired bootstrap CI.
 *
 * @module
 */
import { pairedComparison } from "../../metrics/paired.ts";
import type { PairFilter, PairItem, PairsPage } from "../api_types.ts";
import { NotFound, type RunIndex } from "./run_index.ts";
import { mulberry32 } from "../../util/random.ts";

export type { PairFilter, PairItem, PairsPage };

/** A model inside a run: `<runId>::<model>`. */
export interface ModelRef {
  run: string;
  model: string;
}

/** Parses `<runId>::<model>`. */
export function parseModelRef(value: string | null): ModelRef {
  const at = value?.lastIndexOf("::") ?? -1;
  if (!value || at <= 0) throw new NotFound(`model reference '${value ?? ""}' (want run::model)`);
  return { run: value.slice(0, at), model: value.slice(at + 2) };
}

/** Options of {@linkcode comparePairs}. */
export interface PairsOptions {
  benchmark: string;
  /** One subset, or null for all the benchmark's subsets both models have. */
  subset: string | null;
  filter?: PairFilter;
  threshold?: number;
  offset?: number;
  limit?: number;
  /** Bootstrap resamples. Default 2000. */
  resamples?: number;
}

/** Pairs and paired statistics of models `a` and `b` on one benchmark. */
export async function comparePairs(
  index: RunIndex,
  refs: { a: ModelRef; b: ModelRef },
  options: PairsOptions,
): Promise<PairsPage> {
  const threshold = options.threshold ?? 0.99;
  const subsetsOf = async (ref: ModelRef) => {
    const run = await index.evalRun(ref.run);
    const m = run.models.find((x) => x.model === ref.model);
    if (!m) throw new NotFound(`model '${ref.model}' in run '${ref.run}'`);
    return m.subsets.filter((s) => s.benchmark === options.benchmark).map((s) => s.subset);
  };
  const sa = await subsetsOf(refs.a);
  const sb = new Set(await subsetsOf(refs.b));
  const shared = sa.filter((s) => sb.has(s));
  const scope = options.subset === null ? shared : shared.filter((s) => s === options.subset);
  if (options.subset !== null && scope.length === 0) {
    throw new NotFound(`subset '${options.subset}' in both models`);
  }
  const pairs: { subset: string; index: number; a: number; b: number }[] = [];
  for (const subset of scope) {
    const a = (await index.samples(refs.a.run, refs.a.model, options.benchmark, subset)).scores();
    const b = (await index.samples(refs.b.run, refs.b.model, options.benchmark, subset)).scores();
    for (const [i, va] of a) {
      const vb = b.get(i);
      if (vb !== undefined) pairs.push({ subset, index: i, a: va, b: vb });
    }
  }
  const scored = pairs.filter((p) => Number.isFinite(p.a) && Number.isFinite(p.b));
  const stats = scored.length
    ? pairedComparison(scored.map((p) => p.a), scored.map((p) => p.b), {
      threshold,
      rng: mulberry32(20250101),
      resamples: options.resamples ?? 2000,
    })
    : null;
  const kind = (p: { a: number; b: number }): PairFilter => {
    const pa = p.a >= threshold;
    const pb = p.b >= threshold;
    return pa && pb ? "bothPass" : pa ? "aOnly" : pb ? "bOnly" : "bothFail";
  };
  const counts: Record<PairFilter, number> = {
    all: pairs.length,
    bothPass: 0,
    bothFail: 0,
    aOnly: 0,
    bOnly: 0,
  };
  for (const p of pairs) counts[kind(p)]++;
  const filter = options.filter ?? "all";
  const chosen = filter === "all" ? pairs : pairs.filter((p) => kind(p) === filter);
  const offset = Math.max(0, options.offset ?? 0);
  const limit = Math.min(100, Math.max(1, options.limit ?? 20));
  const items: PairItem[] = [];
  for (const p of chosen.slice(offset, offset + limit)) {
    const [a] = await (await index.samples(refs.a.run, refs.a.model, options.benchmark, p.subset))
      .summaries([p.index], threshold);
    const [b] = await (await index.samples(refs.b.run, refs.b.model, options.benchmark, p.subset))
      .summaries([p.index], threshold);
    items.push({ subset: p.subset, index: p.index, a: a ?? null, b: b ?? null });
  }
  return {
    benchmark: options.benchmark,
    subset: options.subset,
    subsets: shared,
    stats,
    unscored: pairs.length - scored.length,
    counts,
    total: chosen.length,
    offset,
    limit,
    items,
  };
}
