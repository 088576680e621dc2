import assert from "node:assert/strict";
import { UserError } from "../../errors.ts";
import { attachSource } from "../../data/row_source.ts";
import { readTable } from "../../data/mod.ts";
import { readEntry } from "./entry.ts";

const fixture = new URL("../../../tests/fixtures/collection/evalscope_v1.jsonl", import.meta.url);

Deno.test("readEntry() reads hand-written lines in EvalScope 1.x's exact DatasetEntry shape", async () => {
  const rows = await readTable(fixture.pathname);
  const [math, mcq, aime] = rows.map((r, i) => readEntry(r, i));
  assert.equal(math.datasetName, "math_500");
  assert.equal(math.subsetName, "Level 1");
  assert.equal(math.taskType, "math");
  assert.deepEqual(math.categories, ["Handmade", "Math"]);
  assert.equal(math.weight, 0.25);
  assert.equal(math.target, "11");
  assert.equal(math.id, "12");
  assert.deepEqual(math.metadata, {
    question_id: "handmade/arith/1.json",
    subject: "Prealgebra",
  });
  // content given as a list of parts
  assert.equal(mcq.messages[0].content.endsWith("D) 9"), true);
  assert.deepEqual(mcq.choices, ["4", "6", "7", "9"]);
  assert.deepEqual(mcq.tags, ["en", "science"]);
  assert.deepEqual(aime.messages.map((m) => m.role), ["system", "user"]);
});

Deno.test("readEntry() reads EvalScope 0.x lines: prompt.data, system_prompt, raw_input, task", () => {
  const entry = readEntry({
    index: 5,
    prompt: {
      data: ["What is 1+1?"],
      system_prompt: "Think.",
      raw_input: { problem: "What is 1+1?", answer: "2" },
    },
    tags: ["math"],
    task: "math",
    weight: 0,
    dataset_name: "aime24",
    subset_name: "default",
  }, 0);
  assert.deepEqual(entry.messages, [
    { role: "system", content: "Think." },
    { role: "user", content: "What is 1+1?" },
  ]);
  assert.equal(entry.taskType, "math");
  assert.equal(entry.target, undefined);
  assert.deepEqual(entry.rawInput, { problem: "What is 1+1?", answer: "2" });
});

Deno.test("readEntry() names the file and line of a bad entry", () => {
  const row = attachSource({ index: 0, prompt: { input: "q" }, dataset_name: "x" }, {
    file: "mixed.jsonl",
    line: 9,
  });
  assert.throws(
    () => readEntry(row, 8),
    (e: Error) =>
      e instanceof UserError && e.message.includes("mixed.jsonl line 9") &&
      e.message.includes("target"),
  );
  assert.throws(() => readEntry({ prompt: {} }, 2), /line 3: no dataset_name/);
});
