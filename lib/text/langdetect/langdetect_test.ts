import assert from "node:assert/strict";
import { detectLanguage, detectLanguageProbabilities } from "./mod.ts";

interface Case {
  name: string;
  text: string;
  lang: string | null;
  probs?: [string, number][] | null;
}

const CASES: Case[] = Deno.readTextFileSync(
  new URL("../../../tests/fixtures/ifeval/langdetect_cases.jsonl", import.meta.url),
).split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));

Deno.test("detectLanguage() answers what Python langdetect 1.0.9 answers at seed 0, on every fixture", () => {
  const wrong = CASES.filter((c) => (detectLanguage(c.text) ?? null) !== c.lang)
    .map((c) => `${c.name}: ${detectLanguage(c.text)} (Python: ${c.lang})`);
  assert.deepEqual(wrong, []);
  assert.ok(CASES.length > 700);
  // Every profile answers at least once, and some texts have no features.
  const answers = new Set(CASES.map((c) => c.lang));
  assert.equal(answers.size, 56);
  assert.ok(answers.has(null));
});

Deno.test("detectLanguageProbabilities() gives Python's detect_langs list to the last bit", () => {
  const withProbs = CASES.filter((c) => c.probs !== undefined);
  assert.ok(withProbs.length > 150);
  for (const c of withProbs) {
    const got = detectLanguageProbabilities(c.text)?.map((p) => [p.lang, p.prob]) ?? null;
    assert.deepEqual(got, c.probs, c.name);
  }
});
