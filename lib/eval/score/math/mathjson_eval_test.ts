import assert from "node:assert/strict";
import { evaluateMathJson, mathJsonVariables } from "./mathjson_eval.ts";

const near = (got: readonly [number, number] | undefined, re: number, im = 0) =>
  !!got && Math.abs(got[0] - re) < 1e-12 && Math.abs(got[1] - im) < 1e-12;

Deno.test("evaluateMathJson() evaluates arithmetic, roots, logs and trig", () => {
  assert.ok(near(evaluateMathJson(["Rational", 1, 2]), 0.5));
  assert.ok(near(evaluateMathJson(["Multiply", 2, ["Sqrt", 2]]), 2 * Math.SQRT2));
  assert.ok(near(evaluateMathJson(["Root", -8, 3]), -2), "odd real root of a negative");
  assert.ok(near(evaluateMathJson(["Log", 8, 2]), 3));
  assert.ok(near(evaluateMathJson(["Log", 1000]), 3), "base 10 by default");
  assert.ok(near(evaluateMathJson(["Cos", ["Multiply", ["Rational", 1, 3], "Pi"]]), 0.5));
  assert.ok(near(evaluateMathJson(["Binomial", 5, 2]), 10));
  assert.ok(near(evaluateMathJson(["Factorial", 5]), 120));
  assert.ok(near(evaluateMathJson({ num: "0.(3)" }), 1 / 3));
});

Deno.test("evaluateMathJson() handles complex values", () => {
  assert.ok(near(evaluateMathJson(["Sqrt", -4]), 0, 2));
  const euler = evaluateMathJson(["Power", "ExponentialE", ["Multiply", ["Complex", 0, 1], "Pi"]]);
  assert.ok(euler && Math.abs(euler[0] + 1) < 1e-12 && Math.abs(euler[1]) < 1e-12);
});

Deno.test("evaluateMathJson() refuses what a double cannot hold or it does not know", () => {
  assert.equal(evaluateMathJson(["Power", 2024, 4046]), undefined, "overflow");
  assert.equal(evaluateMathJson(["Divide", 1, ["Factorial", 2004]]), undefined);
  assert.equal(evaluateMathJson({ num: "1.8e-5749" }), undefined, "underflow");
  assert.equal(evaluateMathJson("PositiveInfinity"), undefined);
  assert.equal(evaluateMathJson(["Divide", 1, 0]), undefined);
  assert.equal(evaluateMathJson(["Integrate", "x"]), undefined);
  assert.equal(evaluateMathJson("x"), undefined, "unbound variable");
  assert.ok(near(evaluateMathJson(["Add", "x", 1], { x: 2 }), 3));
});

Deno.test("mathJsonVariables() lists free symbols, not constants", () => {
  const vars = mathJsonVariables(["Add", ["Multiply", "Pi", "r"], "ExponentialE", "theta"]);
  assert.deepEqual([...vars].sort(), ["r", "theta"]);
});
