import assert from "node:assert/strict";
import { UserError } from "../../errors.ts";
import { applyFilters, compileFilters, parseFilterSpecs } from "./filters.ts";

Deno.test("remove_until keeps the text after the first delimiter, or all of it", () => {
  const f = compileFilters(parseFilterSpecs({ remove_until: "</think>" }, "filters"));
  assert.equal(applyFilters("<think>B?</think> ANSWER: C", f), " ANSWER: C");
  assert.equal(applyFilters("ANSWER: C", f), "ANSWER: C");
  assert.equal(applyFilters("<think>cut off by max_tokens, maybe C", f), "", "unclosed: no answer");
});

Deno.test("regex picks the selected match's first non-empty group, else the fallback", () => {
  const f = compileFilters([{
    name: "regex",
    arg: { pattern: "answer is (\\d+)", group_select: -1 },
  }]);
  assert.equal(applyFilters("answer is 3, no, answer is 5", f), "5");
  assert.equal(applyFilters("none", f), "[invalid]");
});

Deno.test("filters run in order and unknown names are a user error", () => {
  const f = compileFilters(
    parseFilterSpecs([{ remove_until: "|" }, "remove_whitespace", "lowercase"], "f"),
  );
  assert.equal(applyFilters("x|  HeLLo ", f), "hello");
  assert.throws(() => compileFilters([{ name: "take_all" }]), UserError);
});
