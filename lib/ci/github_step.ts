/**
 * What `lmeter perf` and `lmeter eval` do for CI, at both ends of a run. Before it
 * ({@linkcode prepareCi}): decide whether GitHub Actions is on, mask every secret, read the
 * baseline (so a wrong path fails before the run, not after). After it ({@linkcode publishCi}):
 * write `ci_summary.json` and `step_summary.md` beside the results, append the Markdown to
 * `$GITHUB_STEP_SUMMARY`, print the gate annotations, append the step outputs to
 * `$GITHUB_OUTPUT`, and write the benchmark-action files when asked.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { benchmarkActionFiles } from "./benchmark_action.ts";
import { CI_SUMMARY_FILE, readBaseline } from "./baseline.ts";
import type { CiSummary } from "./ci_summary.ts";
import { formatOutputs } from "./outputs.ts";
import { renderStepSummary, STEP_SUMMARY_LIMIT } from "./step_summary.ts";
import {
  failureMessage,
  gateAnnotations,
  maskCommands,
  secretValues,
} from "./workflow_commands.ts";

/** The Markdown summary's file beside the results. */
export const STEP_SUMMARY_FILE = "step_summary.md";

/** What a command decided about CI before its run. */
export interface CiPlan {
  /** GitHub Actions mode (`--github` or `GITHUB_ACTIONS=true`). */
  github: boolean;
  baseline?: { summary: CiSummary; label: string };
  /** `--export-benchmark-action`, resolved. */
  benchmarkDir?: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** Options of {@linkcode prepareCi} and {@linkcode publishCi}. */
export interface CiIo {
  /** Prints one line on stdout, where the runner reads workflow commands (default console.log). */
  print?: (line: string) => void;
  /** Makes a heredoc delimiter for multi-line outputs (tests pass a fixed one). */
  delimiter?: () => string;
}

/**
 * Reads the CI options of a command (`github`, `baseline`, `export_benchmark_action`), masks the
 * secrets among all its `values` and the environment when GitHub mode is on, and reads the
 * baseline.
 */
export async function prepareCi(
  values: Readonly<Record<string, unknown>>,
  options: CiIo & { env: Readonly<Record<string, string | undefined>> },
): Promise<CiPlan> {
  const { env } = options;
  const print = options.print ?? console.log;
  const github = values.github === true || env.GITHUB_ACTIONS === "true";
  if (github) { for (const line of maskCommands(secretValues(values, env))) print(line); }
  const plan: CiPlan = { github, env };
  if (typeof values.baseline === "string" && values.baseline) {
    plan.baseline = { summary: await readBaseline(values.baseline), label: values.baseline };
  }
  if (typeof values.export_benchmark_action === "string" && values.export_benchmark_action) {
    plan.benchmarkDir = resolve(values.export_benchmark_action);
  }
  return plan;
}

/** Publishes a finished run's summary as the plan says; returns the step outputs it wrote. */
export async function publishCi(
  summary: CiSummary,
  plan: CiPlan,
  io: CiIo = {},
): Promise<Record<string, string>> {
  const print = io.print ?? console.log;
  const outputs: Record<string, string> = {
    "results-dir": summary.resultsDir,
    passed: String(summary.passed),
    "gate-failures": String(summary.failures.length),
    "failed-gates": summary.failures.map(failureMessage).join("\n"),
  };
  if (plan.benchmarkDir) {
    const files = benchmarkActionFiles(summary);
    await Deno.mkdir(plan.benchmarkDir, { recursive: true });
    for (const kind of ["smaller", "bigger"] as const) {
      const path = join(plan.benchmarkDir, `${kind}.json`);
      await Deno.writeTextFile(path, `${JSON.stringify(files[kind], null, 2)}\n`);
      outputs[`benchmark-json-${kind}`] = path;
    }
  }
  if (!plan.github) return outputs;
  const summaryJson = join(summary.resultsDir, CI_SUMMARY_FILE);
  await Deno.writeTextFile(summaryJson, `${JSON.stringify(summary, null, 2)}\n`);
  outputs["summary-json"] = summaryJson;
  const stepFile = plan.env.GITHUB_STEP_SUMMARY;
  // The limit is per step: what this step wrote before counts.
  const before = stepFile ? await Deno.stat(stepFile).then((s) => s.size, () => 0) : 0;
  const markdown = renderStepSummary(summary, {
    baseline: plan.baseline,
    limitBytes: Math.max(0, STEP_SUMMARY_LIMIT - before),
  });
  const markdownPath = join(summary.resultsDir, STEP_SUMMARY_FILE);
  await Deno.writeTextFile(markdownPath, markdown);
  outputs["summary-markdown"] = markdownPath;
  const fits = new TextEncoder().encode(markdown).length + before <= STEP_SUMMARY_LIMIT;
  if (stepFile && fits) await Deno.writeTextFile(stepFile, markdown, { append: true });
  for (const line of gateAnnotations(summary)) print(line);
  const outputFile = plan.env.GITHUB_OUTPUT;
  if (outputFile) {
    await Deno.writeTextFile(outputFile, formatOutputs(outputs, { delimiter: io.delimiter }), {
      append: true,
    });
  }
  return outputs;
}
