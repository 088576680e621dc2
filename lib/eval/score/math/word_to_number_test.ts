import assert from "node:assert/strict";
import { convertWordNumber } from "./word_to_number.ts";

Deno.test("convertWordNumber() converts English number phrases", () => {
  assert.equal(convertWordNumber("five"), "5");
  assert.equal(convertWordNumber("Twenty-One"), "21");
  assert.equal(convertWordNumber("one hundred"), "100");
  assert.equal(convertWordNumber("two thousand and five"), "2005");
  assert.equal(convertWordNumber("three million two hundred thousand"), "3200000");
  assert.equal(convertWordNumber("two point five"), "2.5");
  assert.equal(convertWordNumber("two point zero"), "2.0", "a float, printed like Python");
});

Deno.test("convertWordNumber() keeps word2number's quirks", () => {
  assert.equal(convertWordNumber("007"), "7", "digit strings lose leading zeros");
  assert.equal(convertWordNumber("x plus one"), "1", "other words are ignored");
  assert.equal(convertWordNumber("point"), "0");
  assert.equal(convertWordNumber("one two three four five"), "1", "five words: the first one");
});

Deno.test("convertWordNumber() returns the text unchanged when conversion fails", () => {
  for (
    const text of [
      "hello",
      "",
      "5x",
      "thousand thousand",
      "thousand five",
      "one point five point two",
    ]
  ) {
    assert.equal(convertWordNumber(text), text);
  }
});
