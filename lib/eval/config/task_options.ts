/**
 * The options of `lmeter eval`: EvalScope's TaskConfig fields, as flags (kebab-case) and config
 * keys (snake_case). One list gives types, defaults, help and validation.
 *
 * @module
 */
import { defineOptions, optionDefaults, type OptionValues } from "../../config/schema.ts";
import { SANDBOX_CHOICES } from "../../sandbox/mod.ts";

const MODEL = "Model";
const DATA = "Datasets";
const GEN = "Generation";
const RUN = "Run";
const JUDGE = "Judge, sandbox, agents (accepted for compatibility)";

/** Every `lmeter eval` option. */
export const EVAL_OPTIONS = defineOptions([
  {
    name: "model",
    placeholder: "<name>",
    type: "string",
    group: MODEL,
    help: "Model name sent to the API (the served model name)",
  },
  {
    name: "model_id",
    placeholder: "<name>",
    type: "string",
    group: MODEL,
    help: "Name used for output folders and reports [default: basename of --model]",
  },
  {
    name: "api_url",
    placeholder: "<url>",
    type: "string",
    group: MODEL,
    help: "OpenAI-compatible base URL, e.g. http://127.0.0.1:8801/v1 (env EVALSCOPE_BASE_URL)",
  },
  {
    name: "apply_chat_template",
    type: "bool",
    group: MODEL,
    help:
      "Send chat messages to <api-url>/chat/completions (default: yes, unless --api-url ends in /completions); --no-apply-chat-template sends a base model the raw prompt text at <api-url>/completions",
  },
  {
    name: "api_key",
    placeholder: "<key>",
    type: "string",
    group: MODEL,
    default: "EMPTY",
    help: "API key, sent as a bearer token (env EVALSCOPE_API_KEY)",
  },
  {
    name: "eval_type",
    type: "string",
    group: MODEL,
    choices: ["openai_api", "service", "server", "mock_llm", "llm_ckpt", "checkpoint"],
    help:
      "openai_api (alias service) calls --api-url; mock_llm is a dry run without a model [default: openai_api when --api-url is set]",
  },
  {
    name: "model_args",
    type: "kv",
    group: MODEL,
    help: "Client settings: default_headers, timeout (s), max_retries",
  },
  {
    name: "model_task",
    type: "string",
    group: MODEL,
    default: "text_generation",
    choices: ["text_generation", "image_generation"],
    advanced: true,
    help: "What the model does (only text_generation is supported)",
  },
  {
    name: "chat_template",
    type: "string",
    group: MODEL,
    advanced: true,
    help: "Jinja chat template for local checkpoints (ignored for APIs)",
  },
  {
    name: "datasets",
    placeholder: "<benchmark…>",
    type: "string[]",
    group: DATA,
    help: "Benchmarks to run (see 'lmeter benchmarks list')",
  },
  {
    name: "dataset_args",
    type: "json",
    group: DATA,
    help: 'Per-benchmark settings, e.g. {"gsm8k": {"few_shot_num": 0, "subset_list": ["main"]}}',
  },
  {
    name: "dataset_dir",
    placeholder: "<dir>",
    type: "string",
    group: DATA,
    help: "Directory holding local copies of datasets (<dir>/<benchmark> or <dir>/<dataset id>)",
  },
  {
    name: "dataset_hub",
    type: "string",
    group: DATA,
    default: "modelscope",
    choices: ["modelscope", "huggingface", "local"],
    help: "Where to download datasets from (local: never download)",
  },
  {
    name: "limit",
    placeholder: "<n|fraction>",
    type: "float",
    group: DATA,
    min: 0,
    help: "Samples per subset: a count, or a fraction below 1 (all when not given)",
  },
  {
    name: "repeats",
    type: "int",
    group: DATA,
    default: 1,
    min: 1,
    help: "Generate each sample this many times (pass@k, vote@k)",
  },
  {
    name: "generation_config",
    type: "kv",
    group: GEN,
    // A given generation_config replaces this one entirely, as in EvalScope.
    default: { temperature: 0 },
    help:
      "Request parameters: max_tokens, temperature, top_p, top_k, n, seed, stop, stream, timeout, extra_body…",
  },
  {
    name: "timeout",
    type: "float",
    group: GEN,
    advanced: true,
    help: "Deprecated: generation_config.timeout (seconds per request)",
  },
  {
    name: "stream",
    type: "bool",
    group: GEN,
    default: false,
    advanced: true,
    help: "Deprecated: generation_config.stream",
  },
  {
    name: "eval_batch_size",
    type: "int",
    group: RUN,
    default: 1,
    min: 1,
    help: "Samples evaluated concurrently",
  },
  {
    name: "seed",
    type: "int",
    group: RUN,
    default: 42,
    help: "Seed for shuffling and random few-shot choice",
  },
  {
    name: "work_dir",
    placeholder: "<dir>",
    type: "string",
    group: RUN,
    default: "./outputs",
    help: "Where run folders are written",
  },
  {
    name: "no_timestamp",
    type: "bool",
    group: RUN,
    default: false,
    help: "Write into work_dir itself instead of a <YYYYMMDD_HHMMSS> folder",
  },
  {
    name: "use_cache",
    placeholder: "<run dir>",
    type: "string",
    group: RUN,
    help: "Resume the run folder DIR: finished samples are reused, the rest is evaluated",
  },
  {
    name: "rerun_review",
    type: "bool",
    group: RUN,
    default: false,
    help: "With --use-cache: re-score cached responses without calling the model",
  },
  {
    name: "ignore_errors",
    type: "bool",
    group: RUN,
    default: false,
    help: "Skip samples whose request failed (counted and excluded) instead of stopping",
  },
  {
    name: "enable_progress_tracker",
    type: "bool",
    group: RUN,
    default: false,
    help: "Write progress.json in the run folder while running",
  },
  {
    name: "collect_perf",
    type: "bool",
    group: RUN,
    default: true,
    help: "Record latency, TTFT and token usage per request in the reports",
  },
  {
    name: "debug",
    type: "bool",
    group: RUN,
    default: false,
    help: "Log every request and show stack traces",
  },
  {
    name: "fail_on",
    type: "string",
    group: RUN,
    help:
      "Exit 1 when any condition holds, e.g. 'gsm8k.mean<0.80,gsm8k.ci_low<0.75' (docs/eval.md)",
  },
  {
    name: "shard",
    type: "string",
    placeholder: "<K/N>",
    group: RUN,
    help:
      "Run shard K of N (K from 0; sample groups g with g mod N = K); also LMETER_SHARD=K/N (docs/sharding.md)",
  },
  {
    name: "shards",
    type: "int",
    min: 1,
    group: RUN,
    help:
      "Number of shards when the index comes from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job)",
  },
  {
    name: "cache_url",
    type: "string",
    placeholder: "<url>",
    group: RUN,
    help:
      "Keep the resume store in a remote Deno KV (a denokv server) that retried runs and shards share; token from DENO_KV_ACCESS_TOKEN (docs/sharding.md)",
  },
  {
    name: "cache_token_file",
    type: "string",
    placeholder: "<file>",
    group: RUN,
    help: "Read the --cache-url access token from this file instead of DENO_KV_ACCESS_TOKEN",
  },
  {
    name: "eval_backend",
    type: "string",
    group: RUN,
    default: "Native",
    choices: ["Native", "OpenCompass", "VLMEvalKit", "RAGEval", "ThirdParty"],
    advanced: true,
    help: "Evaluation backend (only Native is supported)",
  },
  {
    name: "eval_config",
    type: "json",
    group: RUN,
    advanced: true,
    help: "Config of a non-native backend (not supported)",
  },
  {
    name: "evalscope_version",
    type: "string",
    group: RUN,
    advanced: true,
    help: "Recorded for compatibility; ignored",
  },
  {
    name: "judge",
    type: "json",
    group: JUDGE,
    advanced: true,
    help:
      "EvalScope's newest judge object (not supported: use judge_strategy and judge_model_args)",
  },
  {
    name: "judge_strategy",
    type: "string",
    group: JUDGE,
    default: "auto",
    choices: ["auto", "rule", "llm", "llm_recall"],
    advanced: true,
    help:
      "auto: the benchmark's default; rule: rule scorer only; llm: the judge scores every sample; llm_recall: the judge re-scores samples the rule scores at most 0.99 (docs/judges.md)",
  },
  {
    name: "judge_model_args",
    type: "json",
    group: JUDGE,
    advanced: true,
    help:
      "The judge: {api_url, model_id, api_key, generation_config, system_prompt, prompt_template, score_type, score_pattern, score_mapping} (no default endpoint; docs/judges.md)",
  },
  {
    name: "judge_worker_num",
    type: "int",
    group: JUDGE,
    advanced: true,
    help: "Judge calls in flight at most (default: --eval-batch-size)",
  },
  {
    name: "analysis_report",
    type: "bool",
    group: JUDGE,
    default: false,
    advanced: true,
    help: "Ask an LLM to write an analysis (not available)",
  },
  {
    name: "sandbox",
    placeholder: "<engine|json>",
    type: "json",
    group: RUN,
    default: "auto",
    choices: SANDBOX_CHOICES,
    help:
      'Where code benchmarks run model-written programs: bwrap, docker, local (no isolation), none, or EvalScope\'s {"engine": …, "pool_size": …} (docs/sandbox.md)',
  },
  {
    name: "use_sandbox",
    type: "bool",
    group: JUDGE,
    advanced: true,
    help: "Legacy sandbox switch (code always runs in a sandbox; see --sandbox)",
  },
  {
    name: "sandbox_type",
    type: "string",
    group: JUDGE,
    advanced: true,
    help: "Legacy sandbox engine (docker, bwrap, local)",
  },
  {
    name: "sandbox_manager_config",
    type: "json",
    group: JUDGE,
    advanced: true,
    help: "Legacy remote sandbox manager (not supported: programs run on this machine)",
  },
  {
    name: "agent_config",
    type: "json",
    group: JUDGE,
    advanced: true,
    help: "Agent loop settings (not available)",
  },
]);

/** `lmeter eval`'s option values: typed, defaults applied (see {@linkcode EVAL_OPTIONS}). */
export type EvalValues = OptionValues<typeof EVAL_OPTIONS>;

/** The defaults of `lmeter eval`'s options: the one place each is written is its option. */
export const EVAL_DEFAULTS: Readonly<ReturnType<typeof optionDefaults<typeof EVAL_OPTIONS>>> =
  optionDefaults(EVAL_OPTIONS);
