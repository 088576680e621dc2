import assert from "node:assert/strict";
import { defineBenchmark } from "../benchmark/benchmark.ts";
import { textField } from "../benchmark/fields.ts";
import { resolveBenchmark } from "../benchmark/resolve_benchmark.ts";
import { EXTRACTOR_VARIANTS, type ExtractorVariant } from "./extract/mod.ts";
import { mcqExtractor } from "./extractors.ts";
import { scoreResponses } from "./score_responses.ts";
import { ScoringError } from "./scoring_error.ts";

const base = {
  prettyName: "Toy",
  description: "",
  version: "1",
  tags: [],
  dataset: { id: "toy/toy", evalSplit: "test", subsets: ["default"] },
  toSample: (r: Record<string, unknown>) => ({
    input: textField(r, "q"),
    target: textField(r, "t"),
  }),
  prompt: { style: "text" as const, template: "{question}", fewShotNum: 0 },
  metrics: [{ name: "acc" }],
};

const mcq = resolveBenchmark(
  defineBenchmark({ ...base, name: "toy_mcq", extract: mcqExtractor() }),
);

const crashing = resolveBenchmark(defineBenchmark({
  ...base,
  name: "toy_crash",
  extract: mcqExtractor(),
  scorer: {
    id: "crash-on-c",
    kind: "rule",
    score: ({ extracted }) => {
      if (extracted === "C") throw new Error("cannot read C");
      return { value: { acc: extracted === "A" ? 1 : 0 }, extracted, main: "acc" };
    },
  },
}));

Deno.test("scoreResponses() scores every line when the scorer returns", async () => {
  const rows = [{ id: "q1", target: "A", response: "ANSWER: A" }, { target: "A", response: "B" }];
  const out = await scoreResponses(mcq, rows);
  assert.deepEqual(out.map((r) => [r.id, r.extracted, r.score]), [["q1", "A", 1], ["2", "B", 0]]);
});

Deno.test("scoreResponses(): a scorer that throws is a ScoringError naming the sample, not a score of 0", async () => {
  const rows = [
    { id: "q1", target: "A", response: "ANSWER: A" },
    { id: "q2", target: "A", response: "ANSWER: C" },
  ];
  await assert.rejects(() => scoreResponses(crashing, rows), (e: unknown) => {
    assert.ok(e instanceof ScoringError);
    assert.equal(e.sampleId, "q2");
    assert.equal(e.exitCode, 1);
    assert.equal(
      e.message,
      "Cannot score sample q2 (input line 2): toy_crash's scorer threw: cannot read C",
    );
    assert.ok(e.hint);
    return true;
  });
});

Deno.test("scoreResponses(): an extractor variant that throws is a ScoringError naming the sample, not a score of 0", async () => {
  // A registered variant whose score throws (added for this test, removed after it).
  const registry = EXTRACTOR_VARIANTS as Record<string, ExtractorVariant>;
  registry["mcq:test-crash"] = {
    family: "mcq",
    description: "throws on purpose",
    extract: (text) => text.trim(),
    score: () => {
      throw new Error("bad target");
    },
  };
  try {
    const rows = [{ id: 7, target: "A", response: "ANSWER: A" }];
    await assert.rejects(
      () => scoreResponses(mcq, rows, { variants: ["mcq:evalscope", "mcq:test-crash"] }),
      (e: unknown) => {
        assert.ok(e instanceof ScoringError);
        assert.equal(e.sampleId, "7");
        assert.match(e.message, /extractor variant mcq:test-crash threw: bad target$/);
        return true;
      },
    );
    const ok = await scoreResponses(mcq, rows, { variants: ["mcq:evalscope", "mcq:strict"] });
    assert.deepEqual(ok[0].variants, {
      "mcq:evalscope": { extracted: "A", score: 1 },
      "mcq:strict": { extracted: "A", score: 1 },
    });
  } finally {
    delete registry["mcq:test-crash"];
  }
});
