import assert from "node:assert/strict";
import { attachSource } from "../../data/row_source.ts";
import { defineBenchmark, type Row } from "../benchmark/benchmark.ts";
import { textField } from "../benchmark/fields.ts";
import type { DataAccess } from "../data/dataset_source.ts";
import { mcqExtractor } from "../score/extractors.ts";
import { drawCollection, loadPools } from "./build_collection.ts";
import { readEntry } from "./entry.ts";
import { parseCollectionSchema } from "./schema.ts";

const toy = (name: string, subsets: string[]) =>
  defineBenchmark({
    name,
    prettyName: name,
    description: "",
    version: "1",
    tags: [],
    dataset: { id: `toy/${name}`, evalSplit: "test", subsets },
    toSample: (r) => ({ input: textField(r, "q"), target: textField(r, "t") }),
    prompt: { style: "text", template: "Q: {question}", fewShotNum: 0, systemPrompt: "Be brief." },
    extract: mcqExtractor(),
    metrics: [{ name: "acc" }],
  });

const registry = [toy("alpha", ["x", "y"]), toy("beta", ["default"])];

function data(sizes: Record<string, number>): DataAccess {
  return {
    exists: () => Promise.resolve(false),
    readTable: () => Promise.resolve([]),
    loadSplit: (r) => {
      const key = `${r.datasetId}/${r.subset}`;
      return Promise.resolve(
        Array.from({ length: sizes[key] ?? 0 }, (_, i): Row => ({ q: `${key}#${i}`, t: "A" })),
      );
    },
  };
}

const schema = parseCollectionSchema({
  name: "mix",
  datasets: [
    { name: "alpha", weight: 3, task_type: "exam", tags: ["en"] },
    { name: "sub", datasets: [{ name: "beta", task_type: "qa" }] },
  ],
});
const sizes = { "toy/alpha/x": 4, "toy/alpha/y": 6, "toy/beta/default": 3 };
const load = () =>
  loadPools(schema, { registry, data: data(sizes), hub: "modelscope", datasetDir: null });

Deno.test("loadPools() pools every subset of a benchmark with its prompt built", async () => {
  const loaded = await load();
  assert.deepEqual(loaded.pools.map((p) => p.length), [10, 3]);
  const first = loaded.pools[0][0];
  assert.equal(first.subset, "x");
  assert.deepEqual(first.sample.input, [
    { role: "system", content: "Be brief." },
    { role: "user", content: "Q: toy/alpha/x#0" },
  ]);
  assert.equal(loaded.pools[0][4].subset, "y");
  assert.equal(loaded.pools[0][4].id, 0);
});

Deno.test("drawCollection() gives the same file for the same seed and another for another", async () => {
  const loaded = await load();
  const a = drawCollection(loaded, { sampler: "weighted", count: 8, seed: 7 });
  const b = drawCollection(loaded, { sampler: "weighted", count: 8, seed: 7 });
  const c = drawCollection(loaded, { sampler: "weighted", count: 8, seed: 8 });
  assert.deepEqual(a.lines, b.lines);
  assert.notDeepEqual(a.lines, c.lines);
  // alpha: int(0.75·8) = 6 of 10; beta: the rest, 2 of 3
  assert.deepEqual(a.plan.map((p) => p.drawn), [6, 2]);
  assert.deepEqual(a.lines.map((l) => l.index), [0, 1, 2, 3, 4, 5, 6, 7]);
});

Deno.test("drawCollection() writes EvalScope's DatasetEntry keys, weight = dataset weight / drawn", async () => {
  const { lines } = drawCollection(await load(), { sampler: "weighted", count: 8, seed: 7 });
  const beta = lines.find((l) => l.dataset_name === "beta")!;
  assert.deepEqual(Object.keys(beta), [
    "index",
    "prompt",
    "tags",
    "categories",
    "task_type",
    "weight",
    "dataset_name",
    "subset_name",
  ]);
  assert.deepEqual(beta.categories, ["mix", "sub"]);
  assert.equal(beta.task_type, "qa");
  assert.equal(beta.weight, 0.25 / 2);
  assert.equal(lines.filter((l) => l.dataset_name === "alpha")[0].weight, 0.75 / 6);
  assert.deepEqual(Object.keys(beta.prompt), ["input", "target", "id", "metadata"]);
});

Deno.test("a drawn line reads back as the entry it was written from", async () => {
  const { lines } = drawCollection(await load(), { sampler: "uniform", count: 4, seed: 1 });
  const row = attachSource(JSON.parse(JSON.stringify(lines[3])), { file: "mixed.jsonl", line: 4 });
  const entry = readEntry(row, 3);
  assert.equal(entry.index, 3);
  assert.equal(entry.datasetName, lines[3].dataset_name);
  assert.equal(entry.subsetName, lines[3].subset_name);
  assert.deepEqual(entry.messages, lines[3].prompt.input);
  assert.equal(entry.target, "A");
  assert.equal(entry.where, "mixed.jsonl line 4");
});

Deno.test("createCollection() loads and draws in one call, as collection create does", async () => {
  const { createCollection } = await import("./mod.ts");
  const made = await createCollection(schema, {
    registry,
    data: data(sizes),
    sampler: "stratified",
    count: 13,
  });
  // stratified over pools 10 and 3: int(10/13·13) = 10 (Python prints 10 too), beta the other 3
  assert.deepEqual(made.plan.map((p) => p.requested), [10, 3]);
  assert.equal(made.lines.length, made.plan.reduce((a, p) => a + p.drawn, 0));
  assert.deepEqual(made.datasets.map((d) => d.name), ["alpha", "beta"]);
});
