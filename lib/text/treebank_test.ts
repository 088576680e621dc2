import assert from "node:assert/strict";
import { treebankTokenize, wordTokenize } from "./treebank.ts";
import { readTextCases } from "../../tests/fixtures/ifeval/text_cases.ts";

Deno.test("wordTokenize() gives NLTK 3.8's word_tokenize tokens on every fixture text", async () => {
  const cases = await readTextCases();
  assert.ok(cases.length > 700);
  for (const { text, words } of cases) {
    assert.deepEqual(wordTokenize(text), words, JSON.stringify(text));
  }
});

Deno.test("wordTokenize() splits sentences first, then punctuation (NLTK's documented example)", () => {
  assert.deepEqual(
    wordTokenize("Good muffins cost $3.88\nin New York.  Please buy me\ntwo of them.\n\nThanks."),
    [
      ...["Good", "muffins", "cost", "$", "3.88", "in", "New", "York", ".", "Please", "buy"],
      ...["me", "two", "of", "them", ".", "Thanks", "."],
    ],
  );
  assert.deepEqual(wordTokenize(""), []);
});

Deno.test("treebankTokenize() splits contractions and turns double quotes into `` and ''", () => {
  assert.deepEqual(treebankTokenize("They'll save and invest more."), [
    ...["They", "'ll", "save", "and", "invest", "more", "."],
  ]);
  assert.deepEqual(
    treebankTokenize(`I cannot believe 'tis gonna work -- "really".`),
    [
      ...["I", "can", "not", "believe", "'t", "is", "gon", "na", "work", "--", "``", "really"],
      ...["''", "."],
    ],
  );
});

Deno.test("treebankTokenize() matches letters case-insensitively as Python does (ı is i)", () => {
  assert.deepEqual(treebankTokenize("CANNOT, gımme"), ["CAN", "NOT", ",", "gım", "me"]);
  assert.deepEqual(treebankTokenize("İstanbul'da."), ["İstanbul'da", "."]);
});

Deno.test("treebankTokenize() gives NLTKWordTokenizer's tokens on every whole fixture text", async () => {
  for (const { text, treebank } of await readTextCases()) {
    assert.deepEqual(treebankTokenize(text), treebank, JSON.stringify(text));
  }
});
