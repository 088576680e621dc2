import assert from "node:assert/strict";
import { editDistance } from "./edit_distance.ts";

Deno.test("editDistance() counts insertions, deletions and substitutions", () => {
  assert.equal(editDistance("", ""), 0);
  assert.equal(editDistance("gsm8k", "gsm8k"), 0);
  assert.equal(editDistance("", "abc"), 3);
  assert.equal(editDistance("abc", ""), 3);
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("gsm8", "gsm8k"), 1);
  assert.equal(editDistance("mmlu", "mmul"), 2);
});
