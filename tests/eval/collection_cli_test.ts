import assert from "node:assert/strict";
import { join } from "node:path";
import { stringify } from "yaml";
import { runCli } from "../capture_console.ts";
import { withTempDir } from "./temp_dir.ts";

const DATA = new URL("../fixtures/collection/data/", import.meta.url).pathname;

/** A schema over the hand-written fixture rows: math_500 (6), gpqa as EvalScope names it (3), aime24 (2). */
async function writeSchema(dir: string): Promise<string> {
  const path = join(dir, "schema.yaml");
  await Deno.writeTextFile(
    path,
    stringify({
      name: "R1",
      datasets: [
        {
          name: "Math",
          weight: 2,
          datasets: [
            {
              name: "math_500",
              weight: 3,
              task_type: "math",
              tags: ["en"],
              args: { dataset_id: `${DATA}math_500.jsonl` },
            },
            {
              name: "aime24",
              weight: 1,
              task_type: "math",
              args: { dataset_id: `${DATA}aime24.jsonl` },
            },
          ],
        },
        {
          name: "gpqa",
          weight: 1,
          task_type: "knowledge",
          args: { subset_list: ["gpqa_diamond"], dataset_id: `${DATA}gpqa_diamond.jsonl` },
        },
      ],
    }),
  );
  return path;
}

Deno.test("lmeter collection create writes the same DatasetEntry file for the same seed", async () => {
  await withTempDir(async (dir) => {
    const schema = await writeSchema(dir);
    const create = (out: string, seed: string) =>
      runCli([
        "collection",
        "create",
        "--schema",
        schema,
        "--count",
        "6",
        "--seed",
        seed,
        "--dataset-hub",
        "local",
        "--output",
        join(dir, out),
      ]);
    // weights: math_500 2/3·3/4 = 1/2, aime24 2/3·1/4 = 1/6, gpqa 1/3
    const r = await create("a.jsonl", "3");
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /Wrote 6 entries/);
    await create("b.jsonl", "3");
    await create("c.jsonl", "4");
    const a = await Deno.readTextFile(join(dir, "a.jsonl"));
    assert.equal(a, await Deno.readTextFile(join(dir, "b.jsonl")));
    assert.notEqual(a, await Deno.readTextFile(join(dir, "c.jsonl")));
    const lines = a.trim().split("\n").map((l) => JSON.parse(l));
    // int(0.5·6) = 3 math_500, int(1/6·6) = 1 aime24, gpqa the remaining 2
    assert.deepEqual(lines.map((l) => l.dataset_name), [
      "math_500",
      "math_500",
      "math_500",
      "aime24",
      "gpqa",
      "gpqa",
    ]);
    const gpqa = lines[4];
    assert.equal(gpqa.subset_name, "gpqa_diamond");
    assert.deepEqual(gpqa.categories, ["R1"]);
    assert.equal(gpqa.prompt.choices.length, 4);
    assert.match(
      gpqa.prompt.input.at(-1).content,
      /^Answer the following multiple choice question/,
    );
    assert.deepEqual(lines[0].categories, ["R1", "Math"]);
    assert.equal(lines[0].weight, 0.5 / 3);

    const show = await runCli(["collection", "show", join(dir, "a.jsonl")]);
    assert.equal(show.code, 0, show.err);
    assert.match(show.out, /a\.jsonl: 6 entries/);
    assert.match(
      show.out,
      /\|\s+gpqa\s+\|\s+\(all\)\s+\|\s+knowledge\s+\|\s+R1\s+\|\s+2\s+\|\s+33\.3%/,
    );
  });
});

Deno.test("lmeter collection create --dry-run prints the counts and warns about a small pool", async () => {
  await withTempDir(async (dir) => {
    const schema = await writeSchema(dir);
    const r = await runCli([
      "collection",
      "create",
      "--schema",
      schema,
      "--count",
      "30",
      "--dry-run",
      "--dataset-hub",
      "local",
    ]);
    assert.equal(r.code, 0, r.err);
    // math_500 asks int(0.5·30) = 15 of 6; aime24 int(30/6) = 5 of 2; gpqa the rest, 10 of 3
    assert.match(
      r.err,
      /\|\s+math_500\s+\|\s+R1 \/ Math\s+\|\s+math\s+\|\s+0\.5000\s+\|\s+6\s+\|\s+15\s+\|\s+6\s+\|/,
    );
    assert.match(r.err, /warning: aime24 has 2 samples but its share asks for 5/);
    assert.match(r.err, /warning: gpqa has 3 samples but its share asks for 10/);
    assert.doesNotMatch(r.err, /Wrote/);
  });
});

Deno.test("lmeter collection show names the line of a bad entry", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "bad.jsonl");
    await Deno.writeTextFile(
      file,
      '{"index": 0, "prompt": {"input": "q", "target": "1"}, "dataset_name": "aime24"}\n{"index": 1, "prompt": {"input": "q"}, "dataset_name": "aime24"}\n',
    );
    const r = await runCli(["collection", "show", file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /bad\.jsonl line 2: prompt\.target is missing/);
  });
});
