/**
 * Engine throughput: a synthetic multiple-choice benchmark of N samples (default 10 000) evaluated
 * against the simulator (zero latency, in its own process) at eval_batch_size 64, with the full
 * pipeline: prompts, HTTP, KV store, JSONL files, scoring, report. Prints samples/s, this
 * process's CPU time, and RSS (peak, and after 25/50/75/100% of the samples: memory must stay flat).
 *
 * On Linux the simulator runs on a CPU of its own and the engine on the others (`taskset`,
 * bench/pin_cpus.ts); `--no-pin` leaves both to the scheduler.
 *
 * Usage:
 *   deno run -A bench/eval.ts [--samples 10000] [--batch 64] [--stream] [--no-pin]
 *   deno run -A --v8-flags=--expose-gc bench/eval.ts …   (collect garbage before each mark)
 *
 * @module
 */
import { parseArgs } from "node:util";
import process from "node:process";
import { defineBenchmark } from "../lib/eval/benchmark/benchmark.ts";
import type { DataAccess } from "../lib/eval/data/dataset_source.ts";
import { mcqExtractor } from "../lib/eval/score/extractors.ts";
import { textField, textList } from "../lib/eval/benchmark/fields.ts";
import { mcqPrompt, optionLabel } from "../lib/eval/prompt/mcq.ts";
import { runEvaluation } from "../lib/eval/run/run_evaluation.ts";
import { MCQ_SINGLE } from "../lib/eval/prompt/templates.ts";
import { startSimulator } from "../lib/sim/mod.ts";
import { type SimProcess, startSimProcess } from "./sim_process.ts";
import { syntheticData } from "./synthetic_data.ts";

/** The synthetic 4-option benchmark (also a member of bench/collection.ts's collection). */
export const synthetic = defineBenchmark({
  name: "synthetic_mcq",
  prettyName: "Synthetic MCQ",
  description: "Generated 4-option questions for engine benchmarks.",
  version: "1",
  tags: ["bench"],
  dataset: { id: "synthetic", evalSplit: "test", subsets: ["default"] },
  toSample: (r) => ({
    input: textField(r, "question"),
    choices: textList(r, "choices"),
    target: textField(r, "answer"),
  }),
  prompt: mcqPrompt(MCQ_SINGLE),
  extract: mcqExtractor(),
  metrics: [{ name: "acc" }],
});

function mcqData(n: number): DataAccess {
  return syntheticData(n, (i) => ({
    question: `Synthetic question number ${i}: which option names the number ${i % 4}?`,
    choices: [`zero ${i}`, `one ${i}`, `two ${i}`, `three ${i}`],
    answer: optionLabel(i % 4),
  }), (p) => p.endsWith("synthetic_mcq"));
}

/** Serves the zero-latency simulator and prints `READY <url>` (the `--serve` child). */
export async function serve(): Promise<void> {
  const sim = await startSimulator({
    port: 0,
    ttftMs: 0,
    itlMs: 0,
    loremTokens: 16,
    logRingSize: 0,
    models: ["bench"],
  });
  console.log(`READY ${sim.url}`);
  await new Promise(() => {});
}

async function startServerProcess(pin: boolean): Promise<SimProcess> {
  return await startSimProcess(import.meta.filename!, [], { pin });
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      serve: { type: "boolean", default: false },
      samples: { type: "string", default: "10000" },
      batch: { type: "string", default: "64" },
      stream: { type: "boolean", default: false },
      "no-pin": { type: "boolean", default: false },
    },
  });
  if (values.serve) {
    await serve();
  } else {
    const n = Number(values.samples);
    const server = await startServerProcess(!values["no-pin"]);
    const base = server.url.replace(/\/+$/, "");
    const apiUrl = base.endsWith("/v1") ? base : `${base}/v1`;
    const work = await Deno.makeTempDir({ prefix: "lmeter-bench-eval-" });
    let peak = 0;
    const marks: Record<string, number> = {};
    const heap: Record<string, number> = {};
    const sampler = setInterval(() => {
      peak = Math.max(peak, Deno.memoryUsage().rss);
    }, 100);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    try {
      const result = await runEvaluation({
        model: "bench",
        api_url: apiUrl,
        datasets: ["synthetic_mcq"],
        dataset_dir: "/synthetic",
        dataset_hub: "local",
        eval_batch_size: Number(values.batch),
        generation_config: { temperature: 0, max_tokens: 16, stream: values.stream },
        work_dir: work,
      }, {
        registry: [synthetic],
        data: mcqData(n),
        output: "silent",
        onEvent: (e) => {
          if (e.type !== "progress") return;
          for (const q of [25, 50, 75, 100]) {
            if (marks[`${q}%`] === undefined && e.done >= (n * q) / 100) {
              // With --v8-flags=--expose-gc, collect first: what is left is what the run keeps.
              (globalThis as { gc?: () => void }).gc?.();
              const m = Deno.memoryUsage();
              marks[`${q}%`] = m.rss;
              heap[`${q}%`] = m.heapUsed;
            }
          }
        },
      });
      const secs = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      peak = Math.max(peak, Deno.memoryUsage().rss);
      const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
      const report = result.reports[0];
      console.log(
        `samples:        ${n} (eval_batch_size ${values.batch}, ${
          values.stream ? "streaming" : "non-streaming"
        })`,
      );
      console.log(`CPUs:           ${server.pinning ?? "not pinned (--no-pin)"}`);
      console.log(`wall time:      ${secs.toFixed(2)} s`);
      console.log(`throughput:     ${(n / secs).toFixed(0)} samples/s`);
      console.log(
        `engine CPU:     ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (${
          (((cpu.user + cpu.system) / 1e6 / secs) * 100).toFixed(0)
        }% of one core)`,
      );
      console.log(`peak RSS:       ${mb(peak)}`);
      console.log(
        `RSS by progress: ${Object.entries(marks).map(([k, v]) => `${k} ${mb(v)}`).join(", ")}`,
      );
      console.log(
        `JS heap:         ${Object.entries(heap).map(([k, v]) => `${k} ${mb(v)}`).join(", ")}`,
      );
      console.log(
        `report:         ${report.execution.scored} scored, ${report.execution.errored} errors`,
      );
    } finally {
      clearInterval(sampler);
      await server.stop();
      await Deno.remove(work, { recursive: true });
    }
  }
}
