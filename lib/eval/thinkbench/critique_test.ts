import assert from "node:assert/strict";
import { critiquePrompt, parseFirstCorrect } from "./critique.ts";

Deno.test("critiquePrompt() shows the problem, the answer and the paragraphs tagged from 0", () => {
  const p = critiquePrompt("What is 2+3?", {
    answer: "5",
    segments: [{ text: "2+3 is 5.", end: 9 }, { text: "Check: 5.", end: 20 }],
  });
  assert.match(p, /\[Math Problem\]\n\nWhat is 2\+3\?\n\n\[Correct Answer\]\n\n5\n\n\[Solution\]/);
  assert.match(
    p,
    /<paragraph_0>\n2\+3 is 5\.\n<\/paragraph_0>\n\n<paragraph_1>\nCheck: 5\.\n<\/paragraph_1>/,
  );
  assert.match(p, /\\boxed\{\}/);
});

Deno.test("parseFirstCorrect() takes the last \\boxed{} holding a whole number in range", () => {
  assert.deepEqual(parseFirstCorrect("Paragraph 1 is right. \\boxed{1}", 3), { index: 1 });
  assert.deepEqual(parseFirstCorrect("\\boxed{0} no, \\boxed{ 2 }", 3), { index: 2 });
  assert.deepEqual(parseFirstCorrect("none is right: \\boxed{-1}", 3), { index: -1 });
});

Deno.test("parseFirstCorrect() gives no verdict for tricky replies instead of guessing", () => {
  const bad = [
    "The earliest correct paragraph is 1.", // no box
    "\\boxed{paragraph 2}", // EvalScope would read 2
    "\\boxed{1.5}",
    "\\boxed{3}", // only 0 … 2 exist
    "\\boxed{-2}",
    "\\boxed{}",
    "[ERROR] Qwen3-235B failed", // a failed call's text is never a verdict
  ];
  for (const reply of bad) {
    const got = parseFirstCorrect(reply, 3);
    assert.ok("error" in got, `${reply} → ${JSON.stringify(got)}`);
  }
});
