import assert from "node:assert/strict";
import { encodeStdin } from "./bootstrap.ts";

Deno.test("encodeStdin() frames each field with its UTF-8 byte length, then the program's stdin", () => {
  const bytes = encodeStdin({ source: "é\uD800", args: ["a"], stdin: "\uDC00x" });
  // argv: 0 items; args: 1 item "a"; files: 1 (main.py with "é" and a lone surrogate, 2 + 3
  // bytes); then stdin, whose lone low surrogate does not pair with the source's high one.
  const expected = "1\n0" + "1\n1" + "1\na" + "1\n1" + "7\nmain.py" + "5\né\uFFFD" + "\uFFFDx";
  assert.deepEqual(bytes, new TextEncoder().encode(expected));
});

Deno.test("encodeStdin() of an argument vector sends it and no main.py", () => {
  const bytes = encodeStdin({ argv: ["/usr/bin/cat", "/w/x"], files: { x: "hi" } });
  const expected = "1\n2" + "12\n/usr/bin/cat" + "4\n/w/x" + "1\n0" + "1\n1" + "1\nx" + "2\nhi";
  assert.equal(new TextDecoder().decode(bytes), expected);
});
