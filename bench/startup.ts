/**
 * What a small use of lmeter costs: `lmeter --help` (median wall time of 5 runs) and a 2-request
 * `lmeter perf` run (`--parallel 1 --number 2 --max-tokens 20 --prompt hi`, otherwise defaults)
 * against the simulator on 127.0.0.1 (in a thread of this process, default timing): wall time
 * and the lmeter process's peak RSS, median of 3 runs. Targets (issue 20): --help < 150 ms,
 * the perf run < 1.5 s and < 250 MB.
 *
 * Usage: deno run -A bench/startup.ts
 *
 * @module
 */
import { join } from "node:path";
import { simEndpoints, startSimulatorThread } from "./perf_setup.ts";
import { measureDeno, type ProcessRun } from "./process_peak.ts";

// Run as a separate process (the CLI under test), not imported.
const MAIN = join(new URL("..", import.meta.url).pathname, "main.ts");

function median(runs: ProcessRun[], key: "wallS" | "peakMiB"): number {
  const v = runs.map((r) => r[key] ?? NaN).sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)];
}

const help: ProcessRun[] = [];
for (let i = 0; i < 5; i++) help.push(await measureDeno(["run", "--allow-all", MAIN, "--help"]));
console.log(
  `lmeter --help: ${(median(help, "wallS") * 1000).toFixed(0)} ms, peak RSS ${
    median(help, "peakMiB").toFixed(0)
  } MiB (median of 5)`,
);

const sim = await startSimulatorThread({ seed: 1 });
try {
  const runs: ProcessRun[] = [];
  for (let i = 0; i < 3; i++) {
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
  console.log(
    `lmeter perf, 2 requests: ${median(runs, "wallS").toFixed(2)} s, peak RSS ${
      median(runs, "peakMiB").toFixed(0)
    } MiB (median of 3; exit codes ${runs.map((r) => r.code).join(", ")})`,
  );
} finally {
  await sim.close();
}
