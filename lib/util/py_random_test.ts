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

// python3 -c "import random; r=random.Random(S); print([r.random() for _ in range(3)])" etc.
const SEEDS: (number | bigint)[] = [0, 1, 42, 2n ** 64n - 1n];

Deno.test("PyRandom.random() gives CPython's floats for several seeds", () => {
  const expected = [
    [0.8444218515250481, 0.7579544029403025, 0.420571580830845],
    [0.13436424411240122, 0.8474337369372327, 0.763774618976614],
    [0.6394267984578837, 0.025010755222666936, 0.27502931836911926],
    [0.021825695401270107, 0.3380953268613758, 0.21196748656082065],
  ];
  SEEDS.forEach((seed, i) => {
    const r = new PyRandom(seed);
    assert.deepEqual([r.random(), r.random(), r.random()], expected[i]);
  });
});

Deno.test("PyRandom.gauss() gives CPython's deviates, the cached second of each pair included", () => {
  const expected = [
    [
      0.9417154046806644,
      -1.3965781047011498,
      -0.6797144480784211,
      0.3705035674606598,
      -1.016348894188071,
      9.855759954429857,
    ],
    [
      1.2881847531554629,
      1.449445608699771,
      0.06633580893826191,
      -0.7645436509716318,
      -1.0921732151041414,
      10.062669033663434,
    ],
    [
      -0.14409032957792836,
      -0.1729036003315193,
      -0.11131586156766246,
      0.7019837250988631,
      -0.12758828378288709,
      7.005293171318085,
    ],
    [
      0.8999136334180872,
      0.12418903243063466,
      0.3270949030553384,
      1.3426419716723403,
      0.8426386256110661,
      9.067586379058856,
    ],
  ];
  SEEDS.forEach((seed, i) => {
    const r = new PyRandom(seed);
    const got = Array.from({ length: 5 }, () => r.gauss(0, 1));
    got.push(r.gauss(10, 2));
    assert.deepEqual(got, expected[i]);
  });
  // Other draws between two gauss() calls do not disturb the cached deviate.
  const r = new PyRandom(0);
  const mixed = [r.gauss(), r.randbelow(7), r.gauss(), r.random(), r.gauss()];
  assert.deepEqual(mixed, [
    0.9417154046806644,
    3,
    -1.3965781047011498,
    0.04048437818077755,
    1.1265434960496987,
  ]);
});

Deno.test("PyRandom.choice() picks CPython's elements and refuses an empty list", () => {
  const letters = [..."abcdefghij"];
  const big = { length: 1000003 };
  const expected = [
    ["ggaeihge", [499748, 375441, 611720]],
    ["cjbebhhh", [683244, 398055, 827036]],
    ["baeddcbi", [91161, 619176, 442417]],
    ["adfjdhjb", [964240, 944569, 389068]],
  ] as const;
  SEEDS.forEach((seed, i) => {
    const r = new PyRandom(seed);
    const picked = Array.from({ length: 8 }, () => r.choice(letters)).join("");
    assert.equal(picked, expected[i][0]);
    const indices = Array.from({ length: 3 }, () => r.randbelow(big.length));
    assert.deepEqual(indices, expected[i][1]);
  });
  assert.throws(() => new PyRandom(0).choice([]), RangeError);
});

Deno.test("PyRandom.clone() continues the same stream, the cached gauss deviate included", () => {
  const a = new PyRandom(7);
  a.gauss(); // leaves the pair's second deviate cached
  for (let i = 0; i < 700; i++) a.getrandbits(32); // past a refill
  const b = a.clone();
  const drawA = [a.gauss(), a.random(), a.randbelow(1000), a.gauss(), a.gauss()];
  const drawB = [b.gauss(), b.random(), b.randbelow(1000), b.gauss(), b.gauss()];
  assert.deepEqual(drawB, drawA); // b drew after a: sharing a state would have moved it on
});
