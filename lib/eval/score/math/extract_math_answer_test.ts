import assert from "node:assert/strict";
import { extractMathAnswer } from "./extract_math_answer.ts";

Deno.test("extractMathAnswer() follows EvalScope's marker priority", () => {
  const minerva = "Final Answer: The final answer is $5$. I hope it is correct. \\boxed{6}";
  assert.equal(extractMathAnswer(minerva), "5", "Minerva beats boxed");
  assert.equal(
    extractMathAnswer("The answer is 4, so \\boxed{6}"),
    "6",
    "boxed beats 'the answer is'",
  );
  assert.equal(extractMathAnswer("the answer is 3. Later the answer is 4."), "4");
  assert.equal(extractMathAnswer("The final answer is 9"), "9");
  assert.equal(extractMathAnswer("答案是 6\n\n其他 7"), "6");
  assert.equal(extractMathAnswer("ANSWER: 3\nANSWER: 4"), "4");
  assert.equal(extractMathAnswer("first 3 then 1,234"), "1234");
});

Deno.test("extractMathAnswer() brace-matches the last \\boxed{}", () => {
  assert.equal(extractMathAnswer("\\boxed{\\frac{1}{2}}"), "\\frac{1}{2}");
  assert.equal(extractMathAnswer("\\boxed{1} and \\boxed{2}"), "2");
  assert.equal(extractMathAnswer("\\boxed{12"), "12", "unclosed: the rest of the text");
  assert.equal(extractMathAnswer("$\\boxed 5$"), "5");
  assert.equal(extractMathAnswer("\\boxed"), "");
});

Deno.test("extractMathAnswer() options: raw, no last number, no \\fbox", () => {
  assert.equal(extractMathAnswer("The answer is $72.", { raw: true }), "$72");
  assert.equal(extractMathAnswer("no marker 42", { useLastNumber: false }), "");
  assert.equal(extractMathAnswer("\\fbox{\\frac{1}{2}}"), "\\frac{1}{2}");
  assert.equal(extractMathAnswer("\\fbox{\\frac{1}{2}}", { fbox: false }), "2");
});
