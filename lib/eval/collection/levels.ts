/**
 * A collection's scores by level, as EvalScope's `collection_detailed_report.json` groups them:
 * subset (task_type, dataset_name, subset_name), dataset (task_type, dataset_name), task
 * (task_type), tag (each tag of an entry counts it once), category (category0…categoryN, the
 * hierarchy padded with ""). Each row has the mean over samples (micro), the mean of its subsets'
 * means (macro, subsets matched by subset_name alone as EvalScope does), the weighted mean over the
 * entries' weights, the count, and lmeter's 95% CI beside each. Rows are sorted by group, then by
 * count, largest first (a stable sort, as pandas' groupby and Python's `sorted` leave them). Pure.
 *
 * @module
 */
import { macroMeanCi, plainCi, weightedMeanCi } from "../../metrics/mixed_means.ts";
import type {
  AverageWithCi,
  CollectionLevelRow,
  CollectionLevels,
} from "../../results/eval/report.ts";
import { round } from "../../metrics/round.ts";

/** One scored sample of a collection (its score: the mean of its attempts). */
export interface ScoredEntry {
  taskType: string;
  datasetName: string;
  subsetName: string;
  tags: readonly string[];
  categories: readonly string[];
  weight: number;
  score: number;
}

/** Every level of `rows`. */
export function collectionLevels(rows: readonly ScoredEntry[]): CollectionLevels {
  const depth = Math.max(0, ...rows.map((r) => r.categories.length));
  const categoryCols = Array.from({ length: depth }, (_, i) => `category${i}`);
  return {
    subset: level(rows, ["task_type", "dataset_name", "subset_name"], (r) => [
      [r.taskType, r.datasetName, r.subsetName],
    ], false),
    dataset: level(rows, ["task_type", "dataset_name"], (r) => [[r.taskType, r.datasetName]], true),
    task: level(rows, ["task_type"], (r) => [[r.taskType]], true),
    tag: level(rows, ["tags"], (r) => r.tags.map((t) => [t]), true),
    category: depth === 0 ? [] : level(
      rows,
      categoryCols,
      (r) => [categoryCols.map((_, i) => r.categories[i] ?? "")],
      true,
    ),
  };
}

function level(
  rows: readonly ScoredEntry[],
  cols: readonly string[],
  keysOf: (r: ScoredEntry) => string[][],
  full: boolean,
): CollectionLevelRow[] {
  const groups = new Map<string, { keys: string[]; members: ScoredEntry[] }>();
  for (const r of rows) {
    for (const keys of keysOf(r)) {
      const id = keys.join("\u0000");
      const g = groups.get(id);
      if (g) g.members.push(r);
      else groups.set(id, { keys, members: [r] });
    }
  }
  const sorted = [...groups.values()].sort((a, b) => compareKeys(a.keys, b.keys));
  const out = sorted.map(({ keys, members }): CollectionLevelRow => {
    const group: Record<string, string> = {};
    cols.forEach((c, i) => group[c] = keys[i]);
    const scores = members.map((m) => m.score);
    const row: CollectionLevelRow = {
      group,
      micro: rounded(plainCi(scores)),
      count: members.length,
    };
    if (!full) return row;
    const bySubset = new Map<string, number[]>();
    for (const m of members) {
      const list = bySubset.get(m.subsetName);
      if (list) list.push(m.score);
      else bySubset.set(m.subsetName, [m.score]);
    }
    row.macro = rounded(macroMeanCi([...bySubset.values()]));
    row.weighted = rounded(weightedMeanCi(scores, members.map((m) => m.weight)));
    return row;
  });
  return out.sort((a, b) => b.count - a.count);
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

function rounded(a: { mean: number; ci95: [number, number] }): AverageWithCi {
  return { value: round(a.mean, 4), ci95: [round(a.ci95[0], 4), round(a.ci95[1], 4)] };
}
