/**
 * The demo's evaluation as a scoped job: gsm8k, arc and mmlu on lmeter's built-in sample data.
 * The data and the benchmarks are content (benchmarks/demo, benchmarks/mod.ts), passed in.
 *
 * @module
 */
import type { BenchmarkDefinition } from "../eval/benchmark/benchmark.ts";
import type { DataAccess } from "../eval/data/dataset_source.ts";
import { runEvaluation, type RunResult } from "../eval/run/run_evaluation.ts";
import type { EvalEvent, OutputMode } from "../eval/run/run_output.ts";
import type { EvalReport } from "../results/eval/report.ts";
import { renderEvalReportHtml } from "../report/html/mod.ts";

/** Input of the demo-eval job. */
export interface DemoEvalInput {
  apiUrl: string;
  workDir: string;
}

/** The content the demo evaluation runs on. */
export interface DemoContent {
  /** The benchmark registry (benchmarks/mod.ts). */
  registry: readonly BenchmarkDefinition[];
  /** The virtual folder the demo rows live in (its `dataset_dir`). */
  datasetDir: string;
  /** Serves the demo rows (benchmarks/demo). */
  data: DataAccess;
}

/** What the demo-eval job returns: the run folder and its reports (the caller prints them). */
export interface DemoEvalOutput {
  runDir: string;
  reports: EvalReport[];
  interrupted: boolean;
}

/** Runs the demo evaluation; returns its reports for the output step (it prints nothing). */
export async function demoEvalJob(
  input: unknown,
  ctx: { signal: AbortSignal; demo: DemoContent },
): Promise<DemoEvalOutput> {
  const { apiUrl, workDir } = input as DemoEvalInput;
  const r = await runDemoEval({
    apiUrl,
    workDir,
    signal: ctx.signal,
    output: "silent",
    demo: ctx.demo,
  });
  return { runDir: r.runDir, reports: r.reports, interrupted: r.interrupted };
}

/** Options of {@linkcode runDemoEval}. */
export interface DemoEvalOptions {
  /** OpenAI-compatible base URL, e.g. the simulator's `${url}/v1`. */
  apiUrl: string;
  /** The demo's benchmarks and data. */
  demo: DemoContent;
  model?: string;
  workDir?: string;
  batchSize?: number;
  signal?: AbortSignal;
  output?: OutputMode;
  onEvent?: (event: EvalEvent) => void;
}

/** Runs gsm8k (4-shot), arc and mmlu (5-shot) on the demo data; returns the reports. */
export function runDemoEval(options: DemoEvalOptions): Promise<RunResult> {
  return runEvaluation({
    model: options.model ?? "lmeter-sim",
    api_url: options.apiUrl,
    eval_type: "openai_api",
    datasets: ["gsm8k", "arc", "mmlu"],
    dataset_dir: options.demo.datasetDir,
    dataset_hub: "local",
    eval_batch_size: options.batchSize ?? 8,
    work_dir: options.workDir ?? "./outputs",
  }, {
    registry: options.demo.registry,
    data: options.demo.data,
    renderHtml: renderEvalReportHtml,
    signal: options.signal,
    output: options.output ?? "plain",
    onEvent: options.onEvent,
  });
}
