import assert from "node:assert/strict";
import { englishPunktParameters, sentenceTokenize } from "./punkt.ts";
import { PUNKT_ENGLISH_JSON } from "./data/punkt_english_gen.ts";
import { pySplit } from "./py_str.ts";
import { seededRandom, uniformInt } from "../util/random.ts";
import { readTextCases } from "../../tests/fixtures/ifeval/text_cases.ts";

Deno.test("sentenceTokenize() gives NLTK 3.8's English Punkt sentences on every fixture text", async () => {
  const cases = await readTextCases();
  assert.ok(cases.length > 700);
  for (const { text, sentences } of cases) {
    assert.deepEqual(sentenceTokenize(text), sentences, JSON.stringify(text));
  }
});

Deno.test("sentenceTokenize() keeps closing brackets and quotes with their sentence (NLTK's examples)", () => {
  assert.deepEqual(
    sentenceTokenize(
      '(How does it deal with this parenthesis?)  "It should be part of the previous sentence."',
    ),
    ["(How does it deal with this parenthesis?)", '"It should be part of the previous sentence."'],
  );
  assert.deepEqual(sentenceTokenize("He said (quietly.) Then left."), [
    "He said (quietly.)",
    "Then left.",
  ]);
});

Deno.test("sentenceTokenize() does not break after abbreviations, initials or ordinals", () => {
  assert.deepEqual(sentenceTokenize("Mr. Smith met Dr. Who at 3 p.m. today. It rained."), [
    "Mr. Smith met Dr. Who at 3 p.m. today.",
    "It rained.",
  ]);
  assert.deepEqual(sentenceTokenize("J. K. Rowling wrote it."), ["J. K. Rowling wrote it."]);
  // A period-final number before a lower-case word is an ordinal, not a break.
  assert.deepEqual(sentenceTokenize("It was the 5. day. Then"), ["It was the 5. day.", "Then"]);
  assert.deepEqual(sentenceTokenize(""), []);
  assert.deepEqual(sentenceTokenize("  \n "), []);
  assert.deepEqual(sentenceTokenize("no end"), ["no end"]);
});

const PIECES = [
  "Dr.",
  "U.S.",
  "e.g.",
  "J.",
  "a.",
  "3.14",
  "2.",
  "Hello",
  "world",
  "the",
  "It",
  "HELLO",
  "I'm",
  ".",
  "!",
  "?",
  "...",
  "…",
  ". . .",
  ",",
  ";",
  "--",
  '"',
  "'",
  "''",
  "“",
  "”",
  "(",
  ")",
  "[",
  "]",
  "*",
  "café",
  "ΟΔΟΣ",
  "这是",
  "。",
  "😀",
  "Ⅻ",
  "word.",
  "Word.",
  "(word)",
  '"word"',
];
const SEPARATORS = [" ", " ", "", "  ", "\n", "\n\n", "\t", "\u00a0", "\r\n"];

Deno.test("sentenceTokenize() returns in-order slices that keep every non-space character", () => {
  const random = seededRandom(14, "punkt");
  const pick = <T>(items: readonly T[]) => items[uniformInt(random, 0, items.length - 1)];
  for (let n = 0; n < 2000; n++) {
    const parts = Array.from({ length: uniformInt(random, 1, 16) }, () => pick(PIECES));
    const text = parts.map((p) => p + pick(SEPARATORS)).join("");
    const sentences = sentenceTokenize(text);
    let at = 0;
    for (const sentence of sentences) {
      const found = text.indexOf(sentence, at);
      assert.ok(found >= 0, JSON.stringify({ text, sentences }));
      at = found + sentence.length;
    }
    assert.equal(pySplit(sentences.join("")).join(""), pySplit(text).join(""), text);
  }
});

Deno.test("the compiled-in Punkt parameters are punkt_english.json's (scripts/build_punkt_data.ts)", async () => {
  const file = JSON.parse(
    await Deno.readTextFile(new URL("./data/punkt_english.json", import.meta.url)),
  );
  assert.deepEqual(JSON.parse(PUNKT_ENGLISH_JSON), file);
  const params = englishPunktParameters();
  assert.equal(params.abbrevTypes.size, 156);
  assert.equal(params.sentStarters.size, 39);
  assert.equal([...params.collocations.values()].reduce((n, s) => n + s.size, 0), 37);
  assert.equal(params.orthoContext.size, Object.keys(file.ortho_context).length);
});
