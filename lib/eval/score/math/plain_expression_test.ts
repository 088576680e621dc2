import assert from "node:assert/strict";
import { evaluatePlain, plainVariables } from "./plain_expression.ts";

Deno.test("evaluatePlain() evaluates sympy-style plain text", () => {
  assert.equal(evaluatePlain("2+3*4"), 14);
  assert.equal(evaluatePlain("2^3^2"), 512, "right-associative");
  assert.equal(evaluatePlain("2**3"), 8);
  assert.equal(evaluatePlain("-2^2"), -4);
  assert.equal(evaluatePlain("2(3+1)"), 8, "implicit product");
  assert.equal(evaluatePlain("2sqrt(4)"), 4);
  assert.equal(evaluatePlain("xy", { x: 2, y: 5 }), 10, "letters split");
  assert.ok(Math.abs((evaluatePlain("pi/2") ?? 0) - Math.PI / 2) < 1e-12);
});

Deno.test("evaluatePlain() refuses what it cannot read", () => {
  for (const bad of ["", "2+", "(1", "x", "1,2", "3!"]) {
    assert.equal(evaluatePlain(bad), undefined, bad);
  }
  assert.deepEqual(plainVariables("2sqrt(x)+pi*y"), ["x", "y"]);
});
