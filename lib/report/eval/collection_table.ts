/**
 * A collection's table in the terminal, as EvalScope prints it (seed 004): `task_type |
 * dataset_name | average_score | count`, one row per benchmark, tabulate's `pretty` style. Pure.
 *
 * @module
 */
import type { CollectionLevels } from "../../results/eval/report.ts";
import { formatNumber, prettyTable } from "../../util/text_table.ts";

/** The dataset level of a collection: average_score is the mean over its samples (micro). */
export function collectionTable(levels: CollectionLevels): string {
  const rows = levels.dataset;
  const counts = rows.map((r) => String(r.count));
  // The counts are lined up on the right before the column is centred, as in EvalScope's tables.
  const width = Math.max(...counts.map((c) => c.length));
  return prettyTable(
    ["task_type", "dataset_name", "average_score", "count"],
    rows.map((r, i) => [
      r.group.task_type,
      r.group.dataset_name,
      formatNumber(r.micro.value),
      counts[i].padStart(width),
    ]),
  );
}
