import assert from "node:assert/strict";
import { latexToPlain, plainEqual, symbolicEqual } from "./symbolic_equal.ts";

const soon = () => performance.now() + 2000;

Deno.test("symbolicEqual() proves identities and compares constants within 1e-4", () => {
  assert.ok(symbolicEqual("x^2+2x+1", "(x+1)^2", soon()).equal);
  assert.ok(symbolicEqual("\\frac{1}{\\sqrt{2}}", "\\frac{\\sqrt{2}}{2}", soon()).equal);
  assert.ok(symbolicEqual("\\pi", "3.14159", soon()).equal);
  assert.ok(!symbolicEqual("\\pi", "3.14", soon()).equal);
  assert.ok(!symbolicEqual("x^2-1", "x^2+1", soon()).equal);
});

Deno.test("symbolicEqual() compares equations up to sign and matrices entry by entry", () => {
  assert.ok(symbolicEqual("y=2x+1", "2x-y+1=0", soon()).equal);
  assert.ok(!symbolicEqual("y=2x+1", "y=2x+2", soon()).equal);
  const a = "\\begin{pmatrix}0.33333&1\\\\2&3\\end{pmatrix}";
  const b = "\\begin{pmatrix}\\frac{1}{3}&1\\\\2&3\\end{pmatrix}";
  assert.ok(symbolicEqual(a, b, soon()).equal);
});

Deno.test("symbolicEqual() does not let one answer change how the next is parsed", () => {
  assert.ok(!symbolicEqual("x(y+1)", "7", soon()).equal);
  assert.ok(symbolicEqual("x^2+2x+1", "(x+1)^2", soon()).equal, "x is still a variable");
});

Deno.test("symbolicEqual() rejects overflowing and underflowing values", () => {
  assert.ok(!symbolicEqual("2024^{4046}", "2024^{4046}+1", soon()).equal);
  assert.ok(!symbolicEqual("1/2004!", "0", soon()).equal);
});

Deno.test("symbolicEqual() reports a refusal or an exhausted budget instead of working", () => {
  assert.equal(symbolicEqual("10^{10^{10}}", "1", soon()).refused, "power too large");
  const late = symbolicEqual("x^2", "x^2+0", performance.now() - 1);
  assert.deepEqual(late, { equal: false, timedOut: true });
});

Deno.test("latexToPlain() reads fractions, roots and polynomials, and refuses the rest", () => {
  assert.equal(latexToPlain("\\frac{3}{4}"), "((3)/(4))");
  assert.equal(latexToPlain("2\\sqrt{2}"), "2 sqrt((2)) ");
  assert.equal(latexToPlain("3\\frac{1}{2}"), undefined, "a mixed number is the engine's");
  assert.equal(latexToPlain("e^{2}"), undefined, "e is Euler's number, not a variable");
  assert.equal(latexToPlain("\\sin x"), undefined);
});

Deno.test("plainEqual() gives the engine's verdicts without the engine", () => {
  assert.equal(plainEqual("\\frac{3}{4}", "0.75", false), true);
  assert.equal(plainEqual("2\\sqrt{2}", "\\sqrt{8}", false), true);
  assert.equal(plainEqual("x^2+6x+9", "(x+3)^2", false), true);
  assert.equal(plainEqual("x^2+6x+9", "(x+4)^2", false), false);
  assert.equal(plainEqual("1112122", "1112112", false), false, "integers exactly");
  assert.equal(plainEqual("\\frac{2501}{100}", "25", true), false, "exact mode");
  assert.equal(plainEqual("2^{5000}", "1", false), undefined, "overflow: the engine path decides");
});
