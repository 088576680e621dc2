import assert from "node:assert/strict";
import { join } from "node:path";
import { readTable } from "../lib/data/mod.ts";
import { resolveBenchmark } from "../lib/eval/benchmark/resolve_benchmark.ts";
import { toSamples } from "../lib/eval/data/load_samples.ts";
import { UserError } from "../lib/errors.ts";
import { BENCHMARKS, getBenchmark } from "./mod.ts";

const DATA = new URL("../tests/fixtures/eval/data/", import.meta.url).pathname;

Deno.test("every registered benchmark resolves with its defaults and has a unique name", () => {
  const names = new Set<string>();
  for (const def of BENCHMARKS) {
    assert.ok(!names.has(def.name), def.name);
    names.add(def.name);
    const r = resolveBenchmark(def);
    assert.ok(r.subsets.length > 0, def.name);
    assert.ok(r.reviewFingerprint.length === 64, def.name);
  }
});

Deno.test("getBenchmark() suggests the closest name for a typo", () => {
  assert.throws(
    () => getBenchmark("gsm8"),
    (e: unknown) => e instanceof UserError && /Did you mean gsm8k/.test(e.hint ?? ""),
  );
});

Deno.test("gsm8k splits the answer at #### into target and rationale", async () => {
  const rows = await readTable(join(DATA, "gsm8k/main/test-00000-of-00001.parquet"));
  const [s] = toSamples(resolveBenchmark(getBenchmark("gsm8k")), rows);
  assert.equal(s.target, "29");
  assert.match(String(s.metadata?.reasoning), /36 - 7/);
});

Deno.test("arc maps numeric answer keys to letters and keeps the options in order", async () => {
  const rows = await readTable(join(DATA, "arc/ARC-Challenge/test.jsonl"));
  const samples = toSamples(resolveBenchmark(getBenchmark("arc")), rows);
  assert.equal(samples[0].target, "A"); // answerKey "1"
  assert.equal(samples[1].target, "B"); // answerKey "2"
  assert.equal(samples[2].target, "B");
  assert.equal(samples[0].choices?.length, 4);
});

Deno.test("mmlu turns the answer index into a letter and the subject into the subset", async () => {
  const rows = await readTable(join(DATA, "mmlu/all/test.jsonl"));
  const [s] = toSamples(resolveBenchmark(getBenchmark("mmlu")), rows);
  assert.equal(s.target, "B");
  assert.equal(s.subset, "abstract_algebra");
});

Deno.test("general_mcq reads consecutive option columns A…J", async () => {
  const rows = await readTable(join(DATA, "general_mcq/default_val.jsonl"));
  const samples = toSamples(resolveBenchmark(getBenchmark("general_mcq")), rows);
  assert.equal(samples[2].choices?.length, 3);
  assert.equal(samples[3].choices?.length, 5);
  assert.equal(samples[3].target, "D");
});

Deno.test("general_qa accepts query/response, question/answer, system and messages records", async () => {
  const rows = await readTable(join(DATA, "general_qa/default.jsonl"));
  const samples = toSamples(resolveBenchmark(getBenchmark("general_qa")), rows);
  assert.equal(samples[0].input, "What is the capital of France?");
  assert.deepEqual(samples[2].input, [
    { role: "system", content: "You are a concise assistant." },
    { role: "user", content: "How many legs does a spider have?" },
  ]);
  assert.deepEqual(samples[3].input, [{ role: "user", content: "Say hello in Spanish." }]);
  assert.equal(samples[4].target, "中国的首都是北京。");
});

Deno.test("a missing column is reported with the file, the line and what was expected", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "test.jsonl");
    await Deno.writeTextFile(file, '{"question": "a", "answer": "x #### 1"}\n{"question": "b"}\n');
    const rows = await readTable(file);
    assert.throws(
      () => toSamples(resolveBenchmark(getBenchmark("gsm8k")), rows),
      (e: unknown) =>
        e instanceof UserError && e.message.includes(`${file} line 2`) &&
        /no "answer" column \(expected a string\)/.test(e.message),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
