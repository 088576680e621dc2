import assert from "node:assert/strict";
import { gradeAnswer } from "./grade_answer.ts";

Deno.test("gradeAnswer() accepts equal forms of the same answer", () => {
  assert.ok(gradeAnswer("33", "33"));
  assert.ok(gradeAnswer("33.0", "33"));
  assert.ok(gradeAnswer("1,000", "1000"));
  assert.ok(gradeAnswer("\\frac{1}{2}", "0.5"));
  assert.ok(gradeAnswer("3\\frac{1}{2}", "\\frac{7}{2}"));
  assert.ok(gradeAnswer("\\sqrt{8}", "2\\sqrt{2}"));
  assert.ok(gradeAnswer("(1,2)", "(1,2)"));
  assert.ok(gradeAnswer("5 meters", "5"));
});

Deno.test("gradeAnswer() keeps PRM800K's strictness", () => {
  assert.ok(!gradeAnswer("\\frac{2}{4}", "\\frac{1}{2}"), "unreduced fraction");
  assert.ok(!gradeAnswer("240.5", "240"), "integer truth needs an integer");
  assert.ok(!gradeAnswer("(2,1)", "(1,2)"));
  assert.ok(!gradeAnswer("[1,2]", "(1,2)"), "tuple brackets must match");
  assert.ok(!gradeAnswer("", "5"));
  assert.ok(gradeAnswer("12345678901234567890", "12345678901234567891"), "as PRM800K: via float");
});
