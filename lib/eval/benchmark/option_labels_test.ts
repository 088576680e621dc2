import assert from "node:assert/strict";
import { optionLabel, optionLabels } from "./option_labels.ts";

Deno.test("optionLabels() labels options A–Z then 1, 2, … (EvalScope's scheme)", () => {
  assert.deepEqual(optionLabels(4), ["A", "B", "C", "D"]);
  assert.deepEqual(optionLabels(28).slice(24), ["Y", "Z", "1", "2"]);
  assert.deepEqual(optionLabels(0), []);
  assert.equal(optionLabel(25), "Z");
  assert.equal(optionLabel(26), "1");
});

Deno.test("optionLabels() hands out one frozen list per count, which callers cannot change", () => {
  const a = optionLabels(5);
  assert.equal(optionLabels(5), a);
  assert.ok(Object.isFrozen(a));
  assert.throws(() => (a as string[]).push("F"), TypeError);
  assert.deepEqual(optionLabels(5), ["A", "B", "C", "D", "E"]);
  assert.deepEqual(optionLabels(100).slice(-1), ["74"]);
});
