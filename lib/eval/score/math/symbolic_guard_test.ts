import assert from "node:assert/strict";
import { symbolicRisk } from "./symbolic_guard.ts";

Deno.test("symbolicRisk() refuses answers the engine cannot finish quickly", () => {
  assert.equal(symbolicRisk("10^{10^{10}}"), "power too large");
  assert.equal(symbolicRisk("9^{9^{9}}"), "power too large");
  assert.equal(symbolicRisk("2^{100000}"), "power too large");
  assert.equal(symbolicRisk("(x+1)^{5000}"), "exponent too large");
  assert.equal(symbolicRisk("100000!"), "factorial too large");
  assert.equal(symbolicRisk("\\sum_{k=1}^{n} k"), "sum, product, integral or limit");
  assert.equal(symbolicRisk("x".repeat(401)), "too long");
  assert.equal(symbolicRisk("(".repeat(41) + ")".repeat(41)), "nested too deeply");
  assert.equal(symbolicRisk("x^{a^{b}}"), "power tower");
});

Deno.test("symbolicRisk() lets ordinary answers through", () => {
  for (
    const ok of [
      "2024^{4046}",
      "2^{3^{4}}",
      "1/2004!",
      "e^{i\\pi}",
      "x^2+2x+1",
      "\\frac{\\sqrt{3}}{2}",
    ]
  ) {
    assert.equal(symbolicRisk(ok), undefined, ok);
  }
});
