/**
 * `reports/<model>/collection_detailed_report.json`: a collection's levels with EvalScope's keys
 * (`subset_level`, `dataset_level`, `task_level`, `tag_level`, `category_level`; each row its group
 * columns, `micro_avg.`, `macro_avg.`, `weighted_avg.`, `count`). The report file keeps the same
 * rows with lmeter's 95% CIs beside each average (`micro_ci95`, …) under `collection_levels`.
 *
 * @module
 */
import type { AverageWithCi, CollectionLevelRow, CollectionLevels } from "./report.ts";

/** The file name EvalScope gives the collection's detailed report. */
export const COLLECTION_REPORT_FILE = "collection_detailed_report.json";

const LEVELS: readonly [keyof CollectionLevels, string][] = [
  ["subset", "subset_level"],
  ["dataset", "dataset_level"],
  ["task", "task_level"],
  ["tag", "tag_level"],
  ["category", "category_level"],
];

/** The levels as JSON; `ci` adds lmeter's intervals (the report file), without them EvalScope's file. */
export function levelsToFile(
  levels: CollectionLevels,
  options: { ci: boolean },
): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [key, name] of LEVELS) {
    out[name] = levels[key].map((row) => {
      const line: Record<string, unknown> = { ...row.group, "micro_avg.": row.micro.value };
      if (options.ci) line.micro_ci95 = row.micro.ci95;
      if (row.macro) {
        line["macro_avg."] = row.macro.value;
        if (options.ci) line.macro_ci95 = row.macro.ci95;
      }
      if (row.weighted) {
        line["weighted_avg."] = row.weighted.value;
        if (options.ci) line.weighted_ci95 = row.weighted.ci95;
      }
      line.count = row.count;
      return line;
    });
  }
  return out;
}

/** The levels of a report file's `collection_levels` (or of EvalScope's file, without CIs). */
export function levelsFromFile(value: Record<string, unknown>): CollectionLevels {
  const levels = {} as CollectionLevels;
  for (const [key, name] of LEVELS) {
    const rows = Array.isArray(value[name]) ? value[name] as Record<string, unknown>[] : [];
    levels[key] = rows.map(rowFromFile);
  }
  return levels;
}

const AVERAGES = new Set([
  "micro_avg.",
  "macro_avg.",
  "weighted_avg.",
  "micro_ci95",
  "macro_ci95",
  "weighted_ci95",
  "count",
]);

function rowFromFile(line: Record<string, unknown>): CollectionLevelRow {
  const group: Record<string, string> = {};
  for (const [k, v] of Object.entries(line)) if (!AVERAGES.has(k)) group[k] = String(v ?? "");
  const avg = (name: string, ci: string): AverageWithCi | undefined => {
    const value = line[name];
    if (typeof value !== "number") return undefined;
    const c = line[ci];
    return {
      value,
      ci95: Array.isArray(c) && c.length === 2 ? [Number(c[0]), Number(c[1])] : [value, value],
    };
  };
  const row: CollectionLevelRow = {
    group,
    micro: avg("micro_avg.", "micro_ci95") ?? { value: 0, ci95: [0, 0] },
    count: typeof line.count === "number" ? line.count : 0,
  };
  const macro = avg("macro_avg.", "macro_ci95");
  const weighted = avg("weighted_avg.", "weighted_ci95");
  if (macro) row.macro = macro;
  if (weighted) row.weighted = weighted;
  return row;
}

/** Writes EvalScope's `collection_detailed_report.json` (pretty JSON, as EvalScope indents it). */
export async function writeCollectionReport(path: string, levels: CollectionLevels): Promise<void> {
  await Deno.writeTextFile(
    path,
    JSON.stringify(levelsToFile(levels, { ci: false }), null, 2) + "\n",
  );
}
