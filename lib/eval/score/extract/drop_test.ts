import assert from "node:assert/strict";
import { dropAnswer } from "./drop_answer.ts";
import { dropScores, normalizeDropAnswer } from "./drop_scores.ts";

Deno.test("dropAnswer() reads the last Answer: line, or the first on request", () => {
  const text = "Answer: 3\nthinking\nanswer: 4 yards\n";
  assert.equal(dropAnswer(text), "4 yards");
  assert.equal(dropAnswer(text, { occurrence: "first" }), "3");
  assert.equal(dropAnswer("no marker"), "no marker");
});

Deno.test("normalizeDropAnswer() drops case, punctuation, articles and canonicalises numbers", () => {
  assert.equal(normalizeDropAnswer("The Giants!"), "giants");
  assert.equal(normalizeDropAnswer("1,000 yards"), "1000.0 yards");
  assert.equal(normalizeDropAnswer("62-yard"), "62.0 yard");
  assert.equal(normalizeDropAnswer("1e5"), "100000.0");
});

Deno.test("dropScores() scores exact match and bag F1 against the best gold", () => {
  assert.deepEqual(dropScores("Jacobs", [["Jacobs"]]), { em: 1, f1: 1 });
  assert.deepEqual(dropScores("43 yards", [["43"]]), { em: 0, f1: 0.67 });
  assert.deepEqual(dropScores("5 years", [["6 years"]]), { em: 0, f1: 0 });
  assert.deepEqual(dropScores("1680", [["1679"], "1680"]), { em: 1, f1: 1 });
  assert.deepEqual(dropScores("Giants and Cardinals", [["Giants", "Cardinals"]]), {
    em: 0,
    f1: 0.25,
  });
  assert.deepEqual(dropScores("7", [[""]]), { em: 0, f1: 0 }, "blank golds do not count");
});
