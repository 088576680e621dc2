import assert from "node:assert/strict";
import { parseMultipleChoice } from "./multiple_choice.ts";
import { optionLabels } from "../../benchmark/option_labels.ts";

Deno.test("parseMultipleChoice() reads the last labelled ANSWER: marker", () => {
  assert.equal(parseMultipleChoice("ANSWER: [LETTER]\nANSWER: B\nANSWER: see above"), "B");
  assert.equal(parseMultipleChoice("**Answer:** (C)"), "C");
  assert.equal(parseMultipleChoice("ANSWER: 【D】"), "D");
  assert.equal(parseMultipleChoice("ANSWER: B, not C"), "B");
});

Deno.test("parseMultipleChoice() single mode needs exactly one valid label", () => {
  assert.equal(parseMultipleChoice("ANSWER: A, C"), "");
  assert.equal(parseMultipleChoice("ANSWER: E"), "");
  assert.equal(parseMultipleChoice("ANSWER: E", { letters: "ABCDE" }), "E");
});

Deno.test("parseMultipleChoice() multiple mode returns the sorted letters", () => {
  const multiple = { letters: "ABCDE", multiple: true };
  assert.equal(parseMultipleChoice("ANSWER: C, A", multiple), "AC");
  assert.equal(parseMultipleChoice("ANSWER: EBA", multiple), "ABE");
  assert.equal(parseMultipleChoice("ANSWER: (A, C)", multiple), "AC");
});

Deno.test("parseMultipleChoice() falls back to the last capital only when asked", () => {
  assert.equal(parseMultipleChoice("I choose C. Because"), "", "the B of Because is no label");
  assert.equal(parseMultipleChoice("I choose C. Because", { fallback: false }), "");
  assert.equal(parseMultipleChoice("I choose C."), "C");
  assert.equal(parseMultipleChoice("ANSWER: A, C"), "", "no fallback once a marker matched");
});

Deno.test("parseMultipleChoice() never credits the first letter of a word", () => {
  assert.equal(parseMultipleChoice("Athanks for the question, it is hard"), "");
  assert.equal(parseMultipleChoice("Athanks"), "");
  assert.equal(parseMultipleChoice("Because"), "");
  assert.equal(parseMultipleChoice("A and B are wrong. ANSWER: none"), "", "R of ANSWER decides");
  assert.equal(parseMultipleChoice("Dear user, I cannot"), "", "I is standalone but no option");
  for (const text of ["A", "(A)", "A.", "**A**", "The option is A, clearly", "我选A"]) {
    assert.equal(parseMultipleChoice(text), "A", text);
  }
  assert.equal(parseMultipleChoice("答案：A", { chinese: true }), "A");
});

Deno.test("parseMultipleChoice() Chinese mode reads 答案：", () => {
  assert.equal(parseMultipleChoice("解析……\n答案：C", { chinese: true }), "C");
  assert.equal(parseMultipleChoice("答案：A，C", { chinese: true, multiple: true }), "AC");
  assert.equal(
    parseMultipleChoice("答案：C", { fallback: false }),
    "",
    "English mode ignores 答案",
  );
});

Deno.test("parseMultipleChoice() reads a numeric label past Z", () => {
  assert.equal(parseMultipleChoice("ANSWER: 2", { letters: optionLabels(28) }), "2");
});
