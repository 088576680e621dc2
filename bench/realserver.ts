/**
 * `deno task bench:realserver`: lmeter's TTFT, TPOT and ITL beside llama-server's own timings for
 * the same requests. Starts ../shared/realserver's llama-server (2 slots, 1 thread) on 127.0.0.1,
 * runs streamed sweeps at --parallel 1 and 2 with 128-token answers (ignore_eos) and distinct
 * random prompts sized by the model's GGUF tokenizer, then reads every request's row:
 *
 * - TTFT (lmeter, send → first choices event) beside the server's `prompt_ms` (its prefill) and
 *   lmeter's connect time (llama-server closes after every stream, so each request connects);
 * - TPOT (lmeter, (latency − TTFT)/(n − 1)) beside `predicted_per_token_ms`;
 * - ITL avg/min/p50 (lmeter's inter-token gaps), and how many gaps were 0 ms (two tokens in one
 *   socket read: the server wrote them together or the client read late);
 * - output tokens beside the server's `predicted_n`.
 *
 * Usage: deno run -A bench/realserver.ts [--number N] [--max-tokens N]
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runPerfWithOutput } from "../lib/jobs/perf_job.ts";
import { configFrom, withTempDir } from "./perf_setup.ts";
import {
  MODEL_GGUF,
  REALSERVER_DIR,
  realServerAvailable,
  startRealServer,
} from "./realserver_setup.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    number: { type: "string", default: "32" },
    "max-tokens": { type: "string", default: "128" },
  },
});
const number = Number(values.number);
const maxTokens = Number(values["max-tokens"]);

if (!realServerAvailable) {
  console.log(`bench:realserver needs llama-server and stories260K.gguf in ${REALSERVER_DIR}`);
  Deno.exit(1);
}

interface Row {
  first_chunk_latency: number;
  time_per_output_token: number;
  inter_token_latencies: string;
  connect_time: number | null;
  completion_tokens: number;
  server_timings: string;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const f = (v: number, d = 3) => v.toFixed(d);

const server = await startRealServer({ parallel: 2 });
try {
  console.log(
    `llama-server (pid ${server.pid}) on ${server.url}: stories260K, -np 2 -t 1; ` +
      `${number} streamed requests per run, ${maxTokens} tokens each (ignore_eos), random prompts ` +
      "of 64–256 tokens (GGUF tokenizer)\n",
  );
  const header = [
    "run",
    "TTFT",
    "srv prompt_ms",
    "connect",
    "TPOT",
    "srv ms/tok",
    "TPOT−srv",
    "ITL avg",
    "ITL min",
    "ITL p50",
    "0-ms gaps",
    "tokens=srv",
  ];
  const table: string[][] = [];
  for (const parallel of [1, 2]) {
    await withTempDir(async (dir) => {
      const config = await configFrom([
        "--model",
        "stories",
        "--url",
        server.chat,
        "--parallel",
        String(parallel),
        "--number",
        String(number),
        "--max-tokens",
        String(maxTokens),
        "--extra-args",
        '{"ignore_eos": true}',
        "--dataset",
        "random",
        "--min-prompt-length",
        "64",
        "--max-prompt-length",
        "256",
        "--tokenizer-path",
        MODEL_GGUF,
        "--warmup-num",
        String(parallel),
        "--outputs-dir",
        dir,
      ]);
      const report = await runPerfWithOutput(config, { print: () => {} });
      const run = report.runs[0];
      const db = new DatabaseSync(join(run.dir, "benchmark_data.db"));
      const rows = db.prepare(
        "SELECT first_chunk_latency, time_per_output_token, inter_token_latencies, connect_time, " +
          "completion_tokens, server_timings FROM result WHERE success = 1",
      ).all() as unknown as Row[];
      db.close();
      const t = rows.map((r) => JSON.parse(r.server_timings));
      const gaps = rows.flatMap((r) => (JSON.parse(r.inter_token_latencies) as number[]))
        .map((s) => s * 1000).sort((a, b) => a - b);
      const tpot = rows.map((r) => r.time_per_output_token * 1000);
      const srvTok = t.map((x) => x.predictedPerTokenMs as number);
      const same = rows.filter((r, i) => r.completion_tokens === t[i].predictedN).length;
      table.push([
        `--parallel ${parallel} (${rows.length} ok)`,
        f(mean(rows.map((r) => r.first_chunk_latency * 1000))),
        f(mean(t.map((x) => x.promptMs as number))),
        f(mean(rows.map((r) => (r.connect_time ?? 0) * 1000))),
        f(mean(tpot), 4),
        f(mean(srvTok), 4),
        f(mean(tpot) - mean(srvTok), 4),
        f(mean(gaps), 4),
        f(gaps[0] ?? NaN, 4),
        f(gaps[Math.floor(gaps.length / 2)] ?? NaN, 4),
        `${gaps.filter((g) => g === 0).length}/${gaps.length}`,
        `${same}/${rows.length}`,
      ]);
    });
  }
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
  console.log("all times in ms (averages over the run's successes; ITL over all chunk gaps)");
  console.log(line(header));
  for (const r of table) console.log(line(r));
} finally {
  await server.close();
}
