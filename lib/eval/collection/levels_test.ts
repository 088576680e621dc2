import assert from "node:assert/strict";
import { collectionLevels, type ScoredEntry } from "./levels.ts";

const e = (
  dataset: string,
  subset: string,
  score: number,
  more: Partial<ScoredEntry> = {},
): ScoredEntry => ({
  taskType: "math",
  datasetName: dataset,
  subsetName: subset,
  tags: [],
  categories: ["root"],
  weight: 1,
  score,
  ...more,
});

Deno.test("collectionLevels() groups as EvalScope: sorted by key, then by count (stable)", () => {
  const rows = [
    e("b", "default", 1),
    e("a", "x", 0),
    e("a", "x", 1),
    e("a", "y", 1),
    e("c", "default", 0),
  ];
  const levels = collectionLevels(rows);
  // a has 3, then b and c (1 each) in key order
  assert.deepEqual(levels.dataset.map((r) => [r.group.dataset_name, r.count]), [
    ["a", 3],
    ["b", 1],
    ["c", 1],
  ]);
  const a = levels.dataset[0];
  assert.equal(a.micro.value, 0.6667);
  // macro: mean of x (0.5) and y (1)
  assert.equal(a.macro?.value, 0.75);
  assert.equal(a.weighted?.value, 0.6667);
  // the subset level has only micro and count
  assert.equal(levels.subset[0].macro, undefined);
  assert.deepEqual(levels.subset[0].group, {
    task_type: "math",
    dataset_name: "a",
    subset_name: "x",
  });
});

Deno.test("collectionLevels(): macro merges subsets of the same name across benchmarks (EvalScope's quirk)", () => {
  const levels = collectionLevels([
    e("a", "default", 1),
    e("b", "default", 0),
    e("b", "default", 0),
  ]);
  // one child "default" with mean 1/3, not the mean of a (1) and b (0)
  assert.equal(levels.task[0].macro?.value, 0.3333);
});

Deno.test("collectionLevels(): weighted uses the entries' weights; tags count an entry once each", () => {
  const levels = collectionLevels([
    e("a", "x", 1, { weight: 3, tags: ["en", "math"] }),
    e("b", "x", 0, { weight: 1, tags: ["en"] }),
    e("c", "x", 1, { weight: 1 }), // no tags: not on the tag level (pandas' explode gives NaN)
  ]);
  assert.equal(levels.task[0].weighted?.value, 0.8);
  assert.deepEqual(levels.tag.map((r) => [r.group.tags, r.count, r.micro.value]), [
    ["en", 2, 0.5],
    ["math", 1, 1],
  ]);
});

Deno.test("collectionLevels(): categories become category0…N, shorter paths padded with ''", () => {
  const levels = collectionLevels([
    e("a", "x", 1, { categories: ["R1", "Math"] }),
    e("b", "x", 0, { categories: ["R1"] }),
  ]);
  assert.deepEqual(levels.category.map((r) => r.group), [
    { category0: "R1", category1: "" },
    { category0: "R1", category1: "Math" },
  ]);
  assert.ok(levels.category[0].micro.ci95[0] <= levels.category[0].micro.value);
});
