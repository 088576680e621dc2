/**
 * `lmeter perf`: load-test an OpenAI-compatible endpoint with EvalScope's flags — TTFT, TPOT,
 * ITL, latency, throughput — plus self-calibration, goodput, CI gates and SLA auto-tune.
 *
 * Options are parsed here, in the main thread; the load runs in a worker scoped to the target
 * URL, the calibration simulator, the dataset/tokenizer (read) and the output folder (write).
 *
 * @module
 */
import { COMMANDS } from "./commands.ts";
import { publishPerfExports } from "./perf_publish.ts";
import { mkdir } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { PERF_DATASETS } from "../../perf/mod.ts";
import { buildScope, type JobScope } from "../jobs/scope.ts";
import { runScoped } from "../jobs/run_scoped.ts";
import { buildPerfConfig, type PerfConfig } from "../load/config.ts";
import { PERF_OPTIONS } from "../load/options.ts";
import type { PerfJobInput } from "../jobs/perf_job.ts";
import type { PerfReport } from "../results/perf/schema.ts";
import { failedRunsError } from "../report/perf/run_tables.ts";
import { type OptionValues, withChoices } from "../config/schema.ts";
import { type Command, defineCommand } from "./command.ts";
import { round } from "../metrics/round.ts";
import { CI_OPTION_NAMES, CI_OPTIONS } from "../ci/options.ts";
import { prepareCi, publishCi } from "../ci/github_step.ts";
import { perfCiSummary } from "../ci/ci_summary.ts";

/** The `perf` command. */
export const perfCommand: Command = defineCommand({
  spec: {
    name: "perf",
    summary: COMMANDS.perf.summary,
    usage: "lmeter perf --url <endpoint> --model <name> [options]",
    description: `
EvalScope-compatible load tester. Each --parallel/--number pair is one run; results go to
<outputs-dir>/<timestamp>/<name>/parallel_<P>_number_<N>/ (benchmark_summary.json,
benchmark_percentile.json, benchmark_data.db, benchmark_args.json). Metric definitions:
docs/perf-metrics.md. Exit codes: 0 ok, 1 failed run or --fail-on gate, 2 usage error,
130 interrupted (results so far are saved and marked incomplete).`,
    // The engine's options know no dataset: the registry's names are the choices of --dataset.
    options: [
      ...withChoices(PERF_OPTIONS, { name: "dataset", choices: Object.keys(PERF_DATASETS) }),
      ...CI_OPTIONS,
    ],
    examples: [
      "lmeter perf --url http://127.0.0.1:8801/v1/chat/completions --model qwen3 --parallel 1 10 --number 10 100 --dataset openqa --dataset-path open_qa.jsonl",
      "lmeter perf --url http://127.0.0.1:8801/v1/completions --model gpt-oss-20b --dataset random --min-prompt-length 1024 --max-prompt-length 1024 --max-tokens 1024 --min-tokens 1024 --extra-args '{\"ignore_eos\": true}'",
      "lmeter perf --api openai_embedding --url http://127.0.0.1:8000/v1 --model bge-m3 --dataset random_embedding_batch --dataset-args '{\"batch_size\": 16}' --min-prompt-length 64 --max-prompt-length 256 --parallel 1 8 --number 100 400",
      "lmeter perf --api openai_rerank --url http://127.0.0.1:8000/v1/rerank --model bge-reranker-v2-m3 --dataset random_rerank --dataset-args '{\"num_documents\": 20}' --min-prompt-length 16 --max-prompt-length 32",
      "lmeter perf --url http://127.0.0.1:8000/v1/chat/completions --model qwen2.5-vl --dataset random_vl --image-width 448 --image-height 448 --image-num 2 --min-prompt-length 64 --max-prompt-length 128",
      "lmeter perf ... --open-loop --rate 2 5 10 --number 100 250 500 --slo ttft=500ms,tpot=50ms --fail-on 'p99_ttft_ms>500,success_rate<99'",
    ],
  },
  async run({ options, signal }) {
    // First: in GitHub Actions the secrets are masked before anything is printed.
    const ci = await prepareCi(options.values, { env: Deno.env.toObject() });
    const { config, input, scope, close } = await preparePerf(options.values, {
      signal,
      tty: Deno.stderr.isTerminal(),
    });
    try {
      const report = await runScoped<PerfReport>("perf", input, { scope, signal });
      await publishCi(perfCiSummary(report, config.gates), ci);
      // The job wrote the exports (in its worker, which reaches the target only).
      const published = await publishPerfExports(config, report);
      if (report.status === "incomplete") {
        console.error(
          `Interrupted: results so far are in ${report.outputDir} (marked incomplete).`,
        );
        return 130;
      }
      const failed = failedRunsError(report.runs);
      if (failed) {
        console.error(`error: ${failed.message}`);
        console.error(`hint: ${failed.hint}; results are in ${report.outputDir}`);
        return 1;
      }
      if (report.gateFailures > 0) {
        for (const run of report.runs) {
          for (const g of run.gateFailures) {
            const unit = g.unit === "%" ? "%" : g.unit ? ` ${g.unit}` : "";
            console.error(
              `error: --fail-on: ${g.gate} held in ${run.name} (${g.metric} = ${
                round3(g.actual)
              }${unit})`,
            );
          }
        }
        console.error(
          `hint: ${report.gateFailures} gate condition(s) failed; results are in ${report.outputDir}`,
        );
        return 1;
      }
      return published ? 0 : 1;
    } catch (e) {
      // Leave no empty output folder behind when the run could not start.
      await Deno.remove(config.outputDir).catch(() => {});
      const parent = dirname(config.outputDir);
      if (/^\d{8}_\d{6}$/.test(basename(parent))) await Deno.remove(parent).catch(() => {});
      throw e;
    } finally {
      await close();
    }
  },
});

/** Options of {@linkcode preparePerf}. */
export interface PreparePerfOptions {
  signal: AbortSignal;
  /** Draw a live progress bar. */
  tty: boolean;
  /** The job prints nothing (its files are written as always). Default false. */
  quiet?: boolean;
  /** Where warnings and download lines go; default stderr. */
  log?: (line: string) => void;
}

/** What a perf job needs to run; `close` stops the calibration simulator, if one started. */
export interface PreparedPerf {
  config: PerfConfig;
  input: PerfJobInput;
  scope: JobScope;
  close(): Promise<void>;
}

/**
 * Resolves parsed `perf` option values into the job's input and scope (fetching a hub dataset
 * and starting the calibration simulator when asked): what `lmeter perf` runs, and what
 * `lmeter service` runs for a perf job.
 */
export async function preparePerf(
  options: OptionValues<typeof PERF_OPTIONS>,
  prepare: PreparePerfOptions,
): Promise<PreparedPerf> {
  const { signal, log = (l: string) => console.error(l) } = prepare;
  // The CI options are not the engine's: they stay out of the config (and benchmark_args.json).
  const values = Object.fromEntries(
    Object.entries(options).filter(([k]) => !CI_OPTION_NAMES.includes(k)),
  ) as typeof options;
  const { config, warnings } = await buildPerfConfig(values, { datasets: PERF_DATASETS });
  for (const w of warnings) log(`warning: ${w}`);
  const dataset = PERF_DATASETS[config.dataset];
  // The hub client and the simulator load only when this run needs them.
  if (!config.datasetPath && config.prompt === undefined && dataset.hub) {
    const { fetchPerfDataset } = await import("../load/hub_dataset.ts");
    config.datasetPath = await fetchPerfDataset(dataset, {
      dataSource: config.dataSource,
      signal,
      log,
    });
  }
  await mkdir(config.outputDir, { recursive: true });
  const sim = config.calibrate
    ? await (await import("../sim/mod.ts")).startSimulator({
      ttftMs: 0,
      itlMs: 0,
      seed: 0,
      models: ["lmeter-calibration"],
    })
    : undefined;
  const calibrationUrl = sim ? new URL("/v1/chat/completions", sim.url).toString() : undefined;
  const input: PerfJobInput = {
    config,
    calibrationUrl,
    tty: prepare.tty,
    quiet: prepare.quiet ?? false,
  };
  const scope = buildScope({
    urls: [config.url, calibrationUrl, ...(config.serverMetrics?.urls ?? [])],
    read: [config.datasetPath, config.tokenizerPath],
    write: [config.outputDir],
  });
  return { config, input, scope, close: async () => await sim?.close() };
}

function round3(v: number): string {
  return String(round(v, 3));
}
