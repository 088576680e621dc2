import assert from "node:assert/strict";
import { gamma, logGamma } from "./gamma.ts";

Deno.test("gamma() and logGamma() give, bit for bit, what their two former copies gave", () => {
  // [x, Γ(x), ln Γ(x)] printed by the math evaluator's and the statistics' own copies.
  const pinned: [number, number | null, number | null][] = [
    [0.1, 9.513507698668736, 2.252712651734206],
    [0.5, 1.7724538509055159, 0.5723649429246995],
    [1, 0.9999999999999998, -8.881784197001252e-16],
    [1.5, 0.8862269254527586, -0.12078223763524498],
    [2.5, 1.3293403881791384, 0.28468287047292096],
    [5, 23.999999999999996, 3.178053830347944],
    [10.3, 716430.6890623771, 13.48203678613836],
    [171.5, null, 709.1431630309281],
    [-0.5, -3.5449077018110295, null],
    [-2.5, -0.9453087204829417, null],
  ];
  for (const [x, g, lg] of pinned) {
    if (g !== null) assert.equal(gamma(x), g, `gamma(${x})`);
    if (lg !== null) assert.equal(logGamma(x), lg, `logGamma(${x})`);
  }
  assert.equal(gamma(171.5), Infinity);
});
