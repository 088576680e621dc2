import assert from "node:assert/strict";
import { fixFracs, fixSlash, normalizeMathAnswer } from "./normalize_math_answer.ts";

Deno.test("normalizeMathAnswer() removes units, degrees, dollars, percent and spaces", () => {
  assert.equal(normalizeMathAnswer("18\\text{ dollars}"), "18");
  assert.equal(normalizeMathAnswer("5\\text{ cm}^2"), "5");
  assert.equal(normalizeMathAnswer("90^\\circ"), "90");
  assert.equal(normalizeMathAnswer("\\$1,234.50"), "1234.50");
  assert.equal(normalizeMathAnswer("50\\%"), "50");
  assert.equal(normalizeMathAnswer("6.02 \\times 10^{23}"), "6.02\\times10^{23}");
});

Deno.test("normalizeMathAnswer() rewrites fractions, roots and decimals", () => {
  assert.equal(normalizeMathAnswer("\\dfrac{3}{4}"), "\\frac{3}{4}");
  assert.equal(normalizeMathAnswer("\\frac12"), "\\frac{1}{2}");
  assert.equal(normalizeMathAnswer("3/4"), "\\frac{3}{4}");
  assert.equal(normalizeMathAnswer("\\sqrt2"), "\\sqrt{2}");
  assert.equal(normalizeMathAnswer(".5"), "0.5");
  assert.equal(normalizeMathAnswer("5.000"), "5");
  assert.equal(normalizeMathAnswer("2.00x"), "2x");
});

Deno.test("normalizeMathAnswer() sorts bare integer lists and drops x= prefixes", () => {
  assert.equal(normalizeMathAnswer("3, 1, 2"), "1,2,3");
  assert.equal(normalizeMathAnswer("007"), "7");
  assert.equal(normalizeMathAnswer("x = 5"), "5");
  assert.equal(normalizeMathAnswer("x=1, y=2"), "1,2");
  assert.equal(normalizeMathAnswer("1,000"), "1000", "thousands separators are not a list");
});

Deno.test("normalizeMathAnswer() reproduces EvalScope's blunt substring rules", () => {
  assert.equal(normalizeMathAnswer("2x+3y=6"), "2x+36", "'y=' is removed anywhere");
  assert.equal(normalizeMathAnswer("2 \\text{ and } 3"), "23", "'and' and spaces go");
  assert.equal(
    normalizeMathAnswer("\\begin{pmatrix}1\\\\2\\end{pmatrix}"),
    "\\begin{pmatrix}1\\2\\end{pmatrix}",
  );
});

Deno.test("fixFracs() and fixSlash() follow the Hendrycks helpers", () => {
  assert.equal(fixFracs("\\frac1{72}"), "\\frac{1}{72}");
  assert.equal(fixFracs("\\frac1"), "\\frac1", "too short: unchanged");
  assert.equal(fixSlash("-1/2"), "\\frac{-1}{2}");
  assert.equal(fixSlash("01/2"), "01/2", "not a canonical integer");
  assert.equal(fixSlash("\\sqrt{2}/2"), "\\frac{\\sqrt{2}}{2}");
  assert.equal(fixSlash("1/2/3"), "1/2/3");
});
