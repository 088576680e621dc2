/**
 * The stress scenario: `lmeter perf` at `--parallel` 1000 and 5000 (in its own process, through
 * the real transport) against the simulator on 127.0.0.1 (in a thread of this process), each run
 * bounded to 2 × parallel requests of 20 tokens. Prints, per level: the requested and achieved
 * concurrency (max and time-weighted mean in flight), the send lag, the request rate, the peak
 * RSS of the lmeter process and its wall time.
 *
 * Needs about 2 × 5000 file descriptors (the client's sockets here, the simulator's in the
 * child): raise `ulimit -n` first (`.ci/run` does).
 *
 * Usage: deno run -A bench/stress.ts [--levels 1000,5000] [--tokens 20]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { simEndpoints, startSimulatorThread } from "./perf_setup.ts";
import { measureDeno } from "./process_peak.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { levels: { type: "string", default: "1000,5000" }, tokens: { type: "string" } },
});
const levels = String(values.levels).split(",").map(Number).filter((n) => n > 0);
const tokens = Number(values.tokens ?? 20);
// Run as a separate process (the CLI under test), not imported.
const MAIN = join(new URL("..", import.meta.url).pathname, "main.ts");

interface Row {
  parallel: number;
  exit: number;
  max: number | null;
  mean: number | null;
  lagAvg: number | null;
  lagP99: number | null;
  latePct: number | null;
  rps: number | null;
  peakMiB: number | null;
  wallS: number;
}

async function level(url: string, parallel: number): Promise<Row> {
  const dir = await Deno.makeTempDir({ prefix: "lmeter-stress-" });
  try {
    const { wallS, peakMiB, code } = await measureDeno([
      "run",
      "--allow-all",
      MAIN,
      "perf",
      "--model",
      "lmeter-sim",
      "--url",
      url,
      "--parallel",
      String(parallel),
      "--number",
      String(parallel * 2),
      "--max-tokens",
      String(tokens),
      "--prompt",
      "hi",
      "--no-calibrate",
      "--no-timestamp",
      "--outputs-dir",
      dir,
    ]);
    const report = JSON.parse(
      await Deno.readTextFile(join(dir, "lmeter-sim", "perf_summary.json")),
    );
    const run = report.runs[0];
    const x = run.extras;
    return {
      parallel,
      exit: code,
      max: x.concurrency?.max ?? null,
      mean: x.concurrency?.mean ?? null,
      lagAvg: x.sendLagMs.avg,
      lagP99: x.sendLagMs.p99,
      latePct: x.lateSendPct,
      rps: run.summary["Req Throughput (req/s)"] ?? null,
      peakMiB,
      wallS,
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const fmt = (v: number | null, d = 0) => (v === null ? "-" : v.toFixed(d));

const sim = await startSimulatorThread({ ttftMs: 50, itlMs: 20, loremTokens: tokens, seed: 1 });
try {
  console.log(
    `lmeter perf against the simulator on 127.0.0.1 (TTFT 50 ms, ITL 20 ms, ${tokens} tokens), ` +
      "2 × parallel requests per level",
  );
  console.log(
    "| requested | achieved max | time-weighted mean | send lag avg (ms) | p99 (ms) | late >10 ms | req/s | peak RSS (MiB) | wall (s) | exit |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const parallel of levels) {
    const r = await level(simEndpoints(sim).chat, parallel);
    console.log(
      `| ${r.parallel} | ${fmt(r.max)} | ${fmt(r.mean, 1)} | ${fmt(r.lagAvg, 1)} | ${
        fmt(r.lagP99, 1)
      } | ${fmt(r.latePct, 1)}% | ${fmt(r.rps, 1)} | ${fmt(r.peakMiB)} | ${
        fmt(r.wallS, 1)
      } | ${r.exit} |`,
    );
  }
} finally {
  await sim.close();
}
