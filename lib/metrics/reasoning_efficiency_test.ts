import assert from "node:assert/strict";
import {
  countThoughts,
  levelEfficiency,
  sampleEfficiency,
  splitSteps,
} from "./reasoning_efficiency.ts";

Deno.test("countThoughts() is 1 + the switch phrases, as words; 0 for no thinking", () => {
  assert.equal(countThoughts(""), 0);
  assert.equal(countThoughts("x = 2."), 1);
  assert.equal(countThoughts("x = 2. Wait, no. Alternatively x = 3. But wait, check."), 4);
  // Inside a word is not a switch ("otherwise" holds no phrase; "awaited" is not "wait, ").
  assert.equal(countThoughts("It was awaited, otherwise fine."), 1);
});

Deno.test("splitSteps() splits at blank lines and drops empty steps", () => {
  assert.deepEqual(splitSteps("a\nb\n\n c \n\n\n\nd"), ["a\nb", "c", "d"]);
  assert.deepEqual(splitSteps("  "), []);
});

Deno.test("sampleEfficiency() and levelEfficiency() on a synthetic run, by hand", () => {
  // A: correct, steps 10/20/30/40 tokens, first correct step 1 → 30 of 100: efficiency 0.3,
  //    reflection 70, 3 thoughts.
  const a = sampleEfficiency({
    stepTokens: [10, 20, 30, 40],
    firstCorrectStep: 1,
    correct: true,
    thoughts: 3,
  });
  assert.deepEqual(a, {
    reasoning: 100,
    firstCorrect: 30,
    reflection: 70,
    thoughts: 3,
    efficiency: 0.3,
    correct: true,
  });
  // B: correct, 50 tokens in one step, reached at once → efficiency 1, no reflection.
  const b = sampleEfficiency({ stepTokens: [50], firstCorrectStep: 0, correct: true, thoughts: 1 });
  assert.equal(b.efficiency, 1);
  assert.equal(b.reflection, 0);
  // C: wrong answer, steps 40/40, the judge still marks step 0 → efficiency 0, reflection 40.
  const c = sampleEfficiency({
    stepTokens: [40, 40],
    firstCorrectStep: 0,
    correct: false,
    thoughts: 2,
  });
  assert.deepEqual([c.firstCorrect, c.reflection, c.efficiency], [40, 40, 0]);
  // D: correct but no step reaches it (judge: none) → first-correct = all 60, efficiency 0.
  const d = sampleEfficiency({
    stepTokens: [60],
    firstCorrectStep: null,
    correct: true,
    thoughts: 1,
  });
  assert.deepEqual([d.firstCorrect, d.reflection, d.efficiency], [60, 0, 0]);
  const rows = levelEfficiency([
    { level: "Level 1", stats: a },
    { level: "Level 1", stats: b },
    { level: "Level 5", stats: c },
    { level: "Level 5", stats: d },
  ]);
  assert.deepEqual(rows.map((r) => r.level), ["Level 1", "Level 5", "OVERALL"]);
  assert.deepEqual(rows[0], {
    level: "Level 1",
    samples: 2,
    reasoningTokens: 75, // (100 + 50) / 2
    firstCorrectTokens: 40, // (30 + 50) / 2
    reflectionTokens: 35, // (70 + 0) / 2
    thoughts: 2, // (3 + 1) / 2
    tokenEfficiency: 0.65, // (0.3 + 1) / 2
    accuracy: 1,
  });
  assert.deepEqual(rows[1].accuracy, 0.5);
  assert.equal(rows[1].reasoningTokens, 70); // (80 + 60) / 2
  assert.equal(rows[2].reasoningTokens, 72.5); // (100 + 50 + 80 + 60) / 4
  assert.equal(rows[2].tokenEfficiency, 0.325); // (0.3 + 1 + 0 + 0) / 4
  assert.equal(rows[2].accuracy, 0.75);
});
