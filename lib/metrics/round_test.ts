import assert from "node:assert/strict";
import { round } from "./round.ts";

Deno.test("round() gives what each former local copy gave (x * 10^d rounded, divided back)", () => {
  assert.equal(round(0.123456789, 4), 0.1235);
  assert.equal(round(0.123456789, 6), 0.123457);
  assert.equal(round(12.3456, 3), 12.346);
  assert.equal(round(1.23456789, 5), 1.23457);
  assert.equal(round(-2.5, 0), -2); // halves upward, as Math.round
  assert.equal(round(41.3, 0), 41);
  for (const [x, d] of [[1 / 3, 4], [2 / 3, 6], [1234.56789, 3], [0.1 + 0.2, 5]] as const) {
    assert.equal(round(x, d), Math.round(x * 10 ** d) / 10 ** d);
  }
});

Deno.test("round() lets non-finite values through", () => {
  assert.equal(round(Infinity, 2), Infinity);
  assert.ok(Number.isNaN(round(NaN, 2)));
});
