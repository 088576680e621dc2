import assert from "node:assert/strict";
import type { AggregateSample } from "../../lib/eval/define.ts";
import { arenaAggregation, type ArenaRecord } from "./aggregation.ts";

/** One question judged twice: game 1 baseline in A, game 2 candidate in A. */
function sample(index: number, first: string | null, second: string | null): AggregateSample {
  const arena: ArenaRecord = {
    candidate: "cand",
    baseline: "base",
    games: [
      { modelA: "base", modelB: "cand", judgment: first },
      { modelA: "cand", modelB: "base", judgment: second },
    ],
  };
  return { index, groupId: index, value: { score: 0.5 }, metadata: { arena } };
}

const samples = [
  sample(0, "B>A", "A>B"), // candidate wins both: 1 + 1
  sample(1, "B>>A", "A=B"), // decisive win (3) and a tie (1)
  sample(2, "A>B", "B>A"), // baseline wins both: 1 + 1
  sample(3, "A=B", null), // a tie; the second game has no verdict
  sample(4, "A>>B", "B>>A"), // baseline wins decisively twice: 3 + 3
];

Deno.test("arenaAggregation() reports the candidate's Bradley–Terry win rate: (W + T/2)/(W + L + T) against one baseline", () => {
  const metrics = arenaAggregation().subset(samples, { subset: "default", params: {} });
  // Weighted: W = 1 + 1 + 3 = 5, L = 1 + 1 + 3 + 3 = 8, T = 1 + 1 = 2 → (5 + 1)/15 = 0.4.
  assert.equal(metrics.length, 1);
  assert.equal(metrics[0].key, "winrate");
  assert.ok(Math.abs(metrics[0].score - 0.4) < 1e-9, String(metrics[0].score));
  const [lower, upper] = metrics[0].ci95!;
  assert.ok(lower <= 0.4 && 0.4 <= upper);
});

Deno.test("arenaAggregation() repeats its interval for one bootstrap_seed and adds bound metrics on request", () => {
  const params = { bootstrap_seed: 7, bootstrap_rounds: 50 };
  const first = arenaAggregation({ boundMetrics: true }).subset(samples, { subset: "s", params });
  const again = arenaAggregation({ boundMetrics: true }).subset(samples, { subset: "s", params });
  const other = arenaAggregation({ boundMetrics: true }).subset(samples, {
    subset: "s",
    params: { ...params, bootstrap_seed: 8 },
  });
  assert.deepEqual(first, again);
  assert.notDeepEqual(first, other);
  assert.deepEqual(first.map((m) => m.key), ["winrate", "winrate_lower", "winrate_upper"]);
  assert.deepEqual([first[1].score, first[2].score], first[0].ci95);
});
