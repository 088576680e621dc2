/**
 * How long the `random` dataset takes to make one prompt, with lmeter's whole-word method and
 * with EvalScope's decode → re-encode method (the fallback), on the default `o200k_base`
 * tokenizer and, with `--tokenizer-path DIR`, on a tokenizer.json. Generation runs on the thread
 * that times the streams, so this is time the event loop is not reading.
 *
 * Usage: deno run -A bench/prompt_gen.ts [--tokenizer-path DIR] [--lengths 1024,8000,32000]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { sfc32 } from "../lib/util/random.ts";
import { loadTokenizer, type Tokenizer } from "../lib/tokenizer/mod.ts";
import { random, WordVocab } from "../perf/random.ts";
import type { DatasetContext } from "../lib/load/dataset.ts";

const { values } = parseArgs({
  options: {
    "tokenizer-path": { type: "string" },
    lengths: { type: "string", default: "1024,8000,32000" },
  },
});

async function timePrompts(tokenizer: Tokenizer, length: number, n: number) {
  const ctx: DatasetContext = {
    tokenizer,
    tokenizerGiven: true,
    rng: sfc32(7),
    minPromptLength: length,
    maxPromptLength: length,
    prefixLength: 0,
    offset: 0,
    chat: false,
    tokenizePrompt: false,
    datasetArgs: {},
  };
  const it = random.items(ctx)[Symbol.asyncIterator]();
  await it.next(); // builds the word list; the first prompts are checked with a full count
  await it.next();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await it.next();
    times.push(performance.now() - t0);
    if (tokenizer.count((r.value as { prompt: string }).prompt) !== length) {
      throw new Error(`a prompt of ${length} tokens came out wrong`);
    }
  }
  times.sort((a, b) => a - b);
  return { mean: times.reduce((a, b) => a + b, 0) / n, max: times[n - 1] };
}

const tokenizer = await loadTokenizer(values["tokenizer-path"]);
const t0 = performance.now();
const words = WordVocab.of(tokenizer);
console.log(
  `tokenizer ${tokenizer.name}: ${words?.ids.length ?? 0} whole-word tokens, list built in ${
    (performance.now() - t0).toFixed(0)
  } ms`,
);
// A copy of the tokenizer whose single ids decode with a NUL in front has no whole-word tokens,
// so the fallback method runs over the full vocabulary.
const fallback: Tokenizer = {
  ...tokenizer,
  decode: (ids) => (ids.length === 1 ? "\u0000" : "") + tokenizer.decode(ids),
};
console.log("| prompt tokens | method | ms per prompt (mean) | slowest (ms) |");
console.log("| --- | --- | --- | --- |");
for (const length of values.lengths.split(",").map(Number)) {
  const w = await timePrompts(tokenizer, length, 20);
  console.log(`| ${length} | whole words | ${w.mean.toFixed(2)} | ${w.max.toFixed(2)} |`);
  const f = await timePrompts(fallback, length, length > 8000 ? 2 : 5);
  console.log(`| ${length} | decode → re-encode | ${f.mean.toFixed(1)} | ${f.max.toFixed(1)} |`);
}
