/**
 * How long making request bodies stalls the thread that reads the streams: prompts are pulled at
 * a steady pace while a 1 ms ticker on the same thread records its largest delay, once with the
 * bodies made on that thread and once with them made by the request worker (what `lmeter perf`
 * does). The dataset is a worst case for the thread: long lines cut to an exact token length
 * (`--dataset-args '{"target_input_len": N}'`), which takes several tokenizer passes per prompt.
 *
 * Usage: deno run -A bench/request_lag.ts [--prompts 40] [--tokens 4000]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import type { PreparedRequest } from "../lib/load/request_builder.ts";
import { preparedRequests, RequestWorker } from "../lib/load/request_stream.ts";
import { loadTokenizer } from "../lib/tokenizer/mod.ts";
import { PERF_DATASETS } from "../perf/mod.ts";
import { configFrom } from "./perf_setup.ts";

const { values } = parseArgs({
  options: {
    prompts: { type: "string", default: "40" },
    tokens: { type: "string", default: "4000" },
  },
});
const n = Number(values.prompts);
const dir = await Deno.makeTempDir({ prefix: "lmeter-lag-" });
const words = ["river", "stone", "light", "quiet", "market", "paper", "garden", "signal", "winter"];
const line = (i: number) =>
  Array.from({ length: 6000 }, (_, k) => words[(i * 7 + k * k) % words.length]).join(" ") + ".";
await Deno.writeTextFile(
  join(dir, "long.txt"),
  Array.from({ length: n }, (_, i) => line(i)).join("\n"),
);
const config = await configFrom([
  "--model",
  "m",
  "--url",
  "http://127.0.0.1:9/v1/chat/completions",
  "--outputs-dir",
  dir,
  "--dataset",
  "line_by_line",
  "--dataset-path",
  join(dir, "long.txt"),
  "--seed",
  "1",
  "--dataset-args",
  JSON.stringify({ target_input_len: Number(values.tokens) }),
], { fast: false });
const tokenizer = await loadTokenizer(config.tokenizerPath);

async function measure(
  source: AsyncIterable<PreparedRequest>,
): Promise<{ maxLag: number; stalled: number; ms: number }> {
  let last = performance.now();
  let maxLag = 0;
  let stalled = 0; // total ms the ticker came more than 2 ms late
  const ticker = setInterval(() => {
    const now = performance.now();
    const lag = now - last - 1;
    maxLag = Math.max(maxLag, lag);
    if (lag > 2) stalled += lag;
    last = now;
  }, 1);
  const t0 = performance.now();
  let got = 0;
  for await (const _ of source) {
    if (++got >= n) break;
    await new Promise((r) => setTimeout(r, 20)); // the dispatcher's pace
  }
  const ms = performance.now() - t0;
  clearInterval(ticker);
  return { maxLag, stalled, ms };
}

const spec = { offset: 0, index: 0 };
async function* nothing(): AsyncGenerator<PreparedRequest> {
  const r = { body: {}, maxTokens: null, exactOutput: false, targetPromptTokens: null };
  for (;;) yield r;
}
const dataset = PERF_DATASETS[config.dataset];
const local = await measure(preparedRequests(config, { tokenizer, baseSeed: 1, spec, dataset }));
const worker = await RequestWorker.start(config, 1);
const remote = await measure(worker.open(spec, n));
worker.close();
const baseline = await measure(nothing());
await Deno.remove(dir, { recursive: true });
console.log(`${n} prompts cut to ${values.tokens} tokens, pulled every 20 ms:`);
console.log(
  `| bodies made | reading thread stalled > 2 ms, in total (ms) | largest stall (ms) | wall (ms) |`,
);
console.log(`| --- | --- | --- | --- |`);
const row = (label: string, m: { maxLag: number; stalled: number; ms: number }) =>
  console.log(
    `| ${label} | ${m.stalled.toFixed(0)} | ${m.maxLag.toFixed(1)} | ${m.ms.toFixed(0)} |`,
  );
row("on the reading thread", local);
row("by the request worker", remote);
row("nothing to make (baseline)", baseline);
