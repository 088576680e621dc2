import assert from "node:assert/strict";
import { UserError } from "../../errors.ts";
import { defineBenchmark, type Row } from "../benchmark/benchmark.ts";
import type { DataAccess } from "./dataset_source.ts";
import { textField } from "../benchmark/fields.ts";
import { applyLimit, loadSubsets, shuffleChoices } from "./load_samples.ts";
import { mcqExtractor } from "../score/extractors.ts";
import { resolveBenchmark } from "../benchmark/resolve_benchmark.ts";

const toy = defineBenchmark({
  name: "toy",
  prettyName: "Toy",
  description: "",
  version: "1",
  tags: [],
  dataset: { id: "toy/toy", evalSplit: "test", trainSplit: "train", subsets: ["a", "b"] },
  toSample: (r) => ({ input: textField(r, "q"), target: textField(r, "t") }),
  prompt: {
    style: "text",
    template: "{question}",
    fewShotTemplate: "{fewshot}\n\n{question}",
    fewShotNum: 2,
    formatExample: (s) => `${s.input} = ${s.target}`,
  },
  extract: mcqExtractor(),
  metrics: [{ name: "acc" }],
});

function data(rows: Record<string, Row[]>): DataAccess {
  return {
    exists: () => Promise.resolve(false),
    readTable: () => Promise.resolve([]),
    loadSplit: (r) => Promise.resolve(rows[`${r.subset}/${r.split}`] ?? []),
  };
}

const rows = (n: number, p: string) =>
  Array.from({ length: n }, (_, i) => ({ q: `${p}${i}`, t: String(i) }));
const location = { kind: "hub" as const, hub: "modelscope" as const, datasetId: "toy/toy" };

Deno.test("applyLimit(): counts take the first n, fractions the floored share", () => {
  assert.deepEqual(applyLimit([1, 2, 3, 4, 5], 2), [1, 2]);
  assert.deepEqual(applyLimit([1, 2, 3, 4, 5], 0.5), [1, 2]);
  assert.deepEqual(applyLimit([1, 2], null), [1, 2]);
});

Deno.test("loadSubsets() limits per subset, builds the few-shot block and drops empty subsets", async () => {
  const d = data({
    "a/test": rows(5, "a"),
    "a/train": rows(3, "x"),
    "b/test": [],
    "b/train": rows(3, "y"),
  });
  const subsets = await loadSubsets(resolveBenchmark(toy), {
    location,
    data: d,
    limit: 3,
    seed: 42,
  });
  assert.deepEqual(subsets.map((s) => [s.name, s.samples.length]), [["a", 3]]);
  assert.equal(subsets[0].fewShot, "x0 = 0\n\nx1 = 1");
});

Deno.test("shuffle and random few-shot picks are the same for the same seed and differ for another", async () => {
  const d = data({ "a/test": rows(20, "a"), "a/train": rows(10, "x"), "b/test": rows(1, "b") });
  const bench = resolveBenchmark(toy, { shuffle: true, few_shot_random: true });
  const one = await loadSubsets(bench, { location, data: d, limit: null, seed: 1 });
  const again = await loadSubsets(bench, { location, data: d, limit: null, seed: 1 });
  const other = await loadSubsets(bench, { location, data: d, limit: null, seed: 2 });
  assert.deepEqual(one, again);
  assert.notDeepEqual(one[0].samples.map((s) => s.input), other[0].samples.map((s) => s.input));
  assert.equal(one[0].samples.length, 20);
});

Deno.test("too few few-shot examples is a user error that says how many there are", async () => {
  const d = data({ "a/test": rows(2, "a"), "a/train": rows(1, "x") });
  await assert.rejects(
    () => loadSubsets(resolveBenchmark(toy), { location, data: d, limit: null, seed: 1 }),
    (e: unknown) => e instanceof UserError && /has only 1 example/.test(e.message),
  );
});

Deno.test("shuffleChoices() moves the target with its option", () => {
  const s = shuffleChoices({ input: "q", choices: ["w", "x", "y", "z"], target: "C" }, 7);
  assert.equal(s.choices![s.target.toString().charCodeAt(0) - 65], "y");
});
