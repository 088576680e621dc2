import assert from "node:assert/strict";
import { extractGsm8kStrict, INVALID } from "./gsm8k_strict.ts";
import { extractLastNumber } from "./last_number.ts";
import { gsm8kExactMatch } from "./gsm8k_exact_match.ts";

Deno.test("extractGsm8kStrict() takes the first '#### N' or says [invalid]", () => {
  assert.equal(extractGsm8kStrict("#### 5\n#### 6"), "5");
  assert.equal(extractGsm8kStrict("so #### -1,234.5"), "-1,234.5");
  assert.equal(extractGsm8kStrict("#### $5"), INVALID);
  assert.equal(extractGsm8kStrict("The answer is 5"), INVALID);
});

Deno.test("extractLastNumber() takes lm-eval's last number-like run", () => {
  assert.equal(extractLastNumber("It costs $18."), "$18.");
  assert.equal(extractLastNumber("3 then 4 then -5"), "-5");
  assert.equal(extractLastNumber("a 7"), "7", "single digits come from the second group");
  assert.equal(extractLastNumber("none"), INVALID);
});

Deno.test("gsm8kExactMatch() ignores commas, $, '… #### ' and one final period", () => {
  assert.ok(gsm8kExactMatch("$1,200.", "1200"));
  assert.ok(gsm8kExactMatch("72", "Reasoning 48+24=72\n#### 72"));
  assert.ok(!gsm8kExactMatch("7..", "7"));
  assert.ok(!gsm8kExactMatch("72.00", "72"));
  assert.ok(gsm8kExactMatch("18.\n", "18\n"), "Python's $ also matches before a final newline");
});
