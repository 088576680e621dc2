import assert from "node:assert/strict";
import { UserError } from "../../errors.ts";
import { flattenSchema, parseCollectionSchema, schemaToJson } from "./schema.ts";

Deno.test("flattenSchema() multiplies normalised weights down the tree and records the hierarchy", () => {
  const flat = flattenSchema(parseCollectionSchema({
    name: "R1",
    weight: 7, // the root's own weight is ignored
    datasets: [
      {
        name: "Math",
        weight: 2,
        datasets: [
          { name: "math_500", weight: 3, task_type: "math", tags: ["en"] },
          { name: "aime24", weight: 1, task_type: "math" },
        ],
      },
      { name: "gpqa", weight: 2, task_type: "knowledge", args: { subset_list: ["gpqa_diamond"] } },
    ],
  }));
  assert.deepEqual(
    flat.map((d) => [d.name, d.weight, d.hierarchy]),
    [
      ["math_500", 0.375, ["R1", "Math"]],
      ["aime24", 0.125, ["R1", "Math"]],
      ["gpqa", 0.5, ["R1"]],
    ],
  );
  assert.deepEqual(flat[2].args, { subset_list: ["gpqa_diamond"] });
  assert.equal(flat[0].taskType, "math");
  assert.deepEqual(flat[0].tags, ["en"]);
});

Deno.test("flattenSchema() refuses a level whose weights add up to 0", () => {
  const schema = parseCollectionSchema({ name: "r", datasets: [{ name: "a", weight: 0 }] });
  assert.throws(() => flattenSchema(schema), UserError);
});

Deno.test("parseCollectionSchema() names the bad node", () => {
  assert.throws(
    () =>
      parseCollectionSchema(
        { name: "r", datasets: [{ name: "s", datasets: [{ weight: 1 }] }] },
        "s.yaml",
      ),
    (e: Error) => e instanceof UserError && e.message.includes("root.datasets[0].datasets[0].name"),
  );
  assert.throws(
    () => parseCollectionSchema({ name: "r", datasets: [{ name: "a", weight: -1 }] }),
    /weight must be a number/,
  );
});

Deno.test("schemaToJson() writes EvalScope's dump_json keys and parses back to the same tree", () => {
  const schema = parseCollectionSchema({
    name: "r",
    datasets: [{ name: "a" }, { name: "s", weight: 2, datasets: [{ name: "b", tags: ["x"] }] }],
  });
  const json = schemaToJson(schema);
  assert.deepEqual(json.datasets, [
    { name: "a", weight: 1, task_type: "", tags: [], args: {}, hierarchy: [] },
    {
      name: "s",
      weight: 2,
      datasets: [{ name: "b", weight: 1, task_type: "", tags: ["x"], args: {}, hierarchy: [] }],
    },
  ]);
  assert.deepEqual(flattenSchema(parseCollectionSchema(json)), flattenSchema(schema));
});
