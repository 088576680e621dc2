import assert from "node:assert/strict";
import {
  PY_DIGIT_RE_SOURCE,
  PY_SPACE_RE_SOURCE,
  PY_WORD_BOUNDARY_RE_SOURCE,
  PY_WORD_RE_SOURCE,
  pyIsLower,
  pyIsSpaceChar,
  pyIsUpper,
  pyLen,
  pyLstrip,
  pyRstrip,
  pySplit,
  pyStrip,
} from "./py_str.ts";
import { readPyStrCases, readPyStrTables } from "../../tests/fixtures/ifeval/text_cases.ts";

/**
 * Code points whose properties changed after Unicode 14 (CPython 3.11's database): modifier
 * letters that later versions made Other_Lowercase. JavaScript's newer data says lowercase.
 */
const NEWER_LOWERCASE = new Set([0x10fc, 0xa7f2, 0xa7f3, 0xa7f4, 0xab69]);

function membership(ranges: [number, number][]): Uint8Array {
  const set = new Uint8Array(0x110000);
  for (const [from, to] of ranges) set.fill(1, from, to + 1);
  return set;
}

/** The assigned code points (in CPython's Unicode 14) where `js` and the table disagree. */
function disagreements(
  ranges: [number, number][],
  unassigned: Uint8Array,
  js: (ch: string) => boolean,
): number[] {
  const python = membership(ranges);
  const out: number[] = [];
  for (let cp = 0; cp < 0x110000; cp++) {
    if (unassigned[cp]) continue;
    if (js(String.fromCodePoint(cp)) !== (python[cp] === 1)) out.push(cp);
  }
  return out;
}

Deno.test("Python's \\w, \\d and \\s sources match CPython's re on every assigned code point", async () => {
  const tables = await readPyStrTables();
  const unassigned = membership(tables.unassigned);
  const word = new RegExp(`^${PY_WORD_RE_SOURCE}$`, "u");
  const digit = new RegExp(`^${PY_DIGIT_RE_SOURCE}$`, "u");
  const space = new RegExp(`^${PY_SPACE_RE_SOURCE}$`, "u");
  assert.deepEqual(disagreements(tables.re_word, unassigned, (c) => word.test(c)), []);
  assert.deepEqual(disagreements(tables.re_digit, unassigned, (c) => digit.test(c)), []);
  assert.deepEqual(disagreements(tables.re_space, unassigned, (c) => space.test(c)), []);
  assert.deepEqual(disagreements(tables.isspace, unassigned, pyIsSpaceChar), []);
});

Deno.test("pyIsUpper() and pyIsLower() match CPython's str methods on every assigned code point", async () => {
  const tables = await readPyStrTables();
  const unassigned = membership(tables.unassigned);
  assert.deepEqual(disagreements(tables.isupper, unassigned, pyIsUpper), []);
  assert.deepEqual(
    disagreements(tables.islower, unassigned, pyIsLower).filter((cp) => !NEWER_LOWERCASE.has(cp)),
    [],
  );
});

Deno.test("py_str helpers give CPython's answers on the fixture strings", async () => {
  const cases = await readPyStrCases();
  assert.ok(cases.length > 50);
  const words = new RegExp(`${PY_WORD_RE_SOURCE}+`, "gu");
  for (const c of cases) {
    const label = JSON.stringify(c.s);
    assert.equal(pyIsUpper(c.s), c.isupper, `isupper ${label}`);
    assert.equal(pyIsLower(c.s), c.islower, `islower ${label}`);
    assert.deepEqual(pySplit(c.s), c.split, `split ${label}`);
    for (const [chars, stripped] of c.strip) {
      assert.equal(pyStrip(c.s, chars ?? undefined), stripped, `strip(${chars}) ${label}`);
    }
    assert.equal(c.s.match(words)?.length ?? 0, c.word_count, `\\w+ ${label}`);
  }
});

Deno.test("pyIsUpper() needs a cased character and rejects titlecase", () => {
  assert.equal(pyIsUpper("HELLO 123!"), true);
  assert.equal(pyIsUpper("123!"), false);
  assert.equal(pyIsUpper("HELLO ǅ"), false);
  assert.equal(pyIsUpper("नमस्ते A"), true);
  assert.equal(pyIsLower("hello 안녕"), true);
  assert.equal(pyIsLower(""), false);
});

Deno.test("pySplit() and pyStrip() use Python's whitespace, not JavaScript's", () => {
  assert.deepEqual(pySplit("a\x1cb\x85c\ufeffd"), ["a", "b", "c\ufeffd"]);
  assert.deepEqual(pySplit("  "), []);
  assert.equal(pyStrip("\ufeff x \x1f"), "\ufeff x");
  assert.equal(pyStrip('""quoted""', '"'), "quoted");
  assert.equal(pyLstrip("<<title>>", "<"), "title>>");
  assert.equal(pyRstrip("<<title>>", ">"), "<<title");
  assert.equal(pyStrip("😀a😀", "😀"), "a");
  assert.equal(pyStrip("  a  ", ""), "  a  ");
});

Deno.test("PY_WORD_BOUNDARY_RE_SOURCE is Python's Unicode \\b", () => {
  const word = new RegExp(`${PY_WORD_BOUNDARY_RE_SOURCE}café${PY_WORD_BOUNDARY_RE_SOURCE}`, "u");
  assert.equal(word.test("un café noir"), true);
  assert.equal(word.test("cafés"), false);
  assert.equal(word.test("écafé"), false);
  // A combining mark is not \w in Python, so it ends the word.
  assert.equal(word.test("café\u0301"), true);
});

Deno.test("pyLen() counts code points as Python's len(): an astral character is one, a combining mark its own", () => {
  assert.equal(pyLen(""), 0);
  assert.equal(pyLen("abc"), 3);
  // "😀" is two UTF-16 units in JavaScript, one character in Python.
  assert.equal("a😀b".length, 4);
  assert.equal(pyLen("a😀b"), 3);
  assert.equal(pyLen("e\u0301"), 2);
});
