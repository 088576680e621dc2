import assert from "node:assert/strict";
import { extractCevalAnswer } from "./ceval_answer.ts";

Deno.test("extractCevalAnswer() takes the last 答案：[A-D] by default, the first on request", () => {
  const text = "答案：B\n再想想。\n答案：C";
  assert.equal(extractCevalAnswer(text), "C");
  assert.equal(extractCevalAnswer(text, { occurrence: "first" }), "B");
});

Deno.test("extractCevalAnswer() is strict about the marker", () => {
  for (const text of ["答案:B", "答案： B", "答案：E", "答案：b", "ANSWER: B"]) {
    assert.equal(extractCevalAnswer(text), "", text);
  }
});
