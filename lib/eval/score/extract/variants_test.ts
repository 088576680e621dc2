import assert from "node:assert/strict";
import { EXTRACTOR_VARIANTS, variantNames } from "./variants.ts";

Deno.test("EXTRACTOR_VARIANTS groups every variant by family", () => {
  assert.deepEqual(variantNames("gsm8k"), [
    "gsm8k:evalscope",
    "gsm8k:lm-eval-strict",
    "gsm8k:lm-eval-flexible",
  ]);
  for (const [name, variant] of Object.entries(EXTRACTOR_VARIANTS)) {
    assert.ok(name.startsWith(`${variant.family}:`), name);
    assert.ok(variant.description.length > 0, name);
  }
});

Deno.test("the gsm8k variants disagree where the extractors differ", () => {
  const response = "Step: 48+24 = 72\nThe answer is 72.";
  const verdicts = variantNames("gsm8k").map((name) => {
    const variant = EXTRACTOR_VARIANTS[name];
    return variant.score(variant.extract(response), "72");
  });
  assert.deepEqual(verdicts, [1, 0, 1]);
});

Deno.test("the strict variants read nothing from an unclosed <think>", () => {
  const math = EXTRACTOR_VARIANTS["math:strict"];
  assert.equal(math.extract("<think>so \\boxed{5}"), "");
  assert.equal(EXTRACTOR_VARIANTS["math:evalscope"].extract("<think>so \\boxed{5}"), "5");
  const mcq = EXTRACTOR_VARIANTS["mcq:strict"];
  assert.equal(mcq.extract("<think>ANSWER: B"), "");
  assert.equal(mcq.extract("<think>x</think>ANSWER: B"), "B");
  assert.equal(mcq.score("B", "B"), 1);
});

Deno.test("variants pass the option letters through the context", () => {
  const mcq = EXTRACTOR_VARIANTS["mcq:evalscope"];
  assert.equal(mcq.extract("ANSWER: E"), "");
  assert.equal(mcq.extract("ANSWER: E", { letters: "ABCDE" }), "E");
  assert.equal(mcq.extract("ANSWER: A, E", { letters: "ABCDE", multiple: true }), "AE");
});

Deno.test("the DROP and AIME variants score their own way", () => {
  const drop = EXTRACTOR_VARIANTS["drop:evalscope"];
  assert.equal(drop.score(drop.extract("Answer: 43 yards"), '[["43"]]'), 0.67);
  assert.equal(drop.score("Jacobs", "Jacobs"), 1, "a plain-string target is one gold");
  const aime = EXTRACTOR_VARIANTS["math:aime"];
  assert.equal(aime.score(aime.extract("\\boxed{\\frac{2}{4}}"), "\\frac{1}{2}"), 0);
  assert.equal(EXTRACTOR_VARIANTS["math:evalscope"].score("\\frac{2}{4}", "\\frac{1}{2}"), 1);
});

Deno.test("math:no-percent drops EvalScope's percentage rule, math:evalscope keeps it", () => {
  const evalscope = EXTRACTOR_VARIANTS["math:evalscope"];
  const noPercent = EXTRACTOR_VARIANTS["math:no-percent"];
  assert.equal(evalscope.score("28", "0.28"), 1);
  assert.equal(noPercent.score("28", "0.28"), 0);
  assert.equal(noPercent.score(noPercent.extract("\\boxed{\\frac{7}{25}}"), "0.28"), 1);
});
