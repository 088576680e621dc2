import assert from "node:assert/strict";
import {
  asciiDigits,
  npRound,
  pyFloat,
  pyFloatRepr,
  pyInt,
  pyIsClose,
  pyIsUpperChar,
  pyRstrip,
  pySplitSpace,
  pyStrip,
} from "./py_compat.ts";

Deno.test("pyFloat() accepts what Python's float() accepts and nothing more", () => {
  assert.equal(pyFloat(" 5. "), 5);
  assert.equal(pyFloat(".5"), 0.5);
  assert.equal(pyFloat("1_000.5"), 1000.5);
  assert.equal(pyFloat("1e3"), 1000);
  assert.equal(pyFloat("-Infinity"), -Infinity);
  assert.ok(Number.isNaN(pyFloat("nan") ?? 0));
  assert.equal(pyFloat("٣"), 3, "Unicode digits");
  for (const bad of ["", ".", "1__0", "_1", "1_", "1,000", "0x10", "5%", "1/2"]) {
    assert.equal(pyFloat(bad), undefined, bad);
  }
});

Deno.test("pyInt() parses base-10 integers exactly, big ones included", () => {
  assert.equal(pyInt("007"), 7n);
  assert.equal(pyInt(" -12 "), -12n);
  assert.equal(pyInt("１２"), 12n);
  assert.equal(pyInt("123456789012345678901234567890"), 123456789012345678901234567890n);
  assert.equal(pyInt("1.0"), undefined);
  assert.equal(pyInt("+"), undefined);
});

Deno.test("pyFloatRepr() prints floats like Python's repr", () => {
  assert.equal(pyFloatRepr(5), "5.0");
  assert.equal(pyFloatRepr(0.1), "0.1");
  assert.equal(pyFloatRepr(1e16), "1e+16");
  assert.equal(pyFloatRepr(1e15), "1000000000000000.0");
  assert.equal(pyFloatRepr(1.5e-5), "1.5e-05");
  assert.equal(pyFloatRepr(0.0001), "0.0001");
  assert.equal(pyFloatRepr(-2.5), "-2.5");
  assert.equal(pyFloatRepr(-0), "-0.0");
  assert.equal(pyFloatRepr(Infinity), "inf");
});

Deno.test("npRound() rounds like numpy: scale, round half to even, unscale", () => {
  assert.equal(npRound(0.125, 2), 0.12);
  assert.equal(npRound(0.375, 2), 0.38);
  assert.equal(npRound(0.665, 2), 0.66, "numpy, where Python's round gives 0.67");
  assert.equal(npRound(2 / 3, 2), 0.67);
  assert.equal(npRound(1, 2), 1);
});

Deno.test("pyIsClose() is relative only, like math.isclose with abs_tol=0", () => {
  assert.ok(pyIsClose(12, 12.00005, 1e-4));
  assert.ok(!pyIsClose(0, 1e-20, 1e-4));
  assert.ok(pyIsClose(Infinity, Infinity, 1e-4));
  assert.ok(!pyIsClose(NaN, NaN, 1e-4));
});

Deno.test("string helpers use Python's whitespace set and upper-case rule", () => {
  assert.equal(pyStrip("\x1c a \u3000"), "a", "Python strips \\x1c and the ideographic space");
  assert.equal(pyStrip("\ufeffa"), "\ufeffa", "but not the BOM, unlike String.trim()");
  assert.equal(pyRstrip("5...", "."), "5");
  assert.deepEqual(pySplitSpace(" a \t b\n"), ["a", "b"]);
  assert.ok(pyIsUpperChar("Ⅳ") && pyIsUpperChar("Ａ") && pyIsUpperChar("B"));
  assert.ok(!pyIsUpperChar("b") && !pyIsUpperChar("中") && !pyIsUpperChar("ǅ"));
  assert.equal(asciiDigits("x٣４9"), "x349");
});
