import assert from "node:assert/strict";
import type { CollectionLevelRow } from "../../results/eval/report.ts";
import { collectionTable } from "./collection_table.ts";

const row = (dataset: string, value: number, count: number): CollectionLevelRow => ({
  group: { task_type: "math", dataset_name: dataset },
  micro: { value, ci95: [value, value] },
  count,
});

Deno.test("collectionTable() prints seed 004's table character for character", () => {
  const table = collectionTable({
    subset: [],
    dataset: [row("math_500", 0.7832, 500), row("gpqa", 0.3434, 198), row("aime24", 0.2, 30)],
    task: [],
    tag: [],
    category: [],
  });
  assert.equal(
    table,
    [
      "+-----------+--------------+---------------+-------+",
      "| task_type | dataset_name | average_score | count |",
      "+-----------+--------------+---------------+-------+",
      "|   math    |   math_500   |    0.7832     |  500  |",
      "|   math    |     gpqa     |    0.3434     |  198  |",
      "|   math    |    aime24    |      0.2      |   30  |",
      "+-----------+--------------+---------------+-------+",
    ].join("\n"),
  );
});
