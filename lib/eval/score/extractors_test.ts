import assert from "node:assert/strict";
import { EXTRACTOR_VARIANTS, parseMultipleChoice } from "./extract/mod.ts";
import { optionLabels } from "../benchmark/option_labels.ts";
import { extractMathAnswer } from "./math/mod.ts";
import { mathExtractor, mcqExtractor, namedExtractor } from "./extractors.ts";

const sample = { input: "", target: "B", choices: ["w", "x", "y", "z", "v"] };

Deno.test("mcqExtractor() reads letters with the registry's code and keeps its names", () => {
  assert.equal(mcqExtractor().name, "mcq:evalscope");
  assert.equal(mcqExtractor({ multiple: true }).name, "mcq:evalscope-multi");
  assert.equal(mcqExtractor({ chinese: true }).name, "mcq:evalscope-zh");
  assert.equal(mcqExtractor({ chinese: true, multiple: true }).name, "mcq:evalscope-zh-multi");
  assert.equal(mcqExtractor().extract("Thinking... ANSWER: E", sample), "E");
  assert.equal(mcqExtractor({ multiple: true }).extract("ANSWER: A, C", sample), "AC");
  for (const t of ["ANSWER: A, C", "答案：B", "I pick C", "ANSWER: E\n答案：A", "none"]) {
    for (
      const o of [{}, { chinese: true }, { multiple: true }, { chinese: true, multiple: true }]
    ) {
      // What the former hand-written mcqExtractor returned.
      const former = parseMultipleChoice(t, {
        letters: optionLabels(5),
        chinese: false,
        multiple: false,
        fallback: true,
        ...o,
      });
      assert.equal(mcqExtractor(o).extract(t, sample), former, `${t} ${JSON.stringify(o)}`);
    }
  }
});

Deno.test("namedExtractor() is the registry's variant by name, and an unknown name says the known ones", () => {
  assert.equal(mathExtractor.name, "math:evalscope");
  assert.equal(
    mathExtractor.extract("so \\boxed{3/4}", sample),
    extractMathAnswer("so \\boxed{3/4}"),
  );
  assert.equal(namedExtractor("math:aime").extract("so \\boxed{033}", sample), "33");
  assert.equal(namedExtractor("mcq:ceval").extract("答案：C", sample), "C");
  const drop = "Answer: 4\nAnswer: five";
  assert.equal(
    namedExtractor("drop:evalscope").extract(drop, sample),
    EXTRACTOR_VARIANTS["drop:evalscope"].extract(drop),
  );
  assert.throws(
    () => namedExtractor("mcq:nope"),
    /Cannot find extractor mcq:nope: known extractors are math:evalscope, /,
  );
});
