/**
 * LiveCodeBench's test cases: the public ones are a JSON list; the private ones are a JSON list
 * too, or that JSON as a Python `str` pickled, zlib-compressed and base64-encoded (how the
 * `code_generation_lite` releases ship them).
 *
 * @module
 */
import { readPickledString } from "../../lib/data/mod.ts";

/** One test: the input (stdin text, or one JSON argument per line) and the expected output. */
export interface TestCase {
  input: string;
  output: string;
  /** `stdin` or `functional`, as the dataset says. */
  testtype?: string;
}

/** Reads a test-case list as the dataset stores it (plain JSON or the encoded form). */
export async function decodeTestCases(text: string): Promise<TestCase[]> {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  let json: string;
  if (trimmed.startsWith("[")) json = trimmed;
  else {
    const compressed = Uint8Array.fromBase64(trimmed);
    const stream = new Blob([compressed]).stream().pipeThrough(new DecompressionStream("deflate"));
    json = readPickledString(new Uint8Array(await new Response(stream).arrayBuffer()));
  }
  const list = JSON.parse(json);
  if (!Array.isArray(list)) throw new Error("test cases are not a JSON list");
  return list.map((t, i) => {
    if (typeof t?.input !== "string" || typeof t?.output !== "string") {
      throw new Error(`test case ${i} has no string "input" and "output"`);
    }
    return { input: t.input, output: t.output, testtype: t.testtype };
  });
}
