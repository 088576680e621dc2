import assert from "node:assert/strict";
import { UserError } from "../../errors.ts";
import { defineBenchmark } from "../benchmark/benchmark.ts";
import { textField } from "../benchmark/fields.ts";
import { mcqExtractor } from "../score/extractors.ts";
import { resolveEvaluation, runsCode } from "./resolve_evaluation.ts";

const base = {
  prettyName: "Toy",
  description: "",
  version: "1",
  tags: [],
  dataset: { id: "toy/toy", evalSplit: "test", subsets: ["default"] },
  toSample: (r: Record<string, unknown>) => ({ input: textField(r, "q"), target: "" }),
  prompt: { style: "text" as const, template: "{question}", fewShotNum: 0 },
  extract: mcqExtractor(),
  metrics: [{ name: "acc" }],
};
const registry = [
  defineBenchmark({ ...base, name: "toy_text" }),
  defineBenchmark({ ...base, name: "toy_code", runsCode: true }),
];
const run = (datasets: string[], extra: Record<string, unknown> = {}) =>
  resolveEvaluation({ eval_type: "mock_llm", datasets, ...extra }, { registry });

Deno.test("resolveEvaluation(): a code benchmark with --sandbox none is refused, naming the benchmark and bubblewrap", () => {
  assert.throws(
    () => run(["toy_code", "toy_text"], { sandbox: "none" }),
    (e: unknown) =>
      e instanceof UserError &&
      e.message ===
        "Cannot run toy_code: scoring runs model-written code and --sandbox is none" &&
      /apt-get install bubblewrap/.test(e.hint ?? ""),
  );
  // Without code to run, none is fine.
  assert.equal(run(["toy_text"], { sandbox: "none" }).task.sandbox, null);
});

Deno.test("runsCode() is true when a benchmark of the run executes model-written code", () => {
  assert.equal(runsCode(run(["toy_text"]).benches), false);
  assert.equal(runsCode(run(["toy_text", "toy_code"]).benches), true);
  assert.deepEqual(run(["toy_code"]).task.sandbox, { engine: "auto" });
});
