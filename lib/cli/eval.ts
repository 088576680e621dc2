/**
 * `lmeter eval`: evaluate a model behind an OpenAI-compatible API on benchmarks (EvalScope's
 * `evalscope eval`). Parses and validates in the main thread, downloads datasets, then runs the
 * engine in a worker that may only reach the API and write the run folder.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import { resolveDataSettings } from "../data/mod.ts";
import { libDataAccess } from "../eval/data/data_access.ts";
import type { EvalJobInput } from "../eval/eval_job.ts";
import { prefetchData } from "../eval/data/prefetch.ts";
import {
  type ResolvedEvaluation,
  resolveEvaluation,
  type ResolveEvaluationOptions,
  runsCode,
} from "../eval/run/resolve_evaluation.ts";
import type { RunResult } from "../eval/run/run_evaluation.ts";
import { listedModels, probeEndpoint } from "../eval/run/endpoint_identity.ts";
import { MissingModelError, type TaskConfig } from "../eval/config/task_config.ts";
import { EVAL_OPTIONS } from "../eval/config/task_options.ts";
import { buildScope, type JobScope } from "../jobs/scope.ts";
import type { ParsedOptions } from "../config/schema.ts";
import { sandboxPermissions } from "../sandbox/mod.ts";
import { runScoped } from "../jobs/run_scoped.ts";
import { COMMANDS } from "./commands.ts";
import type { Command } from "./command.ts";
import { printEvalTables } from "./eval_output.ts";
import { exportEvalReports } from "../results/export/eval_export.ts";
import { parseExportFormats } from "../results/export/formats.ts";
import { CI_OPTION_NAMES, CI_OPTIONS } from "../ci/options.ts";
import { prepareCi, publishCi } from "../ci/github_step.ts";
import { evalCiSummary } from "../ci/ci_summary.ts";
import { formatNumber } from "../ci/step_summary.ts";
import { evaluateEvalGates } from "../eval/config/eval_gates.ts";
import { readUserFile } from "../config/read_user_file.ts";
import { UserError } from "../errors.ts";
import { expandHome } from "../util/expand_home.ts";
import { VERSION } from "../util/version.ts";

/** The `eval` command. */
export const evalCommand: Command = {
  spec: {
    name: "eval",
    summary: COMMANDS.eval.summary,
    usage: "lmeter eval --model <name> --api-url <url> --datasets <benchmark…> [options]",
    description: [
      "Runs benchmarks against an OpenAI-compatible chat endpoint and writes EvalScope's run folder:",
      "configs/, logs/, predictions/, reviews/ and reports/ under <work_dir>/<YYYYMMDD_HHMMSS>.",
      "Every response is cached in the run folder: --use-cache <run folder> resumes after a crash,",
      "kill or Ctrl-C without asking the model again for finished samples.",
    ].join("\n"),
    options: [
      ...EVAL_OPTIONS,
      ...CI_OPTIONS,
      {
        name: "ignore_manifest",
        type: "bool",
        group: "Datasets",
        default: false,
        help:
          "Run even when a dataset does not match its pinned manifest (scores may not be comparable)",
      },
      {
        name: "export",
        type: "string[]",
        group: "Run",
        help:
          "Also write these exports of the scores to <run folder>/export: tfevents, jsonl, mlflow, prom (comma- or space-separated)",
        placeholder: "FORMAT…",
      },
    ],
    examples: [
      "lmeter eval --model qwen2.5 --api-url http://127.0.0.1:8801/v1 --api-key EMPTY --eval-type service --datasets gsm8k arc --limit 5",
      "lmeter eval --config run.yaml",
      "lmeter eval --use-cache outputs/20250101_120000 --model qwen2.5 --api-url http://127.0.0.1:8801/v1 --datasets gsm8k",
      'lmeter eval --eval-type mock_llm --datasets general_mcq --dataset-args \'{"general_mcq": {"dataset_id": "data/mcq"}}\'',
    ],
  },
  async run({ options, signal }) {
    await applyCacheToken(options.values);
    const env = readEnv();
    // First: in GitHub Actions the secrets are masked before anything is printed.
    const ci = await prepareCi(options.values, { env });
    const exports = parseExportFormats(options.values.export as string[] | undefined ?? [], {
      flag: "--export",
    });
    const { input, scope } = await prepareEval(options, {
      signal,
      env,
      output: isTerminal() ? "tty" : "plain",
      columns: columns(),
    });
    const task = input.task;
    const result = await runScoped<RunResult>("eval", input, { scope, signal });
    printEvalTables(result.reports);
    console.log(`\nRun folder: ${resolve(result.runDir)}`);
    if (exports.length > 0 && result.reports.length > 0) {
      const to = join(resolve(result.runDir), "export");
      await exportEvalReports(result.reports, { to, formats: exports, version: VERSION });
      console.log(`Exports (${exports.join(", ")}): ${to}`);
    }
    const failures = evaluateEvalGates(task.gates, result.reports);
    await publishCi(
      evalCiSummary(result.reports, {
        model: task.modelId,
        resultsDir: resolve(result.runDir),
        gates: task.gates,
        failures,
        interrupted: result.interrupted,
      }),
      ci,
    );
    if (result.interrupted) {
      console.error(
        `Interrupted. Resume with: lmeter eval --use-cache ${result.runDir} (and the same options)`,
      );
      return 130;
    }
    if (failures.length > 0) {
      for (const f of failures) {
        console.error(
          `error: --fail-on: ${f.gate} held (${f.metric} = ${formatNumber(f.actual)})`,
        );
      }
      console.error(
        `hint: ${failures.length} gate condition(s) failed; results are in ${
          resolve(result.runDir)
        }`,
      );
      return 1;
    }
    return 0;
  },
};

/** Options of {@linkcode prepareEval}. */
export interface PrepareEvalOptions {
  signal: AbortSignal;
  /** How the job prints its progress. */
  output: EvalJobInput["output"];
  columns: number;
  /** The environment (`EVALSCOPE_*`, the shard, the data settings); default the process's. */
  env?: Record<string, string | undefined>;
  /** Where download and cache lines go; default stderr. */
  log?: (line: string) => void;
}

/** What an eval job needs to run: its resolved input and its permission scope. */
export interface PreparedEval {
  input: EvalJobInput;
  scope: JobScope;
}

/**
 * Resolves parsed `eval` options into the job's input and scope, downloading what the job
 * reads: what `lmeter eval` runs, and what `lmeter service` runs for an eval job.
 */
export async function prepareEval(
  options: ParsedOptions,
  prepare: PrepareEvalOptions,
): Promise<PreparedEval> {
  const { signal, env = readEnv(), log = (l: string) => console.error(l) } = prepare;
  const config: TaskConfig = {};
  for (const name of options.given) {
    if (name === "ignore_manifest" || name === "export" || CI_OPTION_NAMES.includes(name)) continue;
    (config as Record<string, unknown>)[name] = options.values[name];
  }
  // Resolved once, here: the worker gets the resolved task and looks the benchmarks up by name.
  const { task, benches } = await resolveOrListModels(config, {
    registry: BENCHMARKS,
    env: {
      EVALSCOPE_API_KEY: env.EVALSCOPE_API_KEY,
      EVALSCOPE_BASE_URL: env.EVALSCOPE_BASE_URL,
      LMETER_SHARD: env.LMETER_SHARD,
      JOB_COMPLETION_INDEX: env.JOB_COMPLETION_INDEX,
    },
  });
  if (task.cacheUrl && !env.DENO_KV_ACCESS_TOKEN) {
    throw new UserError(
      `Cannot open the run cache at ${task.cacheUrl}: no access token`,
      "Set DENO_KV_ACCESS_TOKEN (or pass --cache-token-file FILE) to the denokv server's --access-token.",
    );
  }
  const settings = resolveDataSettings(env);
  const ignoreManifest = options.values.ignore_manifest === true;
  const data = libDataAccess({
    settings,
    datasetDir: task.datasetDir ?? undefined,
    ignoreManifest,
    signal,
    log,
  });
  const { localPaths } = await prefetchData(task, benches, { settings, data, signal, log });
  const runRoot = task.useCache ?? task.workDir;
  // A code benchmark's job may start the sandbox's launcher, and no other program.
  const sandbox = runsCode(benches) && task.sandbox
    ? sandboxPermissions(task.sandbox)
    : { run: [], read: [] };
  const scope = buildScope({
    // The judge's host too, when a benchmark is judged (lib/eval/judge), and the remote run
    // cache's (Deno's KV client runs in the job's worker).
    urls: [
      task.apiUrl ?? undefined,
      benches.some((b) => b.judged) ? task.judge?.apiUrl ?? undefined : undefined,
      task.cacheUrl ?? undefined,
    ],
    read: [settings.cacheDir, task.datasetDir ?? undefined, ...localPaths, ...sandbox.read],
    write: [runRoot, settings.cacheDir],
    run: sandbox.run,
  });
  const input: EvalJobInput = {
    task,
    dataSettings: settings,
    ignoreManifest,
    output: prepare.output,
    columns: prepare.columns,
  };
  return { input, scope };
}

/**
 * `--cache-token-file`: puts the token the file holds into this process's `DENO_KV_ACCESS_TOKEN`,
 * where Deno's KV client (in the job's worker) reads it. Only the file is named in the run's
 * files; the token is never written or printed (in GitHub Actions it is masked with the others).
 */
export async function applyCacheToken(values: Readonly<Record<string, unknown>>): Promise<void> {
  const file = values.cache_token_file;
  if (typeof file !== "string" || file === "" || !values.cache_url) return;
  const hint = "Pass --cache-token-file with a readable file holding the denokv access token.";
  const text = await readUserFile(expandHome(file), { what: "the cache token file", hint });
  const token = text.trim();
  if (token === "") {
    throw new UserError(`Cannot use the cache token file ${file}: it is empty`, hint);
  }
  Deno.env.set("DENO_KV_ACCESS_TOKEN", token);
}

/** Resolves the task; a URL without a model asks the server's `/models` for names to suggest. */
async function resolveOrListModels(
  config: TaskConfig,
  options: ResolveEvaluationOptions,
): Promise<ResolvedEvaluation> {
  const env = options.env;
  try {
    return resolveEvaluation(config, options);
  } catch (e) {
    if (!(e instanceof MissingModelError)) throw e;
    const apiKey = config.api_key ?? env?.EVALSCOPE_API_KEY ?? "EMPTY";
    const identity = await probeEndpoint(e.apiUrl, { model: "", apiKey, timeoutMs: 3000 });
    throw new MissingModelError(e.apiUrl, listedModels(identity.models) ?? []);
  }
}

function readEnv(): Record<string, string | undefined> {
  try {
    return Deno.env.toObject();
  } catch {
    return {};
  }
}

function isTerminal(): boolean {
  try {
    return Deno.stderr.isTerminal();
  } catch {
    return false;
  }
}

function columns(): number {
  try {
    return Deno.consoleSize().columns;
  } catch {
    return 100;
  }
}
