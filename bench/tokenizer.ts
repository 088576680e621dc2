/**
 * Token counting speed of the default tokenizer (`o200k_base`): lmeter's pre-token cache against
 * js-tiktoken's own `encode`, on three kinds of text — 8000 fresh random words (every pre-token
 * new the first time), the same texts again, and this repository's markdown docs (long repeated
 * pre-tokens such as table rules, whose BPE is quadratic in js-tiktoken).
 *
 * Usage: deno run -A bench/tokenizer.ts
 *
 * @module
 */
import { Tiktoken } from "js-tiktoken/lite";
import { loadTokenizer } from "../lib/tokenizer/mod.ts";
import { WordVocab } from "../perf/random.ts";

const { default: ranks } = await import("js-tiktoken/ranks/o200k_base");
const reference = new Tiktoken(ranks);
const tok = await loadTokenizer();
const words = WordVocab.of(tok)!;
const fresh = Array.from({ length: 10 }, (_, i) => words.take(i * 4001 + 7, 8000).text);
const root = new URL("../", import.meta.url).pathname;
const docs: string[] = [];
for (const e of Deno.readDirSync(root + "docs")) {
  if (e.name.endsWith(".md")) docs.push(Deno.readTextFileSync(root + "docs/" + e.name));
}

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

const rows: [string, number, number][] = [];
const refFresh = time(() => fresh.forEach((t) => reference.encode(t, "all")));
const cold = time(() => fresh.forEach((t) => tok.count(t)));
const warm = time(() => fresh.forEach((t) => tok.count(t)));
rows.push(["10 × 8000 random words, first time", refFresh, cold]);
rows.push(["the same texts again", refFresh, warm]);
const refDocs = time(() => docs.forEach((t) => reference.encode(t, "all")));
const ours = time(() => docs.forEach((t) => tok.count(t)));
rows.push([
  `docs/*.md (${docs.length} files, ${docs.reduce((n, t) => n + t.length, 0)} chars)`,
  refDocs,
  ours,
]);
console.log("| text | js-tiktoken encode (ms) | lmeter count (ms) |");
console.log("| --- | --- | --- |");
for (const [label, a, b] of rows) console.log(`| ${label} | ${a.toFixed(0)} | ${b.toFixed(0)} |`);
