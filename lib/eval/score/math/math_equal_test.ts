import assert from "node:assert/strict";
import { mathCompare, mathEqual, numberEqualExact } from "./math_equal.ts";

Deno.test("mathEqual() against a choice letter takes the last standalone letter the answer names", () => {
  assert.equal(mathEqual("(B) is wrong, so (C)", "C"), true);
  assert.equal(mathEqual("C is wrong, so B", "C"), false);
});

Deno.test("mathCompare() names the rule that matched", () => {
  const rule = (a: string, b: string) => mathCompare(a, b).rule;
  assert.equal(rule("Yes", "yes"), "string");
  assert.equal(rule("(C)", "C"), "choice");
  assert.equal(rule("50", "0.5"), "numeric");
  assert.equal(rule("(5)", "5"), "brackets");
  assert.equal(rule("(\\frac{1}{2},3)", "(0.5,3)"), "elementwise");
  assert.equal(rule("{3,1,2}", "{1,2,3}"), "unordered");
  assert.equal(
    rule("\\begin{pmatrix}0.5\\2\\end{pmatrix}", "\\begin{pmatrix}\\frac{1}{2}\\2\\end{pmatrix}"),
    "matrix",
  );
  assert.equal(rule("a+b=5", "5-a-b=0"), "equation");
  assert.equal(rule("k=\\frac{1}{2}", "0.5"), "assignment");
  assert.equal(rule("\\frac{1}{2}", "0.5"), "symbolic");
  assert.equal(rule("1", "2"), "none");
});

Deno.test("mathEqual() numbers: relative 1e-4 and the percentage rule, and final", () => {
  assert.ok(mathEqual("12", "12.00005"));
  assert.ok(!mathEqual("12.01", "12"));
  assert.ok(mathEqual("5", "500"), "5 is 500/100");
  assert.ok(!mathEqual("5", "500", { includePercentage: false }));
  assert.ok(!mathEqual("12", "12.00005", { isClose: false }), "final: no symbolic retry");
  assert.equal(mathCompare("2", "1+1").rule, "symbolic", "1+1 is not a number: symbolic rule");
});

Deno.test("mathEqual() deliberate differences from EvalScope", () => {
  assert.ok(!mathEqual("[1,2]", "(1,2)"), "brackets must agree");
  assert.ok(!mathEqual("(1,2]", "[1,2)"));
  assert.ok(!mathEqual("23", "2,3"), "a list is not a number");
  assert.ok(mathEqual("\\frac{1}{2},3", "3,\\frac{1}{2}"), "lists in any order");
  assert.ok(!mathEqual("9".repeat(400), "9".repeat(399) + "8"), "overflowing digits are not inf");
});

Deno.test("mathCompare() is time-bounded: an exhausted budget gives a false verdict", () => {
  const verdict = mathCompare("x^2+2x+1", "(x+1)^2", { timeoutMs: 0 });
  assert.deepEqual(verdict, { equal: false, rule: "none", timedOut: true });
  assert.ok(mathCompare("42", "42", { timeoutMs: 0 }).equal, "cheap rules still apply");
});

Deno.test("mathEqual() ends quickly on pathological inputs", () => {
  const garbage = "{[(".repeat(1700);
  assert.ok(!mathEqual(garbage, "5"));
  assert.ok(!mathEqual("10^{10^{10}}", "1"));
  assert.ok(!mathEqual("(1,2),".repeat(800) + "(1,2)", "(2,1),".repeat(800) + "(2,1)"));
});

Deno.test("mathEqual() two integers are never merely close (issue 19)", () => {
  assert.ok(!mathEqual("120006", "120000"), "EvalScope's 1e-4 credited this");
  assert.ok(!mathEqual("1112122_3", "1112112_3"), "base-3 numerals are not decimals within 1e-4");
  assert.ok(mathEqual("1112122_3", "1112122_3"));
  assert.ok(mathEqual("12", "12.00005"), "a rounded decimal still matches");
});

Deno.test("numberEqualExact() is GSM8K's rule: no tolerance, no percentage rule", () => {
  const wrong = [["2500", "25"], ["100", "1"], ["3", "300"], ["8", "800"], ["4200", "42"]];
  for (const [pred, ref] of [...wrong, ["24500", "245"], ["18", "1800"], ["120006", "120000"]]) {
    assert.ok(!numberEqualExact(pred, ref), `${pred} vs ${ref}`);
  }
  assert.ok(numberEqualExact("25", "25"));
  assert.ok(numberEqualExact("\\frac{50}{2}", "25"), "the same value, exactly");
  assert.ok(!numberEqualExact("\\frac{2501}{100}", "25"));
  assert.ok(!numberEqualExact("12.00005", "12"));
});
