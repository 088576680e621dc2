import assert from "node:assert/strict";
import { UserError } from "../../errors.ts";
import { formatTemplate } from "./format_template.ts";
import { MATH_BOXED } from "./templates.ts";

Deno.test("formatTemplate() follows str.format: placeholders filled, doubled braces literal", () => {
  assert.equal(
    formatTemplate(MATH_BOXED, { question: "1+1?" }),
    "1+1?\nPlease reason step by step, and put your final answer within \\boxed{}.",
  );
  assert.equal(formatTemplate("{{a}} {b}", { b: "x{y}" }), "{a} x{y}");
});

Deno.test("formatTemplate() accepts EvalScope's older {query} for {question}", () => {
  assert.equal(formatTemplate("Q: {query}", { question: "why" }), "Q: why");
});

Deno.test("formatTemplate() names an unknown placeholder and lists the available ones", () => {
  assert.throws(
    () => formatTemplate("{qestion}", { question: "x" }, { what: "prompt_template" }),
    (e: unknown) =>
      e instanceof UserError && /prompt_template.*\{qestion\}/.test(e.message) &&
      /\{question\}/.test(e.hint ?? ""),
  );
  assert.throws(() => formatTemplate("a } b", {}), UserError);
});

Deno.test("formatTemplate() reports the first problem in the text, also when filled again", () => {
  const message = (template: string, values: Record<string, string>) => {
    try {
      formatTemplate(template, values);
    } catch (e) {
      return (e as Error).message;
    }
    return "no error";
  };
  for (let round = 0; round < 2; round++) {
    // An unknown name before a stray brace is named; a stray brace before one is the error.
    assert.match(message("{nope} and }", {}), /\{nope\} is unknown/);
    assert.match(message("} and {nope}", {}), /single "\}" at position 0/);
    assert.match(message("{a} {b", { a: "1" }), /unclosed "\{" at position 4/);
    assert.match(message("{a} {b", {}), /\{a\} is unknown/);
    // The same template with other values fills afresh.
    assert.equal(formatTemplate("{a}-{{}}-{a}", { a: "x" }), "x-{}-x");
    assert.equal(formatTemplate("{a}-{{}}-{a}", { a: "y" }), "y-{}-y");
  }
});
