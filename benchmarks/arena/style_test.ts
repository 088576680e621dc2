import assert from "node:assert/strict";
import { styleFeatures } from "./style.ts";

Deno.test("styleFeatures() counts headers, list items and bold spans outside code blocks", () => {
  const answer = [
    "# Title",
    "## Part",
    "#NoSpace",
    "1. one",
    "  - nested",
    "* star",
    "Some **bold** and __also__ text, not **across",
    "lines**.",
    "```",
    "# not a header",
    "- not a list",
    "```",
  ].join("\n");
  assert.deepEqual(styleFeatures(answer, 42), [42, 2, 3, 2]);
});
