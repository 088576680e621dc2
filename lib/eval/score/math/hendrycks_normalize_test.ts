import assert from "node:assert/strict";
import { normalizeAnswer } from "./hendrycks_normalize.ts";

Deno.test("normalizeAnswer() applies the Hendrycks MATH normalisation", () => {
  assert.equal(normalizeAnswer("\\text{ 5 }"), "5");
  assert.equal(normalizeAnswer("0.5"), "\\frac{1}{2}");
  assert.equal(normalizeAnswer("\\dfrac12"), "\\frac{1}{2}");
  assert.equal(normalizeAnswer("3/4"), "\\frac{3}{4}");
  assert.equal(normalizeAnswer("\\sqrt3"), "\\sqrt{3}");
  assert.equal(normalizeAnswer("k = 7"), "7");
  assert.equal(normalizeAnswer("10\\text{ cm}"), "10");
  assert.equal(normalizeAnswer("50\\%"), "50");
});

Deno.test("normalizeAnswer() returns the input where the Python raises", () => {
  assert.equal(normalizeAnswer("2\\sqrt"), "2\\sqrt");
  assert.equal(normalizeAnswer("1\\text{ a}\\text{ b}"), "1\\text{ a}\\text{ b}");
  // A \frac at the very end raises there (the shared fixFracs leaves such text alone otherwise).
  assert.equal(normalizeAnswer("1 / 2\\frac"), "1 / 2\\frac"); // unraised, spaces would go
  assert.equal(normalizeAnswer("\\frac12"), "\\frac{1}{2}");
});
