import assert from "node:assert/strict";
import { expandHome } from "./expand_home.ts";

Deno.test("expandHome() expands ~ and ~/ only", () => {
  assert.equal(expandHome("~", "/home/u"), "/home/u");
  assert.equal(
    expandHome("~/.cache/modelscope/hub/datasets", "/home/u/"),
    "/home/u/.cache/modelscope/hub/datasets",
  );
  assert.equal(expandHome("~other/x", "/home/u"), "~other/x");
  assert.equal(expandHome("data/~/x", "/home/u"), "data/~/x");
});
