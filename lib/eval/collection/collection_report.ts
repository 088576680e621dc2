/**
 * The report of a collection run: a normal report whose subsets are `<dataset>/<subset>` grouped
 * by the entries' categories, each sample scored by its own benchmark's headline metric, plus the
 * collection's levels (subset, dataset, task, tag, category). Pure.
 *
 * @module
 */
import type { EvalReport } from "../../results/eval/report.ts";
import type { ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";
import { buildReport, type ReportOptions, type SampleResult } from "../score/aggregate.ts";
import type { CollectionSamples } from "./collection_samples.ts";
import { collectionLevels, type ScoredEntry } from "./levels.ts";

/** Builds the report of `bench` (a collection) from the outcomes of its one subset. */
export function buildCollectionReport(
  bench: ResolvedBenchmark,
  run: CollectionSamples,
  outcomes: readonly SampleResult[],
  options: ReportOptions,
): EvalReport {
  const subsets = new Map<string, SampleResult[]>();
  const categories: Record<string, readonly string[]> = {};
  const labels: Record<string, string> = {};
  const attempts = new Map<number, number[]>();
  const sorted = [...outcomes].sort((a, b) => a.index - b.index);
  for (const o of sorted) {
    const entry = run.entries[o.groupId];
    const scorer = run.scorers[o.groupId];
    const name = `${entry.datasetName}/${entry.subsetName}`;
    let list = subsets.get(name);
    if (!list) {
      subsets.set(name, list = []);
      categories[name] = entry.categories.length ? entry.categories : ["default"];
    }
    const key = mainKey(scorer, o.value);
    if (key === null) {
      list.push({ ...o, value: {} });
      continue;
    }
    labels[key] ??= scorer.metricLabels[key] ?? key;
    list.push({ ...o, value: { [key]: o.value[key] } });
    const a = attempts.get(o.groupId);
    if (a) a.push(o.value[key]);
    else attempts.set(o.groupId, [o.value[key]]);
  }
  const ordered = new Map(
    [...subsets].sort(([a], [b]) => {
      const ca = categories[a].join("\u0000");
      const cb = categories[b].join("\u0000");
      return ca === cb ? (a < b ? -1 : a > b ? 1 : 0) : ca < cb ? -1 : 1;
    }),
  );
  const report = buildReport(
    {
      name: bench.name,
      prettyName: bench.def.prettyName,
      description: bench.def.description,
      aggregation: bench.aggregation,
      metricLabels: labels,
      categories,
      summary: bench.summary,
    },
    ordered,
    options,
  );
  const scored: ScoredEntry[] = [];
  for (const [group, values] of attempts) {
    const e = run.entries[group];
    scored.push({
      taskType: e.taskType,
      datasetName: e.datasetName,
      subsetName: e.subsetName,
      tags: e.tags,
      categories: e.categories,
      weight: e.weight,
      score: values.reduce((x, y) => x + y, 0) / values.length,
    });
  }
  report.collection = collectionLevels(scored);
  return report;
}

/** The headline score key of a response: the benchmark's primary metric, else its first key. */
function mainKey(scorer: ResolvedBenchmark, value: Record<string, number>): string | null {
  if (scorer.primaryMetric && scorer.primaryMetric in value) return scorer.primaryMetric;
  const keys = Object.keys(value);
  return keys.length ? keys[0] : null;
}
