/**
 * `PerfConfig`: the validated, normalised form of `lmeter perf`'s options — what the load
 * engine runs from. Built in the CLI's main thread (it may read `@file` values); it is plain
 * data so it can cross into the scoped worker.
 *
 * @module
 */
import { DEFAULT_PERCENTILES } from "../metrics/percentile.ts";
import { LEGACY_PERCENTILE_ROWS, type SummaryFormat } from "../results/perf/evalscope_format.ts";
import { expandHome } from "../util/expand_home.ts";
import { resolve } from "node:path";
import { parseDatasetArgs, POOLING_ARG_KEYS, poolingArgs } from "./dataset_args.ts";
import type { ImageOptions, PerfDataset, TextLength } from "./dataset.ts";
import { proxyFor, proxyLabel } from "../client/proxy.ts";
import { optionDefaults } from "../config/schema.ts";
import { UserError } from "../errors.ts";
import { type Gate, parseGates } from "../metrics/gates.ts";
import { parseSlo, type Slo } from "../metrics/goodput.ts";
import {
  parsePercentiles,
  type PercentileMethod,
  type PercentileSpec,
} from "../metrics/percentile.ts";
import { folderTimestamp, modelBasename, sweepRoot } from "../results/perf/layout.ts";
import {
  PERF_OPTIONS,
  type PerfValues,
  SERVER_METRICS_INTERVAL_S,
  SLA_NUMBER_MULTIPLIER,
} from "./options.ts";
import {
  type ExportFormat,
  parseExportFormats,
  VISUALIZER_FORMATS,
} from "../results/export/formats.ts";
import type { BodyParams, Endpoint } from "./request_builder.ts";
import type { ServerMetricsConfig } from "./server_metrics.ts";
import { POOLING_APIS, poolingEndpointOf } from "./pooling.ts";
import { RESPONSES_APIS, responsesUrl, unsentFlags } from "./responses.ts";
import { type MultiTurnConfig, multiTurnConfig } from "./multi_turn_config.ts";

/** One run of a sweep. */
export interface RunPlan {
  /** Concurrency cap; -1 in open loop. */
  parallel: number;
  number: number;
  /** req/s; -1 = no pacing. */
  rate: number;
  openLoop: boolean;
}

/** Sweeps whose highest `--parallel` is below this skip self-calibration (they cannot load the
 * client); rate and open-loop runs and SLA auto-tune always calibrate. */
export const CALIBRATE_MIN_PARALLEL = 8;

/** SLA auto-tune settings (`--sla-*`). */
export interface SlaConfig {
  variable: "parallel" | "rate";
  /** Constraint groups, e.g. `[{"p99_ttft": "<=500"}]`. */
  params: Record<string, string>[];
  numRuns: number;
  upperBound: number;
  lowerBound: number;
  fixedParallel?: number;
  numberMultiplier: number;
}

/** Everything a perf invocation needs; plain data. */
export interface PerfConfig {
  model: string;
  url: string;
  endpoint: Endpoint;
  api: string;
  apiKey?: string;
  headers: Record<string, string>;
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  totalTimeoutMs: number;
  testConnection: boolean;
  runs: RunPlan[];
  /** `--warmup-num` as given (≥1 count, 0–1 fraction). */
  warmupNum: number;
  durationS?: number;
  sleepIntervalS: number;
  seed?: number;
  dataset: string;
  /** Absolute local file or directory (given, or downloaded from the hub by the CLI). */
  datasetPath?: string;
  /** Where the CLI downloads hub datasets from when no `datasetPath` is given. */
  dataSource: "modelscope" | "huggingface" | "local";
  datasetOffset: number;
  datasetArgs: Record<string, unknown>;
  /** Length control from `--dataset-args` (prefix file already read). */
  textLength?: TextLength;
  /** `--prompt` text (an `@file` already read). */
  prompt?: string;
  tokenizerPath?: string;
  /** `--tokenizer-path server`: prompts are counted and sized with the target's own
   * `POST /tokenize` and `/detokenize` (`tokenizerPath` is then unset: o200k_base counts locally). */
  serverTokenizer?: boolean;
  /** `--tokenizer-path` was given (length limits count tokens). */
  tokenizerGiven: boolean;
  /** Completions endpoint: render prompts through the tokenizer's chat template. */
  renderChatTemplate: boolean;
  tokenizePrompt: boolean;
  minPromptLength: number;
  maxPromptLength: number;
  prefixLength: number;
  /** `--image-*`: generated images (random_vl) and the image-token estimate. */
  images: ImageOptions;
  body: Omit<BodyParams, "model" | "endpoint" | "chatTemplate">;
  logEveryNQuery: number;
  debug: boolean;
  enableProgressTracker: boolean;
  dbCommitInterval: number;
  /** Keys and units of the summary files and tables (`--summary-format`). */
  summaryFormat: SummaryFormat;
  /** Absolute `<outputs>/<timestamp>/<name>`. */
  outputDir: string;
  percentiles: PercentileSpec[];
  percentileMethod: PercentileMethod;
  slo?: Slo;
  /** `--fail-on`, parsed once into the conditions every run evaluates (empty: no gate). */
  gates: Gate[];
  /** Self-calibration runs (`--calibrate`, and a sweep heavy enough to need it). */
  calibrate: boolean;
  /** Why calibration was skipped although `--calibrate` was on (a light sweep). */
  calibrationNote?: string;
  /** Gamma shape of the gaps between paced arrivals (`--burstiness`; 1 = Poisson). */
  burstiness: number;
  sla?: SlaConfig;
  /**
   * `--visualizer` (implied by `--wandb-api-key` / `--swanlab-api-key`): the tracker whose offline
   * files (TensorBoard events, metrics.jsonl) are written after the run; null for none.
   */
  visualizer: "wandb" | "swanlab" | "clearml" | null;
  /**
   * What is written to `<output>/export` after the run: `--export`, plus `--visualizer`'s files and
   * `prom` for `--pushgateway` (empty: no export folder).
   */
  exports: ExportFormat[];
  /** `--pushgateway`: the Pushgateway the main thread pushes `metrics.prom` to; null for none. */
  pushgateway: string | null;
  /** `--upload`: run the tracker's upload command after the run (needs `visualizer`). */
  upload: boolean;
  /** The options as given (snake_case), for `benchmark_args.json`. */
  args: Record<string, unknown>;
  /** `--server-metrics`: the `/metrics` pages scraped during each run; absent when off. */
  serverMetrics?: ServerMetricsConfig;
  /** `--multi-turn`: conversations instead of single requests (lib/load/conversation.ts). */
  multiTurn?: MultiTurnConfig;
  /** `--trace-speedup`: trace datasets replay this many times faster (default 1). */
  traceSpeedup?: number;
}

const PERF_DEFAULTS = optionDefaults(PERF_OPTIONS);

/** A config and the warnings its options call for. */
export interface BuiltConfig {
  config: PerfConfig;
  warnings: string[];
}

/** Options of {@linkcode buildPerfConfig}. */
export interface BuildPerfConfigOptions {
  /** The datasets `--dataset` may name (perf/mod.ts's registry, passed down by the caller). */
  datasets: Readonly<Record<string, PerfDataset>>;
  now?: Date;
  cwd?: string;
}

/** The registered dataset `name`; a {@linkcode UserError} naming the choices when none is. */
export function findDataset(
  datasets: Readonly<Record<string, PerfDataset>>,
  name: string,
): PerfDataset {
  const found = Object.hasOwn(datasets, name) ? datasets[name] : undefined;
  if (found) return found;
  throw new UserError(
    `Cannot use --dataset ${name}: no such dataset`,
    `Choose one of: ${Object.keys(datasets).join(", ")}.`,
  );
}

/** `~` in the path options (a config file's values never went through a shell). */
function withHomeExpanded(values: PerfValues): PerfValues {
  const home = (p: string | undefined) => (p === undefined ? p : expandHome(p));
  return {
    ...values,
    dataset_path: home(values.dataset_path),
    tokenizer_path: home(values.tokenizer_path),
    outputs_dir: home(values.outputs_dir),
  } as PerfValues;
}

/**
 * Builds the config from the parsed option values (typed, validated, defaults applied by the
 * parser); keeps only the rules between options, the reading of `@file` values and the paths.
 * Throws {@linkcode UserError} on bad input.
 */
export async function buildPerfConfig(
  values: PerfValues,
  options: BuildPerfConfigOptions,
): Promise<BuiltConfig> {
  const v = withHomeExpanded(values);
  const warnings: string[] = [];
  if (!v.model) {
    throw new UserError(
      "Cannot start the benchmark: --model is missing",
      "Pass the model name the server serves, e.g. --model qwen3-8b.",
    );
  }
  const model = v.model;
  const pooling = poolingEndpointOf(v.api);
  const responses = RESPONSES_APIS.includes(v.api);
  if (v.api !== "openai" && pooling === null && !responses) {
    throw new UserError(
      `Cannot use --api ${v.api}: this version of lmeter perf drives OpenAI-compatible chat/completions, completions, embeddings and rerank endpoints and the Responses API only`,
      `Use --api openai (chat/completions or completions), openai_responses or one of ${
        Object.keys(POOLING_APIS).join(", ")
      }.`,
    );
  }
  const dataset = v.dataset;
  const plugin = findDataset(options.datasets, dataset);
  checkPoolingDataset(plugin, { pooling, api: v.api, tokenizePrompt: v.tokenize_prompt });
  const tokenizePrompt = v.tokenize_prompt;
  if (responses) checkResponses(v, plugin);
  const url = pooling
    ? poolingUrl(v.url, { endpoint: pooling, warnings })
    : responses
    ? responsesUrl(v.url, {
      warnings,
      parse: (raw) => parseUrl(raw, "http://127.0.0.1:8000/v1/responses"),
    })
    : endpointUrl(v.url, {
      forceCompletions: plugin.completionsOnly === true || tokenizePrompt,
      warnings,
      why: plugin.completionsOnly ? dataset : "--tokenize-prompt",
    });
  const endpoint: Endpoint = pooling ??
    (responses ? "responses" : url.endsWith("chat/completions") ? "chat" : "completions");
  const moved = pooling ? poolingArgsFromExtra(v, { plugin, warnings }) : undefined;
  const proxy = proxyFor(new URL(url));
  if (proxy) {
    warnings.push(
      `requests to ${new URL(url).host} go through the proxy ${
        proxyLabel(proxy)
      } (HTTP(S)_PROXY): its latency is part of every number. Set NO_PROXY=${
        new URL(url).hostname
      } to measure the server directly`,
    );
  }
  const multiTurn = multiTurnConfig(v, { plugin, endpoint, warnings });
  const cwd = options.cwd ?? Deno.cwd();
  const datasetPath = v.dataset_path ? resolve(cwd, v.dataset_path) : undefined;
  if (plugin.requiresPath && !datasetPath) {
    throw new UserError(
      `Cannot use --dataset ${dataset}: it needs --dataset-path`,
      "Point --dataset-path at your file, e.g. --dataset-path prompts.jsonl.",
    );
  }
  if (datasetPath) await mustExist(datasetPath, "--dataset-path");

  const tokenizerGiven = v.tokenizer_path !== undefined;
  const tokenizer = await tokenizerPath(v.tokenizer_path, cwd, warnings);
  if (plugin.chatOnly && (endpoint !== "chat" || tokenizePrompt)) {
    throw new UserError(
      `Cannot send --dataset ${dataset} ${
        tokenizePrompt ? "as token ids" : `to ${url}`
      }: its requests carry images in chat messages`,
      "Use a /v1/chat/completions URL, without --tokenize-prompt.",
    );
  }
  if (tokenizePrompt && endpoint === "chat") {
    throw new UserError(
      "Cannot send token ids to a chat endpoint",
      "Use a /v1/completions URL with --tokenize-prompt.",
    );
  }
  const renderChatTemplate = endpoint === "completions" && v.apply_chat_template === true;
  if (tokenizePrompt && !tokenizerGiven) {
    warnings.push(
      "--tokenize-prompt without --tokenizer-path sends o200k_base token ids: right for gpt-oss and OpenAI models only; pass the model's tokenizer folder for others",
    );
  }
  const datasetArgs = moved?.datasetArgs ?? v.dataset_args;
  if (plugin.kind) poolingArgs((datasetArgs ?? {}) as Record<string, unknown>);
  const textLength = await readTextLength(datasetArgs, {
    plugin,
    cwd,
    chat: endpoint === "chat" || endpoint === "responses" || renderChatTemplate,
    tokenizerGiven,
    warnings,
  });
  if (endpoint === "chat" && v.apply_chat_template === false) {
    warnings.push(
      "--no-apply-chat-template has no effect on a chat/completions URL: prompts are sent as one user message",
    );
  }

  const maxTokensList = v.max_tokens;
  if (maxTokensList.length > 2) {
    throw new UserError(
      "Invalid value for --max-tokens: give one value or two (lo hi)",
      "E.g. --max-tokens 1024 or --max-tokens 128 1024.",
    );
  }
  const maxTokens = maxTokensList.length === 2
    ? [Math.min(...maxTokensList), Math.max(...maxTokensList)] as [number, number]
    : maxTokensList[0];

  const summaryFormat = v.summary_format as SummaryFormat;
  // EvalScope ≤ 1.6's rows, unless --percentiles asks for others.
  const legacyRows = summaryFormat !== "lmeter" &&
    v.percentiles.join(" ") === DEFAULT_PERCENTILES.map(String).join(" ");
  const percentiles = parsePercentiles(
    legacyRows ? LEGACY_PERCENTILE_ROWS.map(String) : v.percentiles,
  );
  if (typeof percentiles === "string") {
    throw new UserError(
      `Invalid value for --percentiles: "${percentiles}"`,
      "Use numbers from 0 to 100, min or max, e.g. --percentiles 50 90 99.",
    );
  }
  let slo: Slo | undefined;
  if (v.slo) {
    const parsed = parseSlo(v.slo);
    if (typeof parsed === "string") {
      throw new UserError(
        `Invalid value for --slo: ${parsed}`,
        "E.g. --slo ttft=500ms,tpot=50ms,e2el=10s.",
      );
    }
    slo = parsed;
  }
  const gates = failOnGates(v.fail_on);
  if (plugin.timed && !v.open_loop) {
    throw new UserError(
      `Cannot replay --dataset ${dataset} closed loop: it sends each request at its trace time`,
      "Add --open-loop (no --rate needed: the trace is the schedule; --trace-speedup replays it faster).",
    );
  }
  const runs = planRuns(v, { warnings, timed: plugin.timed === true });
  const sla = v.sla_auto_tune ? slaConfig(v, warnings) : undefined;
  // Calibration measures the client's ceiling (1.5 s and a second simulator): a sweep whose
  // highest concurrency is below CALIBRATE_MIN_PARALLEL cannot load the client; skip it and say so.
  const top = Math.max(...runs.map((r) => (r.parallel > 0 ? r.parallel : Infinity)));
  const light = v.calibrate && !sla && top < CALIBRATE_MIN_PARALLEL;

  const visualizer = (v.visualizer as PerfConfig["visualizer"] | undefined) ??
    (v.wandb_api_key ? "wandb" : v.swanlab_api_key ? "swanlab" : null);
  for (const key of ["wandb_api_key", "swanlab_api_key"] as const) {
    if (v[key]) {
      warnings.push(
        `--${key.replaceAll("_", "-")} accepted: lmeter uploads nothing itself; it writes the ${
          visualizer === "wandb" ? "W&B" : visualizer === "swanlab" ? "SwanLab" : "tracker"
        } files (TensorBoard events, metrics.jsonl) into the output folder and prints the upload command`,
      );
    }
  }

  const pushgateway = v.pushgateway ?? null;
  if (pushgateway !== null && !/^https?:\/\/[^/]/.test(pushgateway)) {
    throw new UserError(
      `Cannot push to the Pushgateway ${pushgateway}: it is not an http(s) URL`,
      "Pass --pushgateway with the gateway's address, e.g. --pushgateway http://127.0.0.1:9091.",
    );
  }
  if (v.upload && (visualizer === null || visualizer === "clearml")) {
    throw new UserError(
      visualizer === null
        ? "Cannot --upload: no tracker to upload to"
        : "Cannot --upload to ClearML: it has no command that reads lmeter's files",
      "Add --visualizer wandb or --visualizer swanlab (the run writes their files; --upload runs their command).",
    );
  }
  const wanted = [
    ...(v.export ?? []),
    ...(visualizer ? VISUALIZER_FORMATS : []),
    ...(pushgateway ? ["prom"] : []),
  ];
  const exports = parseExportFormats(wanted, { flag: "--export" });

  const now = options.now ?? new Date();
  const outputDir = resolve(
    cwd,
    sweepRoot({
      outputsDir: v.outputs_dir,
      timestamp: v.no_timestamp ? null : folderTimestamp(now),
      name: v.name ?? modelBasename(model),
    }),
  );

  const config: PerfConfig = {
    model,
    url,
    endpoint,
    api: v.api,
    apiKey: v.api_key,
    headers: Object.fromEntries(
      Object.entries(v.headers ?? {}).map(([k, value]) => [k, String(value)]),
    ),
    connectTimeoutMs: secondsToMs(v.connect_timeout),
    readTimeoutMs: secondsToMs(v.read_timeout),
    // `--total-timeout 0` keeps the default, as it always has.
    totalTimeoutMs: secondsToMs(v.total_timeout) ?? secondsToMs(PERF_DEFAULTS.total_timeout)!,
    testConnection: !v.no_test_connection,
    runs,
    warmupNum: v.warmup_num,
    durationS: v.duration,
    sleepIntervalS: v.sleep_interval,
    seed: v.seed,
    dataset,
    datasetPath,
    dataSource: v.data_source,
    datasetOffset: v.dataset_offset,
    datasetArgs: (datasetArgs ?? {}) as Record<string, unknown>,
    textLength,
    prompt: await textOrFile(v.prompt, cwd, "--prompt"),
    tokenizerPath: tokenizer,
    serverTokenizer: v.tokenizer_path === "server",
    tokenizerGiven,
    renderChatTemplate,
    tokenizePrompt,
    minPromptLength: v.min_prompt_length,
    maxPromptLength: v.max_prompt_length,
    prefixLength: v.prefix_length,
    images: {
      width: v.image_width,
      height: v.image_height,
      num: v.image_num,
      patchSize: v.image_patch_size,
    },
    body: {
      stream: v.stream,
      maxTokens,
      minTokens: v.min_tokens,
      temperature: v.temperature,
      topP: v.top_p,
      topK: v.top_k,
      frequencyPenalty: v.frequency_penalty,
      repetitionPenalty: v.repetition_penalty,
      logprobs: v.logprobs === true ? true : undefined,
      nChoices: v.n_choices,
      stop: v.stop,
      stopTokenIds: v.stop_token_ids,
      seed: v.seed,
      extraArgs: extraArgs(moved ? moved.extraArgs : v.extra_args),
      queryTemplate: await queryTemplate(v.query_template, cwd),
    },
    logEveryNQuery: v.log_every_n_query,
    debug: v.debug,
    enableProgressTracker: v.enable_progress_tracker,
    dbCommitInterval: v.db_commit_interval,
    outputDir,
    percentiles,
    summaryFormat,
    percentileMethod: v.percentile_method,
    slo,
    gates,
    calibrate: v.calibrate && !light,
    ...(light
      ? {
        calibrationNote:
          `skipped: the highest concurrency, ${top}, is below ${CALIBRATE_MIN_PARALLEL}, too light to load the client`,
      }
      : {}),
    burstiness: v.burstiness,
    sla,
    visualizer,
    exports,
    pushgateway,
    upload: v.upload === true,
    args: { ...v },
    ...(multiTurn ? { multiTurn } : {}),
    ...(plugin.timed ? { traceSpeedup: v.trace_speedup ?? 1 } : {}),
  };
  if (v.server_metrics && v.server_metrics.length > 0) {
    config.serverMetrics = serverMetricsConfig(v.server_metrics, {
      url,
      intervalS: v.server_metrics_interval ?? SERVER_METRICS_INTERVAL_S,
      apiKey: v.api_key,
      headers: config.headers,
    });
  }
  if (config.burstiness !== 1 && !config.runs.some((r) => r.rate > 0)) {
    warnings.push(
      "--burstiness shapes the gaps of a --rate schedule; without --rate it has no effect",
    );
  }
  if (responses) {
    const unsent = unsentFlags(config.body);
    if (unsent.length > 0) {
      warnings.push(
        `--api ${v.api} sends input, model, max_output_tokens, stream, temperature, top_p and ` +
          `--extra-args only (as EvalScope): ${
            unsent.join(", ")
          } not sent; put them in --extra-args if the server takes them`,
      );
    }
  }
  if (config.minPromptLength > config.maxPromptLength) {
    throw new UserError(
      "Invalid prompt lengths: --min-prompt-length is above --max-prompt-length",
      "Swap them, or set both to the same value for fixed-length prompts.",
    );
  }
  return { config, warnings };
}

/**
 * `--server-metrics`: `auto` is `/metrics` at the root of `--url`'s host; other values are URLs.
 * A URL on the target's host gets the target's API key and headers.
 */
export function serverMetricsConfig(
  given: readonly string[],
  o: { url: string; intervalS: number; apiKey?: string; headers: Record<string, string> },
): ServerMetricsConfig {
  const target = new URL(o.url);
  const urls = [
    ...new Set(given.map((g) => {
      if (g === "auto") return new URL("/metrics", target).href;
      let u: URL;
      try {
        u = new URL(g);
      } catch {
        throw new UserError(
          `Cannot use --server-metrics "${g}": it is not a URL`,
          "Give auto (the /metrics page of --url's host) or full URLs, e.g. http://10.0.0.5:8000/metrics.",
        );
      }
      if (u.protocol !== "http:" && u.protocol !== "https:") {
        throw new UserError(
          `Cannot use --server-metrics "${g}": only http and https URLs can be scraped`,
          "E.g. http://10.0.0.5:8000/metrics.",
        );
      }
      return u.href;
    })),
  ];
  const headers: Record<string, Record<string, string>> = {};
  for (const u of urls) {
    headers[u] = new URL(u).host === target.host
      ? { ...o.headers, ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) }
      : {};
  }
  return { urls, intervalMs: Math.round(o.intervalS * 1000), headers };
}

/** Refuses a dataset the chosen API cannot send: a pooling dataset with a generation API, a
 * prompt dataset with rerank, or token ids with a pooling API. */
function checkPoolingDataset(
  plugin: PerfDataset,
  o: { pooling: "embeddings" | "rerank" | null; api: string; tokenizePrompt: boolean },
): void {
  const apiFor = plugin.kind === "rerank" ? "openai_rerank" : "openai_embedding";
  if (plugin.kind && plugin.kind !== o.pooling) {
    throw new UserError(
      `Cannot send --dataset ${plugin.name} with --api ${o.api}: it makes ${plugin.kind} requests`,
      `Use --api ${apiFor} (and an /v1/${
        plugin.kind === "rerank" ? "rerank" : "embeddings"
      } URL), or a prompt dataset.`,
    );
  }
  if (o.pooling === "rerank" && !plugin.kind) {
    throw new UserError(
      `Cannot send --dataset ${plugin.name} to a rerank endpoint: it has prompts, not queries with documents`,
      "Use --dataset rerank (a file of {query, documents}) or random_rerank.",
    );
  }
  if (o.pooling && o.tokenizePrompt) {
    throw new UserError(
      `Cannot use --tokenize-prompt with --api ${o.api}`,
      "Token ids go to /v1/completions only; remove --tokenize-prompt.",
    );
  }
}

/**
 * EvalScope reads `batch_size`, `num_documents` and `document_length_ratio` from `--extra-args`
 * (and sends them to the server too). lmeter takes them as dataset options: found in
 * `--extra-args`, they move to `--dataset-args` (which wins) and stay out of the body.
 */
function poolingArgsFromExtra(
  v: PerfValues,
  o: { plugin: PerfDataset; warnings: string[] },
): { datasetArgs: unknown; extraArgs: unknown } | undefined {
  const extra = v.extra_args;
  if (typeof extra !== "object" || extra === null || Array.isArray(extra)) return undefined;
  const keys = POOLING_ARG_KEYS.filter((k) =>
    Object.hasOwn(extra, k) && (o.plugin.argKeys ?? []).includes(k)
  );
  if (keys.length === 0) return undefined;
  const rest = { ...(extra as Record<string, unknown>) };
  const taken: Record<string, unknown> = {};
  for (const k of keys) {
    taken[k] = rest[k];
    delete rest[k];
  }
  o.warnings.push(
    `--extra-args ${keys.join(", ")}: read as options of --dataset ${o.plugin.name} and not sent ` +
      "to the server (EvalScope sends them too); --dataset-args is their home in lmeter",
  );
  const given = (v.dataset_args ?? {}) as Record<string, unknown>;
  return { datasetArgs: { ...taken, ...given }, extraArgs: rest };
}

/** What the Responses API cannot take: token ids, and a completions-only dataset. */
function checkResponses(v: PerfValues, plugin: PerfDataset): void {
  if (v.tokenize_prompt) {
    throw new UserError(
      `Cannot use --tokenize-prompt with --api ${v.api}`,
      "Token ids go to /v1/completions only; remove --tokenize-prompt.",
    );
  }
  if (plugin.completionsOnly) {
    throw new UserError(
      `Cannot send --dataset ${plugin.name} with --api ${v.api}: it makes /v1/completions prompts`,
      "Use --api openai with a /v1/completions URL, or a chat dataset.",
    );
  }
}

/** Parses `--fail-on` once, into the gates every run evaluates. */
function failOnGates(text: string | undefined): Gate[] {
  if (!text) return [];
  try {
    return parseGates(text);
  } catch (e) {
    throw new UserError(
      `Invalid value for --fail-on: ${(e as Error).message}`,
      "E.g. --fail-on 'p99_ttft_ms>500,success_rate<99'.",
    );
  }
}

/** `raw` as a URL; a {@linkcode UserError} with an example when it is not one. */
function parseUrl(raw: string, example: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new UserError(
      `Cannot use --url "${raw}": it is not a valid URL`,
      `Write it in full, e.g. ${example}.`,
    );
  }
}

/**
 * `--url` for a pooling API: a URL ending in `/embeddings` (embeddings) or `/rerank`/`/reranks`
 * (rerank) is used as given; a chat/completions or completions URL has that suffix replaced, and
 * a base URL gets `/embeddings` or `/rerank` appended (vLLM's path; EvalScope appends `/reranks`,
 * which `--url …/v1/reranks` reaches), with a warning naming the URL used.
 */
export function poolingUrl(
  raw: string,
  o: { endpoint: "embeddings" | "rerank"; warnings: string[] },
): string {
  const u = parseUrl(raw, "http://127.0.0.1:8000/v1/embeddings");
  const path = u.pathname.replace(/\/+$/, "");
  const own = o.endpoint === "embeddings" ? /\/embeddings$/ : /\/reranks?$/;
  if (own.test(path)) {
    u.pathname = path;
    return u.toString();
  }
  const suffix = o.endpoint === "embeddings" ? "/embeddings" : "/rerank";
  const base = path.replace(/\/(chat\/completions|completions|embeddings|reranks?)$/, "");
  u.pathname = base + suffix;
  o.warnings.push(
    `--url ${raw} is not a${o.endpoint === "embeddings" ? "n embeddings" : " rerank"} endpoint: ` +
      `using ${u}` +
      (o.endpoint === "rerank" ? " (EvalScope appends /reranks: pass that URL to use it)" : ""),
  );
  return u.toString();
}

/** Normalises `--url` to a chat/completions or completions endpoint. */
export function endpointUrl(
  raw: string,
  o: { forceCompletions: boolean; warnings: string[]; why: string },
): string {
  const u = parseUrl(raw, "http://127.0.0.1:8000/v1/chat/completions");
  let path = u.pathname.replace(/\/+$/, "");
  if (/\/(embeddings|rerank|reranks)$/.test(path)) {
    throw new UserError(
      `Cannot send chat or completions requests to ${path.split("/").pop()} endpoint ${raw}`,
      "Add --api openai_embedding (for /embeddings) or --api openai_rerank (for /rerank), or point --url at a /v1/chat/completions endpoint.",
    );
  }
  if (/\/(responses)$/.test(path)) {
    throw new UserError(
      `Cannot load-test ${path.split("/").pop()} endpoints in this version of lmeter perf`,
      "Point --url at a /v1/chat/completions or /v1/completions endpoint (for /responses: add --api openai_responses).",
    );
  }
  if (!/(^|\/)(chat\/completions|completions)$/.test(path)) {
    const added = `${path}/chat/completions`;
    o.warnings.push(`--url ${raw} names no endpoint: using ${added}`);
    path = added;
  }
  if (o.forceCompletions && path.endsWith("chat/completions")) {
    path = path.replace(/chat\/completions$/, "completions");
    o.warnings.push(`${o.why} sends plain prompts: using ${path}`);
  }
  u.pathname = path;
  return u.toString();
}

/** Pairs --number with --parallel (closed loop) or --rate (open loop, with `--open-loop`); a
 * `timed` dataset's open-loop runs follow its trace, one per --number. */
export function planRuns(
  values: Pick<PerfValues, "number" | "rate" | "parallel" | "open_loop">,
  o: { warnings: string[]; timed?: boolean },
): RunPlan[] {
  const { number: numbers, rate: rates, open_loop: openLoop } = values;
  const warnings = o.warnings;
  const pair = (a: number[], b: number[], names: [string, string]) => {
    if (a.length === b.length) return a.map((x, i) => [x, b[i]]);
    if (a.length === 1) return b.map((y) => [a[0], y]);
    if (b.length === 1) return a.map((x) => [x, b[0]]);
    throw new UserError(
      `Cannot pair ${names[0]} (${a.length} values) with ${names[1]} (${b.length} values)`,
      `Give both the same number of values: run i uses the i-th ${names[0]} and the i-th ${
        names[1]
      }.`,
    );
  };
  if (openLoop && o.timed) {
    // The trace is the schedule: one run per --number, no rate.
    return numbers.map((number) => ({ parallel: -1, number, rate: -1, openLoop: true }));
  }
  if (openLoop) {
    if (rates.some((r) => !(r > 0))) {
      throw new UserError(
        "Cannot run open loop without a rate",
        "Give --rate in requests per second, e.g. --open-loop --rate 2 5 10 --number 100 250 500.",
      );
    }
    return pair(rates, numbers, ["--rate", "--number"]).map(([rate, number]) => ({
      parallel: -1,
      number,
      rate,
      openLoop: true,
    }));
  }
  if (rates.length > 1) {
    warnings.push("closed loop uses the first --rate only; add --open-loop to sweep rates");
  }
  const rate = rates[0] > 0 ? rates[0] : -1;
  return pair(values.parallel, numbers, ["--parallel", "--number"]).map((
    [parallel, number],
  ) => ({
    parallel,
    number,
    rate,
    openLoop: false,
  }));
}

function slaConfig(values: PerfValues, warnings: string[]): SlaConfig {
  const raw = values.sla_params;
  const groups = Array.isArray(raw) ? raw : raw && typeof raw === "object" ? [raw] : [];
  if (groups.length === 0) {
    throw new UserError(
      "Cannot auto-tune without constraints: --sla-params is missing",
      `E.g. --sla-params '[{"p99_ttft": "<=500", "avg_tpot": "<=50"}]' (TTFT/TPOT in ms, latency in s).`,
    );
  }
  const params = groups.map((g) =>
    Object.fromEntries(Object.entries(g as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
  );
  for (const g of params) {
    for (const [k, v] of Object.entries(g)) {
      const n = Number(v.replace(/^[<>=≤≥]+/, ""));
      if (/(ttft|tpot)/.test(k) && n > 0 && n < 1) {
        warnings.push(
          `--sla-params ${k} ${v}: TTFT and TPOT are in milliseconds, so this allows under 1 ms (EvalScope's docs show seconds; write ${
            n * 1000
          } for ${n} s)`,
        );
      }
    }
  }
  return {
    variable: values.sla_variable,
    params,
    numRuns: values.sla_num_runs,
    upperBound: values.sla_upper_bound,
    lowerBound: values.sla_lower_bound,
    fixedParallel: values.sla_fixed_parallel,
    numberMultiplier: values.sla_number_multiplier ?? SLA_NUMBER_MULTIPLIER,
  };
}

/** Validates `--dataset-args` for the dataset and reads `prefix_file`. */
async function readTextLength(
  raw: unknown,
  o: {
    plugin: PerfDataset;
    cwd: string;
    chat: boolean;
    tokenizerGiven: boolean;
    warnings: string[];
  },
): Promise<TextLength | undefined> {
  const args = parseDatasetArgs(o.plugin, raw);
  if (!args) return undefined;
  if (!o.tokenizerGiven) {
    o.warnings.push(
      "target_input_len counts tokens with the built-in o200k_base: pass --tokenizer-path (a folder with tokenizer.json) to count with the model's own tokenizer",
    );
  }
  const out: TextLength = { targetInputLen: args.targetInputLen, mode: args.mode };
  if (args.prefixFile === undefined) return out;
  const path = resolve(o.cwd, args.prefixFile);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch {
    throw new UserError(
      `Cannot read prefix_file ${path} (--dataset-args)`,
      "Point prefix_file at a UTF-8 text file (relative paths start from the current directory).",
    );
  }
  if (text.trim() === "") {
    throw new UserError(
      `Cannot pad prompts with prefix_file ${path}: the file is empty`,
      "Use a long plain-text file, e.g. a book or a document collection.",
    );
  }
  if (args.prefixRole === "system" && !o.chat) {
    o.warnings.push(
      'prefix_role "system" needs chat messages: this completions endpoint gets the prefix at the start of the prompt text (add --apply-chat-template to render a system message)',
    );
  }
  out.prefix = { text, role: args.prefixRole };
  return out;
}

async function tokenizerPath(
  p: string | undefined,
  cwd: string,
  warnings: string[],
): Promise<string | undefined> {
  if (!p || p === "o200k" || p === "o200k_base" || p === "server") return undefined;
  const abs = resolve(cwd, p);
  try {
    const st = await Deno.stat(abs);
    if (st.isDirectory || (st.isFile && abs.toLowerCase().endsWith(".gguf"))) return abs;
  } catch { /* not local */ }
  warnings.push(
    `--tokenizer-path ${p} is not a local directory or .gguf file and lmeter downloads no tokenizers: using the built-in o200k_base ` +
      "(exact for gpt-oss and OpenAI models, approximate for others; pass a folder holding tokenizer.json, or the model's .gguf file, for exact counts)",
  );
  return undefined;
}

async function mustExist(path: string, flag: string): Promise<void> {
  try {
    await Deno.stat(path);
  } catch {
    throw new UserError(
      `Cannot read ${flag} ${path}: no such file or directory`,
      "Check the path (relative paths start from the current directory).",
    );
  }
}

async function textOrFile(
  v: string | undefined,
  cwd: string,
  flag: string,
): Promise<string | undefined> {
  if (v === undefined || !v.startsWith("@")) return v;
  const path = resolve(cwd, v.slice(1));
  try {
    return await Deno.readTextFile(path);
  } catch {
    throw new UserError(`Cannot read ${flag} file ${path}`, `Check the path after the @.`);
  }
}

async function queryTemplate(
  v: string | undefined,
  cwd: string,
): Promise<Record<string, unknown> | undefined> {
  const text = await textOrFile(v, cwd, "--query-template");
  if (text === undefined) return undefined;
  try {
    const obj = JSON.parse(text);
    if (obj && typeof obj === "object" && !Array.isArray(obj)) return obj;
  } catch { /* fall through */ }
  throw new UserError(
    "Invalid value for --query-template: not a JSON object",
    `E.g. --query-template '{"model": "m", "messages": []}' or @template.json.`,
  );
}

function extraArgs(v: unknown): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  throw new UserError(
    "Invalid value for --extra-args: not a JSON object",
    `E.g. --extra-args '{"ignore_eos": true}'.`,
  );
}

/** Seconds to ms; 0 or unset means "not set". */
function secondsToMs(s: number | undefined): number | undefined {
  return s !== undefined && s > 0 ? Math.round(s * 1000) : undefined;
}
