import assert from "node:assert/strict";
import { PyRandom } from "./py_random.ts";

// Expected values were printed by CPython 3 (`random.Random(seed)`).

Deno.test("PyRandom gives CPython's getrandbits(32) stream for small, zero and 64-bit seeds", () => {
  const take = (seed: bigint | number, n: number) => {
    const r = new PyRandom(seed);
    return Array.from({ length: n }, () => r.getrandbits(32));
  };
  assert.deepEqual(take(42, 3), [2746317213, 478163327, 107420369]);
  assert.deepEqual(take(0, 2), [3626764237, 1654615998]);
  assert.deepEqual(take(2n ** 64n - 1n, 2), [93740670, 1068495656]);
  assert.equal(take(7, 700)[699], 72291700); // past the first 624-word refill
});

Deno.test("PyRandom.shuffle() leaves a list in random.shuffle's order", () => {
  const list = Array.from({ length: 10 }, (_, i) => i);
  assert.deepEqual(new PyRandom(1).shuffle(list), [6, 8, 9, 7, 5, 3, 0, 4, 1, 2]);
  assert.deepEqual(
    new PyRandom(798774608129117533n).shuffle(list),
    [7, 0, 1, 8, 3, 6, 9, 5, 2, 4],
  );
  assert.deepEqual(
    new PyRandom(12345678901234567890n).shuffle(list),
    [0, 3, 4, 1, 5, 2, 6, 7, 9, 8],
  );
  assert.deepEqual(list, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]); // the input is not changed
});

Deno.test("PyRandom.sample() picks what CPython's random.sample picks for the same seed", () => {
  // python3 -c "import random; r=random.Random(42); print(r.sample(range(10),4))"
  assert.deepEqual(new PyRandom(42).sample(10, 4), [1, 0, 4, 9]);
  // the set-based branch (n above the pool threshold)
  assert.deepEqual(new PyRandom(42).sample(1000, 7), [654, 114, 25, 759, 281, 250, 228]);
  // random.seed(5); random.sample(range(100),3); random.sample(range(50),2)
  const r = new PyRandom(5);
  assert.deepEqual(r.sample(100, 3), [79, 32, 94]);
  assert.deepEqual(r.sample(50, 2), [22, 44]);
});

Deno.test("PyRandom.sample() draws without replacement and refuses more than the pool", () => {
  const picks = new PyRandom(1).sample(30, 30);
  assert.deepEqual([...picks].sort((a, b) => a - b), Array.from({ length: 30 }, (_, i) => i));
  assert.throws(() => new PyRandom(1).sample(3, 4), RangeError);
});
