/**
 * What a small use of lmeter costs: `lmeter --help` (median wall time of 5 runs) and a 2-request
 * `lmeter perf` run (`--parallel 1 --number 2 --max-tokens 20 --prompt hi`, otherwise defaults)
 * against the simulator on 127.0.0.1 (in a thread of this process, default timing): wall time
 * and the lmeter process's peak RSS. Prints the minimum and the median of the runs and the load
 * average before and after (the numbers mean little on a busy machine). Targets (issue 20):
 * --help < 150 ms, the perf run < 1.5 s and < 250 MB.
 *
 * Usage: deno run -A bench/startup.ts [--runs 5]
 *
 * @module
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { simEndpoints, startSimulatorThread } from "./perf_setup.ts";
import { measureDeno, type ProcessRun } from "./process_peak.ts";

// Run as a separate process (the CLI under test), not imported.
const MAIN = join(new URL("..", import.meta.url).pathname, "main.ts");

const { values } = parseArgs({ args: Deno.args, options: { runs: { type: "string" } } });
const RUNS = Math.max(1, Number(values.runs ?? 5));

/** Minimum and median of one measure over the runs. */
function minMedian(runs: ProcessRun[], key: "wallS" | "peakMiB"): [number, number] {
  const v = runs.map((r) => r[key] ?? NaN).sort((a, b) => a - b);
  return [v[0], v[Math.floor(v.length / 2)]];
}

function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

function line(label: string, runs: ProcessRun[], scale: { s: number; unit: string }): string {
  const [wMin, wMed] = minMedian(runs, "wallS");
  const [mMin, mMed] = minMedian(runs, "peakMiB");
  const f = (v: number) => (v * scale.s).toFixed(scale.unit === "ms" ? 0 : 2);
  return `${label}: min ${f(wMin)} / median ${f(wMed)} ${scale.unit}, peak RSS min ${
    mMin.toFixed(0)
  } / median ${mMed.toFixed(0)} MiB (${runs.length} runs; exit codes ${
    runs.map((r) => r.code).join(", ")
  })`;
}

console.log(`load average before: ${loadAverage()}`);
const help: ProcessRun[] = [];
for (let i = 0; i < RUNS; i++) {
  help.push(await measureDeno(["run", "--allow-all", MAIN, "--help"]));
}
console.log(line("lmeter --help", help, { s: 1000, unit: "ms" }));

const sim = await startSimulatorThread({ seed: 1 });
try {
  const runs: ProcessRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = await Deno.makeTempDir({ prefix: "lmeter-startup-" });
    try {
      runs.push(
        await measureDeno([
          "run",
          "--allow-all",
          MAIN,
          "perf",
          "--model",
          "lmeter-sim",
          "--url",
          simEndpoints(sim).chat,
          "--parallel",
          "1",
          "--number",
          "2",
          "--max-tokens",
          "20",
          "--prompt",
          "hi",
          "--outputs-dir",
          dir,
        ]),
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
  console.log(line("lmeter perf, 2 requests", runs, { s: 1, unit: "s" }));
  console.log(`load average after: ${loadAverage()}`);
} finally {
  await sim.close();
}
