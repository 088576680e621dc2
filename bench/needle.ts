/**
 * How long needle_haystack takes to build its contexts: one 128k-token context (encode the
 * corpus, cut, insert the needle, decode) and the default 10 × 10 grid (1k–32k tokens), with the
 * Qwen3 tokenizer lmeter ships (EvalScope's default `Qwen/Qwen3-0.6B`) and with `o200k_base`.
 * The corpus is synthetic English prose made here (~600 kB, about the size of a long essay
 * collection); the tokenizers are loaded before the clock starts.
 *
 * Usage: deno run -A bench/needle.ts [--runs 5]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { needleHaystack } from "../benchmarks/needle_haystack.ts";
import { needleSamples } from "../benchmarks/needle/haystack.ts";
import { loadTokenizer, type Tokenizer } from "../lib/tokenizer/mod.ts";
import { qwen3BundledDir } from "../lib/tokenizer/bundled.ts";
import { sfc32 } from "../lib/util/random.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);

const WORDS = (
  "startup founder idea users growth product market money investor time work school " +
  "people problem company build write code essay question answer city year friend " +
  "reason thing world language program design smart hard good new small large early"
).split(" ");

/** About `chars` characters of sentences (5–17 words, a full stop each, paragraphs of 6). */
function corpus(chars: number): string {
  const rand = sfc32(12);
  const parts: string[] = [];
  let size = 0;
  for (let s = 0; size < chars; s++) {
    const n = 5 + Math.floor(rand() * 13);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]);
    const sentence = words.join(" ").replace(/^./, (c) => c.toUpperCase()) + ".";
    parts.push(sentence, s % 6 === 5 ? "\n\n" : " ");
    size += sentence.length + 1;
  }
  return parts.join("");
}

const DEFAULTS = Object.fromEntries(
  Object.entries(needleHaystack.extraParams!).map(([k, p]) => [k, p.default]),
);

function timeBuild(tokenizer: Tokenizer, text: string, params: Record<string, unknown>) {
  const times: number[] = [];
  let samples = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    samples = needleSamples({ subset: "english", text, tokenizer, params }).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { min: times[0], median: times[Math.floor(times.length / 2)], samples };
}

const text = corpus(600_000);
const one128k = {
  ...DEFAULTS,
  context_lengths_min: 128000,
  context_lengths_max: 128000,
  context_lengths_num_intervals: 1,
  document_depth_percent_min: 50,
  document_depth_percent_max: 50,
  document_depth_percent_intervals: 1,
};
console.log(`corpus: ${text.length} characters; ${runs} runs each`);
console.log("| tokenizer | what | contexts | min (ms) | median (ms) |");
console.log("| --- | --- | --- | --- | --- |");
for (const [name, spec] of [["Qwen3", qwen3BundledDir()], ["o200k_base", "o200k_base"]]) {
  const tokenizer = await loadTokenizer(spec);
  console.log(
    `(${name}: ${tokenizer.count(text)} corpus tokens)`,
  );
  for (
    const [what, params] of [
      ["one 128k-token context", one128k],
      ["default grid 1k–32k × 10 depths", DEFAULTS],
    ] as const
  ) {
    const r = timeBuild(tokenizer, text, params);
    console.log(
      `| ${name} | ${what} | ${r.samples} | ${r.min.toFixed(0)} | ${r.median.toFixed(0)} |`,
    );
  }
}
