/**
 * EvalScope's TaskConfig: the raw form (snake_case keys, as in YAML/JSON files, flags and
 * `runTask(config)`) and its resolution into the settings the engine runs with.
 *
 * @module
 */
import { translateEvalScopeNames } from "../benchmark/evalscope_names.ts";
import { expandHome, homeDir } from "../../util/expand_home.ts";
import { basename } from "node:path";
import { UserError } from "../../errors.ts";
import { type GenerationSettings, resolveGeneration } from "./generation_config.ts";
import { EVAL_DEFAULTS, EVAL_OPTIONS, type EvalValues } from "./task_options.ts";
import { isRecord } from "../../util/is_record.ts";
import { resolveSandboxKeys, type SandboxConfig } from "../../sandbox/mod.ts";
import type { Gate } from "../../metrics/gates.ts";
import { parseEvalGates } from "./eval_gates.ts";
import { resolveShard, type Shard, type ShardEnv } from "./shard.ts";
import { type JudgeSettings, type JudgeStrategy, resolveJudgeSettings } from "../judge/settings.ts";

/**
 * The raw task config, as EvalScope spells it: any of `lmeter eval`'s options by snake_case name
 * (flags, YAML/JSON files, `runTask(config)`), typed from {@linkcode EVAL_OPTIONS}. Every key is
 * optional; a `null` counts as not given. Defaults are applied by {@linkcode resolveTaskConfig}.
 */
export type TaskConfig = { [K in keyof EvalValues]?: EvalValues[K] } & {
  /** A count, a fraction below 1, or null for every sample. */
  limit?: number | null;
};

/**
 * The settings a run uses, after defaults, inference, env fallbacks and validation: plain data,
 * resolved once on the main thread (it crosses into the job's worker as is).
 */
export interface ResolvedTask {
  /** The normalized config (what `configs/task_config.yaml` shows, secrets masked there). */
  config: TaskConfig;
  model: string;
  modelId: string;
  evalType: "openai_api" | "mock_llm";
  /** Base URL without a trailing slash, `/chat/completions` or `/completions` (null for mock runs). */
  apiUrl: string | null;
  /** `chat`: messages to `/chat/completions`; `completions`: the raw prompt to `/completions`. */
  endpoint: "chat" | "completions";
  apiKey: string;
  datasets: string[];
  datasetArgs: Record<string, Record<string, unknown>>;
  datasetDir: string | null;
  datasetHub: "modelscope" | "huggingface" | "local";
  /** Per subset: a count (≥ 1), a fraction in (0, 1), or null for all. */
  limit: number | null;
  repeats: number;
  generation: GenerationSettings;
  batchSize: number;
  seed: number;
  workDir: string;
  noTimestamp: boolean;
  useCache: string | null;
  rerunReview: boolean;
  ignoreErrors: boolean;
  progressTracker: boolean;
  collectPerf: boolean;
  debug: boolean;
  /** Where code benchmarks run programs (docs/sandbox.md); null for `--sandbox none`. */
  sandbox: SandboxConfig | null;
  /** The shard this process runs (`--shard K/N`), or null for the whole evaluation. */
  shard: Shard | null;
  /** The remote Deno KV holding the resume store (`--cache-url`), or null for the run folder's. */
  cacheUrl: string | null;
  /** `--fail-on` conditions on the reports (`<benchmark>.<stat>`), parsed once. */
  gates: Gate[];
  /** Which scorer decides: the rule, the LLM judge, or the judge when the rule fails (lib/eval/judge). */
  judgeStrategy: JudgeStrategy;
  /** The judge endpoint (`judge_model_args`), or null when none was given. */
  judge: JudgeSettings | null;
  /** Things the user asked for that lmeter ignores, said once in the log. */
  notes: string[];
}

/** Environment values the config may fall back on (resolved in the main thread). */
export interface TaskEnv extends ShardEnv {
  EVALSCOPE_API_KEY?: string;
  EVALSCOPE_BASE_URL?: string;
  /** Expands `~` in paths (default: the process's `HOME`). */
  HOME?: string;
}

/**
 * Resolves and validates a raw task config; throws a {@linkcode UserError} on any problem.
 * Options not given take their default from {@linkcode EVAL_OPTIONS} (the only place one is
 * written); this function keeps the rules between options and the environment fallbacks.
 */
export function resolveTaskConfig(raw: TaskConfig, env: TaskEnv = {}): ResolvedTask {
  const notes: string[] = [];
  const config: TaskConfig = expandPaths(stripUndefined({ ...raw }), env.HOME ?? homeDir());
  /** The given values over the defaults. */
  const v = { ...EVAL_DEFAULTS, ...config };
  if (v.eval_backend !== "Native") {
    throw new UserError(
      `Cannot use eval_backend ${config.eval_backend}: lmeter only has the Native backend`,
      "Drop --eval-backend (and --eval-config) to use lmeter's own engine.",
    );
  }
  if (v.model_task !== "text_generation") {
    throw new UserError(
      `Cannot evaluate model_task ${config.model_task}: lmeter evaluates text generation only`,
      "Drop --model-task.",
    );
  }
  rejectUnavailable(config);
  const apiUrlRaw = config.api_url ?? env.EVALSCOPE_BASE_URL;
  const evalType = inferEvalType(config, apiUrlRaw);
  const named = translateEvalScopeNames(config.datasets ?? [], {
    args: checkDatasetArgs(config.dataset_args ?? {}),
    notes,
  });
  const datasets = named.datasets;
  if (datasets.length === 0) {
    throw new UserError(
      "Cannot run an evaluation: no datasets given",
      "Pass --datasets, e.g. --datasets gsm8k arc (see 'lmeter benchmarks list').",
    );
  }
  const model = config.model ?? (evalType === "mock_llm" ? "mock-llm" : "");
  const apiUrl = evalType === "openai_api" ? normalizeApiUrl(apiUrlRaw ?? "") : null;
  // A base URL ending in /completions (not chat) asks for the completions endpoint, as in perf.
  const rawUrl = (apiUrlRaw ?? "").trim();
  const completionsUrl = /\/completions\/*$/.test(rawUrl) &&
    !/\/chat\/completions\/*$/.test(rawUrl);
  const endpoint = (config.apply_chat_template ?? !completionsUrl) ? "chat" : "completions";
  if (evalType === "openai_api" && !model) throw new MissingModelError(apiUrl!);
  const modelId = safeName(v.model_id ?? basename(model.replace(/\/+$/, "")) ?? model);
  const datasetArgs = named.args;
  const limit = resolveLimit(v.limit);
  const gen = resolveGeneration(config, notes);
  const repeats = Math.max(v.repeats, gen.n ?? 1);
  if (gen.n !== undefined && gen.n > 1) {
    notes.push(
      `generation_config.n=${gen.n} becomes repeats=${repeats} (one request per attempt).`,
    );
  }
  const hub = v.dataset_hub;
  if (!HUBS.includes(hub)) {
    throw new UserError(`Invalid dataset_hub "${hub}"`, `Use ${HUBS.join(", ")}.`);
  }
  if (v.rerun_review && !v.use_cache) {
    notes.push("rerun_review has no effect without use_cache.");
  }
  if (v.cache_token_file && !v.cache_url) {
    notes.push("cache_token_file has no effect without cache_url.");
  }
  return {
    config: { ...config, datasets, limit: limit ?? undefined, repeats },
    model,
    modelId,
    evalType,
    apiUrl,
    endpoint,
    apiKey: config.api_key ?? env.EVALSCOPE_API_KEY ?? EVAL_DEFAULTS.api_key,
    datasets,
    datasetArgs,
    datasetDir: v.dataset_dir ?? null,
    datasetHub: hub,
    limit,
    repeats,
    generation: gen.settings,
    batchSize: v.eval_batch_size,
    seed: v.seed,
    workDir: v.work_dir,
    noTimestamp: v.no_timestamp,
    useCache: v.use_cache ? v.use_cache : null,
    rerunReview: v.rerun_review,
    ignoreErrors: v.ignore_errors,
    progressTracker: v.enable_progress_tracker,
    collectPerf: v.collect_perf,
    debug: v.debug,
    sandbox: resolveSandboxKeys({
      sandbox: v.sandbox,
      use_sandbox: v.use_sandbox,
      sandbox_type: v.sandbox_type,
      sandbox_manager_config: v.sandbox_manager_config,
    }, { notes }),
    shard: resolveShard({ shard: v.shard, shards: v.shards }, env),
    cacheUrl: resolveCacheUrl(v.cache_url),
    gates: v.fail_on ? parseEvalGates(v.fail_on, datasets) : [],
    judgeStrategy: v.judge_strategy as JudgeStrategy,
    judge: resolveJudgeSettings(config.judge_model_args, {
      batchSize: v.eval_batch_size,
      workers: config.judge_worker_num,
      notes,
    }),
    notes,
  };
}

/** `--api-url` (or `EVALSCOPE_BASE_URL`) without `--model`: a usage error. The CLI adds the names
 * the server's `/models` lists to the hint when it answers. */
export class MissingModelError extends UserError {
  readonly apiUrl: string;

  constructor(apiUrl: string, served: string[] = []) {
    super(
      `Cannot call the API at ${apiUrl}: no --model given`,
      served.length > 0
        ? `Pass --model with one of the names the server lists: ${served.join(", ")}.`
        : "Pass the served model name, e.g. --model qwen2.5 (or --eval-type mock_llm for a dry run).",
    );
    this.apiUrl = apiUrl;
  }
}

function inferEvalType(config: TaskConfig, apiUrl: string | undefined): "openai_api" | "mock_llm" {
  const t = config.eval_type;
  if (t === "mock_llm") return "mock_llm";
  if (t === "llm_ckpt" || t === "checkpoint" || (t === undefined && !apiUrl && config.model)) {
    throw new UserError(
      `Cannot evaluate ${
        config.model ? `"${config.model}"` : "the model"
      } as a local checkpoint: lmeter evaluates models behind an OpenAI-compatible API`,
      "Serve it first, e.g. 'vllm serve <path> --served-model-name m --port 8801' (or SGLang), then pass --model m --api-url http://127.0.0.1:8801/v1. For a dry run without a model use --eval-type mock_llm.",
    );
  }
  // A dry run only when asked for, or when nothing points at a server.
  if (t === undefined && !config.model && !apiUrl) return "mock_llm";
  if (!apiUrl) {
    throw new UserError(
      "Cannot call the model: no --api-url given",
      "Pass the server's OpenAI-compatible base URL, e.g. --api-url http://127.0.0.1:8801/v1 (or set EVALSCOPE_BASE_URL).",
    );
  }
  return "openai_api";
}

/** Strips a trailing slash and a trailing `/chat/completions` or `/completions` from an API base URL. */
export function normalizeApiUrl(url: string): string {
  let u = url.trim().replace(/\/+$/, "");
  u = u.replace(/\/chat\/completions$/, "").replace(/\/completions$/, "").replace(/\/+$/, "");
  try {
    new URL(u);
  } catch {
    throw new UserError(
      `Invalid --api-url "${url}"`,
      "Write it in full, e.g. http://127.0.0.1:8801/v1",
    );
  }
  return u;
}

/** `limit`: null/0 → all; integral values → a count (so 1.0 is one sample); else a fraction < 1. */
export function resolveLimit(limit: number | null | undefined): number | null {
  if (limit === undefined || limit === null || limit === 0) return null;
  if (!(limit > 0)) {
    throw new UserError(
      `Invalid limit ${limit}`,
      "Use a count (e.g. 10) or a fraction below 1 (e.g. 0.1).",
    );
  }
  if (Number.isInteger(limit)) return limit;
  if (limit < 1) return limit;
  throw new UserError(
    `Invalid limit ${limit}`,
    "Use a whole count (e.g. 10) or a fraction below 1 (e.g. 0.1).",
  );
}

/** `--cache-url`: an http(s) URL without credentials (it is written to task_config.yaml). */
function resolveCacheUrl(raw: string | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  const hint = "Give the denokv server's URL, e.g. --cache-url http://denokv:4512";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`Invalid cache_url "${text}": it is not a URL`, hint);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UserError(
      `Invalid cache_url "${text}": a remote KV is reached over http:// or https://`,
      `${hint}; leave --cache-url out to keep the cache in the run folder.`,
    );
  }
  if (url.username || url.password) {
    throw new UserError(
      "Invalid cache_url: it holds credentials",
      "Put the token in DENO_KV_ACCESS_TOKEN or --cache-token-file, not in the URL (the URL is written to configs/task_config.yaml).",
    );
  }
  return text;
}

/** Paths from config files and JSON arguments get `~` expanded (no shell saw them). */
function expandPaths(config: TaskConfig, home: string | undefined): TaskConfig {
  const path = (v: string | undefined) => (v === undefined ? v : expandHome(v, home));
  const out: TaskConfig = { ...config };
  if (config.dataset_dir !== undefined) out.dataset_dir = path(config.dataset_dir);
  if (config.work_dir !== undefined) out.work_dir = path(config.work_dir);
  if (typeof config.use_cache === "string") out.use_cache = path(config.use_cache);
  if (typeof config.cache_token_file === "string") {
    out.cache_token_file = path(config.cache_token_file);
  }
  const args = config.dataset_args;
  if (isRecord(args)) {
    out.dataset_args = Object.fromEntries(
      Object.entries(args).map(([name, a]) => {
        if (!isRecord(a)) return [name, a];
        const copy: Record<string, unknown> = { ...a };
        for (const key of ["dataset_id", "local_path"]) {
          if (typeof copy[key] === "string") copy[key] = expandHome(copy[key] as string, home);
        }
        return [name, copy];
      }),
    );
  }
  return out;
}

function checkDatasetArgs(value: unknown): Record<string, Record<string, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UserError(
      "Invalid dataset_args: expected an object keyed by benchmark name",
      'Example: {"gsm8k": {"few_shot_num": 0}}',
    );
  }
  for (const [name, args] of Object.entries(value)) {
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
      throw new UserError(
        `Invalid dataset_args.${name}: expected an object`,
        'Example: {"gsm8k": {"few_shot_num": 0}}',
      );
    }
  }
  return value as Record<string, Record<string, unknown>>;
}

function rejectUnavailable(config: TaskConfig): void {
  const judge = config.judge as { strategy?: unknown; models?: unknown } | undefined;
  const judgeStrategy = typeof judge?.strategy === "string" ? judge.strategy : "";
  const judgeModels = Array.isArray(judge?.models) ? judge.models.length : 0;
  if (["llm", "llm_recall"].includes(judgeStrategy) || judgeModels > 0) {
    throw new UserError(
      "Cannot use the judge object (EvalScope's newest judge format): lmeter reads EvalScope v1.10's judge settings",
      'Pass --judge-strategy and --judge-model-args instead, e.g. --judge-strategy llm --judge-model-args \'{"api_url": "http://127.0.0.1:8802/v1", "model_id": "judge"}\'.',
    );
  }
  if (config.agent_config) {
    throw new UserError(
      "Cannot use agent_config: agent evaluation is not available in lmeter",
      "Drop --agent-config.",
    );
  }
  if (config.analysis_report) {
    throw new UserError(
      "Cannot write an analysis report: it needs an LLM judge, which is not available yet",
      "Drop --analysis-report.",
    );
  }
}

/** A string safe for a folder name: path separators and odd characters become `_`. */
export function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._@+=-]+/g, "_").replace(/^\.+/, "_") || "model";
}

/** The config without its unset (`undefined`/`null`) keys. */
function stripUndefined(o: TaskConfig): Partial<EvalValues> {
  for (const k of Object.keys(o) as (keyof TaskConfig)[]) {
    if (o[k] === undefined || o[k] === null) delete o[k];
  }
  return o as Partial<EvalValues>;
}

const HUBS: readonly string[] = EVAL_OPTIONS.find((o) => o.name === "dataset_hub")!.choices!;
