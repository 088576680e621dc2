import assert from "node:assert/strict";
import { inShard, parseShard, resolveShard } from "./shard.ts";

Deno.test("parseShard() reads K/N with K from 0 and below N", () => {
  assert.deepEqual(parseShard("2/4"), { index: 2, count: 4 });
  assert.deepEqual(parseShard(" 0 / 1 "), { index: 0, count: 1 });
  assert.match(parseShard("4/4") as string, /below N/);
  assert.match(parseShard("0/0") as string, /at least 1/);
  assert.match(parseShard("1of4") as string, /not K\/N/);
});

Deno.test("resolveShard(): --shard, then LMETER_SHARD, then JOB_COMPLETION_INDEX with --shards", () => {
  const env = { LMETER_SHARD: "1/3", JOB_COMPLETION_INDEX: "2" };
  assert.deepEqual(resolveShard({ shard: "0/3" }, env), { index: 0, count: 3 });
  assert.deepEqual(resolveShard({}, env), { index: 1, count: 3 });
  assert.deepEqual(resolveShard({ shards: 4 }, { JOB_COMPLETION_INDEX: "2" }), {
    index: 2,
    count: 4,
  });
  assert.equal(resolveShard({}, { JOB_COMPLETION_INDEX: "2" }), null, "no --shards: unsharded");
  assert.throws(() => resolveShard({ shards: 4 }, {}), /--shards without a shard index/);
  assert.throws(() => resolveShard({ shard: "1/3", shards: 4 }, {}), /says 3 shards, --shards 4/);
  assert.throws(() => resolveShard({ shards: 4 }, { JOB_COMPLETION_INDEX: "4" }), /below N/);
});

Deno.test("inShard() gives every group to exactly one of N shards, balanced", () => {
  const counts = [0, 0, 0];
  for (let g = 0; g < 10; g++) {
    const owners = [0, 1, 2].filter((k) => inShard(g, { index: k, count: 3 }));
    assert.equal(owners.length, 1);
    counts[owners[0]]++;
  }
  assert.deepEqual(counts, [4, 3, 3]);
  assert.ok(inShard(7, null));
});
