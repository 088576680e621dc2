import assert from "node:assert/strict";
import { countSwitches, reasoningPart, splitSegments } from "./segments.ts";

Deno.test("reasoningPart() prefers reasoning_content, else cuts at the last </think>, else keeps it all", () => {
  assert.equal(reasoningPart({ content: "x</think>42", reasoning: "think hard" }), "think hard");
  assert.equal(reasoningPart({ content: "a</think>b</think>42", reasoning: "" }), "a</think>b");
  assert.equal(reasoningPart({ content: "no tags here" }), "no tags here");
});

Deno.test("countSwitches() counts each phrase in any case, without overlaps, as str.count does", () => {
  const text =
    "Alternatively, x. But wait, BUT WAIT. Let me reconsider another way, another wayward path.";
  // alternatively 1, but wait 2, let me reconsider 1, another way 2 (substring, as Python's)
  assert.equal(countSwitches(text), 6);
  assert.equal(countSwitches("aaaa", ["aa"]), 2);
  assert.equal(countSwitches("nothing to see"), 0);
});

Deno.test("splitSegments(separator) keeps every piece between blank lines, empty ones too, with their end offsets", () => {
  const text = "one\n\ntwo\n\n\n\nthree";
  const s = splitSegments(text, { strategy: "separator" });
  assert.deepEqual(s.map((x) => x.text), ["one", "two", "", "three"]);
  for (const seg of s) assert.equal(text.slice(seg.end - seg.text.length, seg.end), seg.text);
  assert.equal(s[1].end, 8);
  assert.equal(s[3].end, text.length);
});

Deno.test("splitSegments(keywords) cuts before switch phrases at word boundaries, trims, drops empties", () => {
  const text = "First try 4.  Alternatively, 5? but wait: 6.\nsomealternatively no cut";
  const s = splitSegments(text, { strategy: "keywords" });
  assert.deepEqual(s.map((x) => x.text), [
    "First try 4.",
    "Alternatively, 5?",
    "but wait: 6.\nsomealternatively no cut",
  ]);
  assert.equal(text.slice(0, s[0].end), "First try 4.");
  assert.equal(text.slice(0, s[1].end), "First try 4.  Alternatively, 5?");
  assert.equal(s[2].end, text.length);
  assert.deepEqual(splitSegments("  ", { strategy: "keywords" }), [{ text: "", end: 2 }]);
});
