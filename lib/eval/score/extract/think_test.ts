import assert from "node:assert/strict";
import { hasUnclosedThink, stripThinking } from "./think.ts";

Deno.test("stripThinking() keeps the text after the first delimiter", () => {
  assert.equal(stripThinking("<think>a</think>b</think>c"), "b</think>c");
  assert.equal(stripThinking("plain"), "plain");
  assert.equal(stripThinking("x<|end|>y", { delimiter: "<|end|>" }), "y");
});

Deno.test("hasUnclosedThink() flags reasoning that never closed", () => {
  assert.ok(hasUnclosedThink("<think>still going"));
  assert.ok(!hasUnclosedThink("<think>done</think>answer"));
  assert.ok(!hasUnclosedThink("template-opened</think>answer"));
  assert.ok(!hasUnclosedThink("no tags"));
});
