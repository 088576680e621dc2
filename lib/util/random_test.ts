import assert from "node:assert/strict";
import {
  exponential,
  gamma,
  hash32,
  mulberry32,
  normal,
  seededRandom,
  sfc32,
  shuffled,
  uniformInt,
  unitHash,
} from "./random.ts";

Deno.test("mulberry32() repeats the sequence eval shuffles, the simulator and the app rely on", () => {
  const m = mulberry32(42);
  assert.deepEqual([m(), m(), m()], [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  const again = mulberry32(42 + 2 ** 32); // seeds are taken modulo 2^32
  assert.equal(again(), 0.6011037519201636);
});

Deno.test("sfc32() repeats the sequence perf schedules and prompts rely on", () => {
  const s = sfc32(42);
  assert.deepEqual([s(), s(), s()], [0.8966411789879203, 0.8711060469504446, 0.6112346723675728]);
  const a = sfc32();
  const b = sfc32();
  assert.notDeepEqual([a(), a()], [b(), b()]);
});

Deno.test("hash32() and unitHash() depend on every part and on where parts split", () => {
  assert.equal(hash32("a", 1), 2048662975);
  assert.equal(unitHash("ab", "c"), 0.33089565322734416);
  assert.equal(unitHash("a", "bc"), 0.7628976951818913);
  assert.notEqual(hash32(1), hash32("1"));
});

Deno.test("shuffled() keeps the input and returns a seeded permutation", () => {
  const items = [1, 2, 3, 4, 5];
  assert.deepEqual(shuffled(items, mulberry32(7)), [4, 2, 3, 5, 1]);
  assert.deepEqual(items, [1, 2, 3, 4, 5]);
  assert.deepEqual(shuffled([], mulberry32(7)), []);
});

Deno.test("uniformInt() covers both ends and nothing outside", () => {
  const r = sfc32(1);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) seen.add(uniformInt(r, 1, 3));
  assert.deepEqual([...seen].sort(), [1, 2, 3]);
});

Deno.test("exponential(), normal() and gamma() have the means they promise", () => {
  const r = sfc32(3);
  const n = 20000;
  const mean = (f: () => number) => Array.from({ length: n }, f).reduce((a, b) => a + b, 0) / n;
  assert.ok(Math.abs(mean(() => exponential(r, 2)) - 2) < 0.1);
  assert.ok(Math.abs(mean(() => normal(r))) < 0.05);
  assert.ok(Math.abs(mean(() => gamma(r, 0.5)) - 0.5) < 0.05);
  assert.ok(Math.abs(mean(() => gamma(r, 4)) - 4) < 0.1);
});

Deno.test("the draws repeat what perf's former generator module drew for the same seed", () => {
  // Values printed by lib/load/rng.ts before it moved here.
  const r = sfc32(9);
  assert.equal(uniformInt(r, 1, 100), 91);
  assert.equal(exponential(r, 2), 2.2427602254759575);
  assert.equal(normal(r), 0.8680147320587097);
  assert.equal(gamma(r, 0.5), 0.1636630217275699);
  assert.equal(gamma(r, 4), 5.9829621752792725);
});

Deno.test("seededRandom() derives a mulberry32 seed from the run seed and labels", () => {
  const r = seededRandom(42, "gsm8k", "main");
  assert.deepEqual([r(), r()], [0.02573460852727294, 0.2892789093311876]);
  assert.notEqual(seededRandom(42, "gsm8k", "other")(), 0.02573460852727294);
  assert.notEqual(seededRandom(42, "gsm8kmain")(), 0.02573460852727294);
});
