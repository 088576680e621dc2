/**
 * The job kinds of `lmeter service`: an eval or perf job's config is parsed against the same
 * option list, and resolved by the same code (`prepareEval`, `preparePerf`), as `lmeter eval`
 * and `lmeter perf` — only the output folder is the service's: `<outputs>/<task id>/`, with
 * progress.json kept up to date.
 *
 * @module
 */
import { type OptionValues, parseOptions } from "../config/schema.ts";
import type { PERF_OPTIONS } from "../load/options.ts";
import type { RunResult } from "../eval/run/run_evaluation.ts";
import type { PerfReport } from "../results/perf/schema.ts";
import { failedRunsError } from "../report/perf/run_tables.ts";
import type { JobKinds } from "../service/engine.ts";
import { evalCommand, prepareEval } from "./eval.ts";
import { UserError } from "../errors.ts";
import { perfCommand, preparePerf } from "./perf.ts";

const LABEL = "the job's config";

/** The typed values of the perf options (the perf command's spec is those options, with choices). */
type PerfValues = OptionValues<typeof PERF_OPTIONS>;

/** The eval and perf kinds; `log` gets the lines a CLI run prints to stderr while preparing. */
export function serviceKinds(log: (line: string) => void = (l) => console.error(l)): JobKinds {
  return {
    eval: {
      check(config) {
        const { values } = parseOptions(evalCommand.spec, [], config, LABEL);
        if (values.cache_token_file) {
          throw new UserError(
            "Cannot use cache_token_file in a service job: a job reads no files of the service's machine",
            "Start lmeter service with DENO_KV_ACCESS_TOKEN set; a job's cache_url is opened with it.",
          );
        }
        return { url: typeof values.api_url === "string" ? values.api_url : null };
      },
      async prepare(config, { jobDir, resume, signal }) {
        const forced = {
          work_dir: jobDir,
          no_timestamp: true,
          enable_progress_tracker: true,
          use_cache: resume ? jobDir : null,
        };
        const options = parseOptions(evalCommand.spec, [], { ...config, ...forced }, LABEL);
        const { input, scope } = await prepareEval(options, {
          signal,
          output: "silent",
          columns: 100,
          log,
        });
        return { job: "eval", input, scope };
      },
      summarize(output) {
        const r = output as RunResult;
        const count = (key: "samples" | "scored" | "errored") =>
          r.reports.reduce((n, rep) => n + rep.execution[key], 0);
        return {
          counts: {
            total: count("samples"),
            completed: count("scored"),
            errored: count("errored"),
          },
          error: null,
          interrupted: r.interrupted,
        };
      },
      files: { log: "logs/eval_log.log", report: "reports/report.html", progress: "progress.json" },
      resumable: true,
    },
    perf: {
      check(config) {
        const { values } = parseOptions(perfCommand.spec, [], config, LABEL);
        return { url: typeof values.url === "string" ? values.url : null };
      },
      async prepare(config, { jobDir, signal }) {
        const forced = {
          outputs_dir: jobDir,
          name: "perf",
          no_timestamp: true,
          enable_progress_tracker: true,
        };
        const { values } = parseOptions(perfCommand.spec, [], { ...config, ...forced }, LABEL);
        const { input, scope, close } = await preparePerf(values as PerfValues, {
          signal,
          tty: false,
          quiet: true,
          log,
        });
        return { job: "perf", input, scope, close };
      },
      summarize(output) {
        const report = output as PerfReport;
        const sum = (key: "total" | "success" | "failed") =>
          report.runs.reduce((n, run) => n + run.summary[key], 0);
        const failed = failedRunsError(report.runs);
        const gates = report.gateFailures > 0
          ? `${report.gateFailures} --fail-on condition(s) held`
          : null;
        return {
          counts: { total: sum("total"), completed: sum("success"), errored: sum("failed") },
          error: failed ? failed.message : gates,
          interrupted: report.status === "incomplete",
        };
      },
      files: {
        log: "perf/benchmark.log",
        report: "perf/perf_report.html",
        progress: "perf/progress.json",
      },
      resumable: false,
    },
  };
}
