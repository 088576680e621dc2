import assert from "node:assert/strict";
import {
  expandPlusMinus,
  isLabel,
  readIntervals,
  splitLabelled,
  splitUnit,
} from "./answer_forms.ts";

Deno.test("isLabel() accepts names and refuses computations", () => {
  for (const label of ["(p,q)", "|AB|", "f(x)", "V_1:V_2", "a_{37}", "\\angle ABC", "abc"]) {
    assert.ok(isLabel(label), label);
  }
  for (const text of ["x+y", "2x", "f(2)", "3", ""]) assert.ok(!isLabel(text), text);
  assert.deepEqual(splitLabelled("a_{37}=19"), { label: "a_37", value: "19" });
  assert.equal(splitLabelled("x+y=5"), undefined);
});

Deno.test("expandPlusMinus() gives both values", () => {
  assert.deepEqual(expandPlusMinus("\\pm2021"), ["2021", "-2021"]);
  assert.deepEqual(expandPlusMinus("1\\pm\\sqrt{2}"), ["1+\\sqrt{2}", "1-\\sqrt{2}"]);
  assert.equal(expandPlusMinus("1,\\pm2"), undefined);
});

Deno.test("readIntervals() reads inequalities, membership and set-builder sets", () => {
  const closed = { low: "-2", high: "7", lowClosed: true, highClosed: true };
  assert.deepEqual(readIntervals("-2\\lex\\le7"), { pieces: [closed], inequality: true });
  assert.deepEqual(readIntervals("[-2,7]"), { pieces: [closed], inequality: false });
  assert.deepEqual(readIntervals("5\\gex")?.pieces, [
    { low: "-\\infty", high: "5", lowClosed: false, highClosed: true },
  ]);
  assert.deepEqual(readIntervals("{x\\midx>3}")?.pieces, [
    { low: "3", high: "\\infty", lowClosed: false, highClosed: false },
  ]);
  assert.equal(readIntervals("x^2>3"), undefined);
});

Deno.test("splitUnit() reads a number and a unit word, keeping area and volume apart", () => {
  assert.deepEqual(splitUnit("125miles"), { value: "125", unit: "length:mile" });
  assert.deepEqual(splitUnit("5squaremeters"), { value: "5", unit: "length:m^2" });
  assert.deepEqual(splitUnit("12\\text{cm}"), { value: "12", unit: "length:cm" });
  assert.equal(splitUnit("5m"), undefined, "a single letter is a variable, not a unit");
  assert.equal(splitUnit("x+2hours"), undefined);
});
