import assert from "node:assert/strict";
import { countWords, KwargsError, letterFrequency, nthParagraphFirstWord } from "./checkers.ts";
import { followInstructions, looseVariants, presentKwargs } from "./evaluate.ts";
import { CHECKERS } from "./instructions.ts";
import { pyJsonLoads } from "./py_json.ts";
import { pyCountMatches, pySearch } from "./py_regex.ts";

Deno.test("pyJsonLoads() accepts Python's NaN and Infinity outside strings only where Python does", () => {
  assert.equal(pyJsonLoads('{"a": 1}'), true);
  assert.equal(pyJsonLoads("[NaN, Infinity, -Infinity]"), true);
  assert.equal(pyJsonLoads('{"s": "NaN inside"}'), true);
  assert.equal(pyJsonLoads("-NaN"), false);
  assert.equal(pyJsonLoads("1NaN"), false);
  assert.equal(pyJsonLoads("NaNx"), false);
  assert.equal(pyJsonLoads("{'a': 1}"), false);
});

Deno.test("pySearch() gives \\b and \\w Python's Unicode meaning", () => {
  // JavaScript's \b is ASCII-only even with the u flag: "é" would count as a boundary.
  assert.equal(pySearch("\\bcaf\\b", "café"), false);
  assert.equal(pySearch("\\bcafé\\b", "un café noir", { ignoreCase: true }), true);
  assert.equal(pyCountMatches("\\w+", "नमस्ते"), 2, "Devanagari vowel signs are not \\w");
  assert.equal(pySearch("a.b", "a\nb"), false);
  assert.equal(pySearch("a.b", "a\rb"), true, "Python's . stops only at \\n");
});

Deno.test("countWords() counts Unicode \\w runs as NLTK's RegexpTokenizer(r'\\w+') does", () => {
  assert.equal(countWords("state-of-the-art, don't stop"), 7);
  assert.equal(countWords("ⅣⅤ ① २३"), 3);
});

Deno.test("letterFrequency() uses the given letter literally, punctuation included", () => {
  const kw = { letter: "#", let_frequency: 3, let_relation: "at least" };
  assert.equal(letterFrequency("#a #b #c", kw, ""), true);
  assert.equal(letterFrequency("#a #b", kw, ""), false);
  assert.throws(() => letterFrequency("x", { ...kw, letter: "ab" }, ""), KwargsError);
});

Deno.test("nthParagraphFirstWord() reads blank paragraphs by index, as the reference does", () => {
  const kw = { num_paragraphs: 2, nth_paragraph: 2, first_word: "blank" };
  // Three pieces, one blank: two paragraphs, but the second piece (index 1) is the blank one.
  assert.equal(nthParagraphFirstWord("One.\n\n\n\nBlank line before.", kw, ""), false);
  assert.equal(nthParagraphFirstWord("One.\n\nBlank, she said.", kw, ""), true);
});

Deno.test("looseVariants() are the reference's eight, in its order", () => {
  assert.deepEqual(looseVariants("*a*\nb\n*c*"), [
    "*a*\nb\n*c*",
    "a\nb\nc",
    "b\n*c*",
    "*a*\nb",
    "b",
    "b\nc",
    "a\nb",
    "b",
  ]);
});

Deno.test("followInstructions(): a blank response follows nothing; loose forgives a first line", () => {
  const item = {
    prompt: "p",
    instructionIds: ["startend:quotation", "punctuation:no_comma"],
    kwargs: [{}, {}],
  };
  assert.deepEqual(followInstructions(item, { response: " \n ", checkers: CHECKERS }), {
    strict: [false, false],
    loose: [false, false],
  });
  assert.deepEqual(
    followInstructions(item, { response: 'Sure, here:\n"quoted"', checkers: CHECKERS }),
    { strict: [false, false], loose: [true, true] },
  );
  assert.throws(
    () =>
      followInstructions({ ...item, instructionIds: ["nope:x"] }, {
        response: "x",
        checkers: CHECKERS,
      }),
    /unknown instruction "nope:x"/,
  );
});

Deno.test("presentKwargs() drops the hub's null arguments", () => {
  assert.deepEqual(presentKwargs({ a: 1, b: null, c: "x" }), { a: 1, c: "x" });
  assert.deepEqual(presentKwargs(null), {});
});
