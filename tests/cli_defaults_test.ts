/**
 * Every default is written once: the defaults `--help` prints must be the values of the config
 * that an empty command line (plus the required flags) resolves to, for eval, perf, sim and app.
 * A default written a second time in a builder or an engine, or an option whose resolved value
 * has a default `--help` does not show, fails here.
 */
import assert from "node:assert/strict";
import { relative } from "node:path";
import { formatDefault, renderHelp } from "../lib/config/help.ts";
import { type CommandSpec, flagName, parseOptions } from "../lib/config/schema.ts";
import { buildPerfConfig, type PerfConfig } from "../lib/load/config.ts";
import {
  PERF_OPTIONS,
  SERVER_METRICS_INTERVAL_S,
  SLA_NUMBER_MULTIPLIER,
} from "../lib/load/options.ts";
import { evalCommand } from "../lib/cli/eval.ts";
import { perfCommand } from "../lib/cli/perf.ts";
import { simCommand } from "../lib/cli/sim.ts";
import { appCommand } from "../lib/cli/app.ts";
import { APP_OPTIONS, appOptionsFromValues, resolveAppOptions } from "../lib/app/options.ts";
import { resolveConfig, type SimConfig } from "../lib/sim/config.ts";
import {
  type FaultKind,
  SIM_OPTIONS,
  simulatorOptionsFromValues,
  type ToldConfig,
} from "../lib/sim/mod.ts";
import {
  type ResolvedTask,
  resolveTaskConfig,
  type TaskConfig,
} from "../lib/eval/config/task_config.ts";
import { EVAL_OPTIONS, type EvalValues } from "../lib/eval/config/task_options.ts";
import { PERF_DATASETS } from "../perf/mod.ts";
import { CI_OPTION_NAMES, CI_OPTIONS } from "../lib/ci/options.ts";
import { prepareCi } from "../lib/ci/github_step.ts";

/** The `[default: …]` each flag shows in `--help-all`, by snake_case option name. */
function helpDefaults(spec: CommandSpec): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const lines = renderHelp(spec, { all: true }).split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^ {2}(?:-\w, )?--([a-z0-9-]+)/.exec(lines[i]);
    if (!m) continue;
    const opt = spec.options.find((o) => flagName(o.name) === m[1]);
    if (!opt) continue;
    // Long flag columns put the help text on the next line.
    const wrapped = lines[i + 1]?.startsWith(" ".repeat(29)) ?? false;
    const text = wrapped ? lines[i + 1].slice(29) : lines[i].slice(29);
    out.set(opt.name, /\[(?:[^[\]]*; )?default: (.*)\]$/.exec(text)?.[1]);
  }
  assert.equal(out.size, spec.options.length, "every option is listed in --help-all");
  return out;
}

/** How `--help` would show a resolved value; nothing for an unset or empty one. */
function shown(v: unknown): string | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "object" && Object.keys(v).length === 0) return undefined;
  return formatDefault(v);
}

/**
 * Checks that each option's help default equals its resolved value. `resolved` maps every option
 * to where its value ends up in the resolved config; `derived` lists options whose default is
 * computed from other values (said in words in their help), checked by their own test.
 */
function assertDefaultsAgree<C>(
  spec: CommandSpec,
  config: C,
  o: { resolved: Record<string, (c: C) => unknown>; derived?: readonly string[] },
): void {
  const help = helpDefaults(spec);
  const derived = new Set(o.derived ?? []);
  for (const opt of spec.options) {
    if (derived.has(opt.name)) continue;
    const read = o.resolved[opt.name];
    assert.ok(read, `no resolved value mapped for --${flagName(opt.name)}`);
    assert.equal(
      shown(read(config)),
      help.get(opt.name),
      `--${flagName(opt.name)}: --help and the resolved config disagree`,
    );
  }
  for (const name of Object.keys(o.resolved)) {
    assert.ok(spec.options.some((x) => x.name === name), `unknown option ${name}`);
  }
}

async function perfConfig(extra: string[] = []): Promise<PerfConfig> {
  const values = parseOptions({ ...perfCommand.spec, options: PERF_OPTIONS }, [
    "--model",
    "m",
    ...extra,
  ]).values;
  return (await buildPerfConfig(values, { datasets: PERF_DATASETS, cwd: "/work" })).config;
}

const SLA_ARGS = ["--sla-auto-tune", "--sla-params", '{"p99_ttft": "<=500"}'];

Deno.test("lmeter perf: --help shows exactly the defaults an empty command line resolves to", async () => {
  const c = await perfConfig();
  const sla = (await perfConfig(SLA_ARGS)).sla!;
  const scrape = (await perfConfig(["--server-metrics"])).serverMetrics!;
  const turns = (await perfConfig([
    "--multi-turn",
    "--dataset",
    "custom_multi_turn",
    "--dataset-path",
    "/work",
  ])).multiTurn!;
  const ms = (v: number | undefined) => v === undefined ? undefined : v / 1000;
  const ignored = (name: string) => (x: PerfConfig) => x.args[name];
  assertDefaultsAgree(perfCommand.spec, c, {
    derived: [
      "model",
      "name",
      "apply_chat_template",
      "sla_number_multiplier",
      "server_metrics_interval",
      "trace_speedup",
      ...CI_OPTION_NAMES,
    ],
    resolved: {
      api: (x) => x.api,
      url: (x) => x.url,
      api_key: (x) => x.apiKey,
      headers: (x) => x.headers,
      tokenizer_path: (x) => x.tokenizerPath,
      connect_timeout: (x) => ms(x.connectTimeoutMs),
      read_timeout: (x) => ms(x.readTimeoutMs),
      total_timeout: (x) => ms(x.totalTimeoutMs),
      no_test_connection: (x) => !x.testConnection,
      number: (x) => x.runs.map((r) => r.number),
      parallel: (x) => x.runs.map((r) => r.parallel),
      rate: (x) => x.runs.map((r) => r.rate),
      burstiness: (x) => x.burstiness,
      open_loop: (x) => x.runs[0].openLoop,
      warmup_num: (x) => x.warmupNum,
      duration: (x) => x.durationS,
      sleep_interval: (x) => x.sleepIntervalS,
      seed: (x) => x.seed,
      dataset: (x) => x.dataset,
      dataset_path: (x) => x.datasetPath,
      data_source: (x) => x.dataSource,
      dataset_offset: (x) => x.datasetOffset,
      dataset_args: (x) => x.datasetArgs,
      prompt: (x) => x.prompt,
      query_template: (x) => x.body.queryTemplate,
      min_prompt_length: (x) => x.minPromptLength,
      max_prompt_length: (x) => x.maxPromptLength,
      prefix_length: (x) => x.prefixLength,
      image_width: (x) => x.images.width,
      image_height: (x) => x.images.height,
      // Only RGB is written; the value is kept in benchmark_args.json.
      image_format: (x) => x.args.image_format,
      image_num: (x) => x.images.num,
      image_patch_size: (x) => x.images.patchSize,
      tokenize_prompt: (x) => x.tokenizePrompt,
      max_tokens: (x) => x.body.maxTokens,
      min_tokens: (x) => x.body.minTokens,
      temperature: (x) => x.body.temperature,
      top_p: (x) => x.body.topP,
      top_k: (x) => x.body.topK,
      frequency_penalty: (x) => x.body.frequencyPenalty,
      repetition_penalty: (x) => x.body.repetitionPenalty,
      logprobs: (x) => x.body.logprobs,
      n_choices: (x) => x.body.nChoices,
      stop: (x) => x.body.stop,
      stop_token_ids: (x) => x.body.stopTokenIds,
      stream: (x) => x.body.stream,
      extra_args: (x) => x.body.extraArgs,
      outputs_dir: (x) => relative("/work", x.outputDir).split("/")[0],
      no_timestamp: (x) => !/\/\d{8}_\d{6}\//.test(x.outputDir),
      log_every_n_query: (x) => x.logEveryNQuery,
      debug: (x) => x.debug,
      enable_progress_tracker: (x) => x.enableProgressTracker,
      db_commit_interval: (x) => x.dbCommitInterval,
      visualizer: (x) => x.visualizer,
      wandb_api_key: ignored("wandb_api_key"),
      swanlab_api_key: ignored("swanlab_api_key"),
      swanlab_host: ignored("swanlab_host"),
      // None given: no export folder.
      export: (x) => (x.exports.length ? x.exports : undefined),
      pushgateway: (x) => x.pushgateway,
      // Not given: no upload (and no key in benchmark_args.json).
      upload: (x) => (x.upload ? true : undefined),
      percentiles: (x) => x.percentiles,
      percentile_method: (x) => x.percentileMethod,
      summary_format: (x) => x.summaryFormat,
      slo: (x) => x.slo,
      fail_on: (x) => x.gates,
      // The option's value: on, even when a light sweep skips it (calibrationNote says so).
      calibrate: (x) => x.calibrate || x.calibrationNote !== undefined,
      sla_auto_tune: (x) => x.sla !== undefined,
      sla_variable: () => sla.variable,
      sla_params: () => undefined, // required with --sla-auto-tune
      sla_num_runs: () => sla.numRuns,
      sla_upper_bound: () => sla.upperBound,
      sla_lower_bound: () => sla.lowerBound,
      sla_fixed_parallel: () => sla.fixedParallel,
      queue_size_multiplier: ignored("queue_size_multiplier"),
      in_flight_task_multiplier: ignored("in_flight_task_multiplier"),
      num_workers: ignored("num_workers"),
      server_metrics: (x) => x.serverMetrics?.urls,
      multi_turn: (x) => x.multiTurn !== undefined,
      min_turns: () => turns.minTurns,
      max_turns: () => turns.maxTurns,
      session_header: () => turns.sessionHeader,
    },
  });
  // The derived defaults, as their help text words them.
  assert.equal(c.outputDir.split("/").pop(), "m", "--name: the model's basename");
  assert.equal(c.renderChatTemplate, false, "--apply-chat-template: chat messages on a chat URL");
  assert.equal(c.endpoint, "chat");
  assert.equal(helpDefaults(perfCommand.spec).get("sla_number_multiplier"), undefined);
  assert.equal(sla.numberMultiplier, SLA_NUMBER_MULTIPLIER, "--sla-number-multiplier");
  assert.equal(scrape.intervalMs, SERVER_METRICS_INTERVAL_S * 1000, "--server-metrics-interval");
  assert.ok(
    perfCommand.spec.options.find((o) => o.name === "server_metrics_interval")!.help.endsWith(
      `(default ${SERVER_METRICS_INTERVAL_S})`,
    ),
  );
  assert.ok(
    perfCommand.spec.options.find((o) => o.name === "sla_number_multiplier")!.help.endsWith(
      `(default ${SLA_NUMBER_MULTIPLIER})`,
    ),
  );
});

Deno.test("lmeter perf: the resolved config is plain data (it crosses into the job's worker)", async () => {
  const c = await perfConfig([...SLA_ARGS, "--fail-on", "p99_ttft_ms>500", "--slo", "ttft=1s"]);
  assert.deepEqual(structuredClone(c), c);
  assert.deepEqual(c.gates.map((g) => g.metric), ["p99_ttft_ms"]);
});

Deno.test("helpDefaults() reads what --help shows, including wrapped lines", () => {
  const spec: CommandSpec = {
    name: "t",
    summary: "",
    usage: "",
    options: [
      { name: "a", type: "int", default: 3, help: "x" },
      { name: "a_very_long_option_name", type: "float[]", default: [1, 2], help: "y" },
      { name: "c", type: "string", choices: ["p", "q"], default: "q", help: "z" },
      { name: "d", type: "string", help: "w" },
    ],
  };
  assert.deepEqual(
    [...helpDefaults(spec)],
    [["a", "3"], ["a_very_long_option_name", "1 2"], ["c", "q"], ["d", undefined]],
  );
  assert.equal(PERF_OPTIONS.length + CI_OPTIONS.length, perfCommand.spec.options.length);
});

/** The task `lmeter eval` resolves: only the options given reach the resolver, as in the CLI. */
function evalTask(args: string[]): ResolvedTask {
  const parsed = parseOptions({ ...evalCommand.spec, options: EVAL_OPTIONS }, args);
  const config: Record<string, unknown> = {};
  for (const name of parsed.given) config[name] = parsed.values[name as keyof EvalValues];
  return resolveTaskConfig(config as TaskConfig, {});
}

const EVAL_BASE = ["--model", "m", "--api-url", "http://127.0.0.1:8801/v1", "--datasets", "gsm8k"];

Deno.test("lmeter eval: --help shows exactly the defaults an empty command line resolves to", () => {
  const t = evalTask(EVAL_BASE);
  const echoed = (name: keyof TaskConfig) => (x: ResolvedTask) => x.config[name];
  assertDefaultsAgree(evalCommand.spec, t, {
    derived: [
      "model",
      "api_url",
      "datasets",
      "model_id",
      "eval_type",
      "apply_chat_template",
      // Only one value is supported; giving the default must change nothing (checked below).
      "model_task",
      "eval_backend",
      "judge_strategy",
      "analysis_report",
      "ignore_manifest",
      // The command's own: exports written after the run, not part of the task.
      "export",
      ...CI_OPTION_NAMES,
    ],
    resolved: {
      api_key: (x) => x.apiKey,
      model_args: echoed("model_args"),
      chat_template: echoed("chat_template"),
      dataset_args: (x) => x.datasetArgs,
      dataset_dir: (x) => x.datasetDir,
      dataset_hub: (x) => x.datasetHub,
      limit: (x) => x.limit,
      repeats: (x) => x.repeats,
      generation_config: (x) => x.generation.body,
      timeout: (x) => x.generation.timeoutMs,
      stream: (x) => x.generation.stream,
      eval_batch_size: (x) => x.batchSize,
      seed: (x) => x.seed,
      work_dir: (x) => x.workDir,
      no_timestamp: (x) => x.noTimestamp,
      use_cache: (x) => x.useCache,
      rerun_review: (x) => x.rerunReview,
      ignore_errors: (x) => x.ignoreErrors,
      enable_progress_tracker: (x) => x.progressTracker,
      collect_perf: (x) => x.collectPerf,
      debug: (x) => x.debug,
      fail_on: (x) => x.gates,
      shard: (x) => x.shard,
      shards: (x) => x.shard,
      cache_url: (x) => x.cacheUrl,
      cache_token_file: echoed("cache_token_file"),
      eval_config: echoed("eval_config"),
      evalscope_version: echoed("evalscope_version"),
      judge: echoed("judge"),
      judge_model_args: echoed("judge_model_args"),
      judge_worker_num: echoed("judge_worker_num"),
      sandbox: (t) => t.sandbox?.engine ?? "none",
      use_sandbox: echoed("use_sandbox"),
      sandbox_type: echoed("sandbox_type"),
      sandbox_manager_config: echoed("sandbox_manager_config"),
      agent_config: echoed("agent_config"),
    },
  });
  assert.equal(t.modelId, "m", "--model-id: basename of --model");
  assert.equal(t.evalType, "openai_api", "--eval-type: openai_api when --api-url is set");
  assert.equal(
    t.endpoint,
    "chat",
    "--apply-chat-template: yes unless --api-url ends in /completions",
  );
});

Deno.test("lmeter eval: giving an option its --help default resolves to the same task", () => {
  const omitted = evalTask(EVAL_BASE);
  const strip = (t: ResolvedTask) => ({ ...t, config: undefined });
  for (const [name, shownDefault] of helpDefaults(evalCommand.spec)) {
    // model_id and eval_type say their derived default in words; ignore_manifest is not a task key.
    // The CI options are not task keys either (their defaults: the test below).
    if (
      shownDefault === undefined ||
      ["model_id", "eval_type", "ignore_manifest", ...CI_OPTION_NAMES].includes(name)
    ) {
      continue;
    }
    const opt = EVAL_OPTIONS.find((o) => o.name === name)!;
    const value = opt.type.endsWith("[]") ? shownDefault.replaceAll(" ", ",") : shownDefault;
    const given = evalTask([...EVAL_BASE, `--${flagName(name)}=${value}`]);
    assert.deepEqual(strip(given), strip(omitted), `--${flagName(name)} ${shownDefault}`);
  }
});

Deno.test("lmeter perf and eval: the GitHub options' --help defaults are what prepareCi() resolves outside Actions", async () => {
  for (const command of [perfCommand, evalCommand]) {
    const spec = { ...command.spec, options: CI_OPTIONS };
    const plan = await prepareCi(parseOptions(spec, []).values, { env: {}, print: () => {} });
    assertDefaultsAgree(spec, plan, {
      resolved: {
        github: (x) => x.github,
        baseline: (x) => x.baseline,
        export_benchmark_action: (x) => x.benchmarkDir,
      },
    });
    const help = helpDefaults(command.spec);
    for (const o of CI_OPTIONS) assert.ok(help.has(o.name), `${command.spec.name} --${o.name}`);
  }
  const on = await prepareCi({}, { env: { GITHUB_ACTIONS: "true" }, print: () => {} });
  assert.equal(on.github, true, "GITHUB_ACTIONS=true turns it on");
});

Deno.test("lmeter sim: --help shows exactly the defaults an empty command line resolves to", async () => {
  const parsed = parseOptions({ ...simCommand.spec, options: SIM_OPTIONS }, []);
  const c = await resolveConfig(simulatorOptionsFromValues(parsed.values));
  const told = (key: keyof ToldConfig) => (x: SimConfig) => x.told[key];
  const fault = (kind: FaultKind) => (x: SimConfig) => x.told.faultRates[kind];
  assertDefaultsAgree(simCommand.spec, c, {
    // Said in words in their help: o200k_base, and the fd soft limit - 64.
    derived: ["tokenizer_path", "max_connections"],
    resolved: {
      host: (x) => x.host,
      port: (x) => x.port,
      models: told("models"),
      strict_model: (x) => x.strictModel,
      api_key: (x) => x.apiKey,
      events_per_write: told("eventsPerWrite"),
      request_log: (x) => x.requestLog,
      log_ring_size: (x) => x.logRingSize,
      log_bodies: (x) => x.logBodies,
      embedding_dim: (x) => x.embeddingDim,
      seed: told("seed"),
      ttft_ms: told("ttftMs"),
      ttft_jitter_ms: told("ttftJitterMs"),
      prefill_ms_per_token: told("prefillMsPerToken"),
      itl_ms: told("itlMs"),
      itl_jitter_ms: told("itlJitterMs"),
      slowdown_per_request: told("slowdownPerRequest"),
      delay_headers_ms: told("delayHeadersMs"),
      role_gap_ms: told("roleGapMs"),
      answer_key: (x) => x.answerKey,
      unmatched: told("unmatched"),
      lorem_tokens: told("loremTokens"),
      reasoning_tokens: told("reasoningTokens"),
      max_model_len: told("maxModelLen"),
      fault_500_rate: fault("500"),
      fault_429_rate: fault("429"),
      fault_cut_rate: fault("cut"),
      fault_malformed_rate: fault("malformed"),
      fault_stream_error_rate: fault("stream_error"),
      fault_hang_rate: fault("hang"),
      fault_after_tokens: told("faultAfterTokens"),
      retry_after_s: told("retryAfterS"),
      llama_cpp: told("llamaCpp"),
      prefix_cache: told("prefixCache"),
      spec_tokens: told("specTokens"),
      spec_accept_rate: told("specAcceptRate"),
      kv_cache_tokens: told("kvCacheTokens"),
      prefix_cache_block: told("prefixCacheBlock"),
    },
  });
  assert.equal(c.tokenizer.name, "o200k_base", "--tokenizer-path: o200k_base");
  // startSimulator() with no options is the same simulator, on a free port.
  const lib = await resolveConfig({});
  assert.deepEqual({ ...lib, port: 8801, tokenizer: null }, { ...c, tokenizer: null });
  assert.equal(lib.port, 0);
});

Deno.test("lmeter app: --help shows exactly the defaults an empty command line resolves to, and startApp() applies the same", () => {
  const parsed = parseOptions({ ...appCommand.spec, options: APP_OPTIONS }, []);
  const c = resolveAppOptions(appOptionsFromValues(parsed.values));
  assertDefaultsAgree(appCommand.spec, c, {
    resolved: {
      outputs: (x) => x.outputs,
      host: (x) => x.host,
      port: (x) => x.port,
      lang: (x) => x.lang,
      auth_token: (x) => x.authToken,
      service: (x) => x.service,
      // The file is read by the command into serviceToken; none given, no token.
      service_token_file: (x) => x.serviceToken,
    },
  });
  // A library caller that names only the folder gets the CLI's defaults.
  assert.deepEqual(resolveAppOptions({ outputs: c.outputs }), c);
  // An empty token is no token, as on the command line.
  assert.equal(resolveAppOptions({ outputs: "x", authToken: "" }).authToken, undefined);
});
