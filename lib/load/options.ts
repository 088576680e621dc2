/**
 * The options of `lmeter perf`: EvalScope's flags (kebab-case on the command line, snake_case
 * in config files) plus lmeter's own, with defaults and help text.
 *
 * @module
 */
import { defineOptions, type OptionValues } from "../config/schema.ts";
import { DEFAULT_PERCENTILES } from "../metrics/percentile.ts";
import { SUMMARY_FORMATS } from "../results/perf/evalscope_format.ts";

const MODEL = "Model and API";
const CONN = "Connection";
const LOAD = "Load shape";
const DATA = "Dataset and prompts";
const GEN = "Generation parameters (sent in every request body)";
const OUT = "Output and logging";
const STATS = "Statistics, SLOs and CI gates (lmeter)";
const SLA = "SLA auto-tune";
const SERVER = "The server's own metrics (lmeter)";
const MULTI = "Multi-turn conversations";

/**
 * `--sla-number-multiplier` when not given. Not a schema default: benchmark_args.json records
 * every option that has one, and EvalScope's file has no such key.
 */
export const SLA_NUMBER_MULTIPLIER = 2;

/**
 * `--server-metrics-interval` when not given, seconds. Not a schema default, for the same reason
 * (EvalScope's benchmark_args.json has no such key).
 */
export const SERVER_METRICS_INTERVAL_S = 1;

/** Every `lmeter perf` option. */
export const PERF_OPTIONS = defineOptions([
  {
    name: "model",
    type: "string",
    group: MODEL,
    help: "Model name sent as `model` in each request (required)",
  },
  {
    name: "api",
    type: "string",
    default: "openai",
    group: MODEL,
    help:
      "API plugin: openai (chat/completions or completions; the URL path decides), openai_embedding|embedding (/embeddings), openai_rerank|rerank (/rerank, or /reranks as given), openai_responses|openai_response|responses (the Responses API, /responses)",
  },
  {
    name: "url",
    type: "string",
    default: "http://127.0.0.1:8877/v1/chat/completions",
    group: MODEL,
    help: "Full endpoint URL; a base URL gets /chat/completions appended",
  },
  {
    name: "api_key",
    type: "string",
    group: MODEL,
    help: "Sent as Authorization: Bearer <key> (masked in every output)",
  },
  {
    name: "headers",
    type: "kv",
    group: MODEL,
    help: "Extra headers, key=value … (masked when they look like secrets)",
  },
  {
    name: "tokenizer_path",
    type: "string",
    group: MODEL,
    help:
      "Directory holding the model's tokenizer.json, the model's .gguf file, or 'server' (the target's POST /tokenize and /detokenize size prompts); default: built-in o200k_base; hub ids fall back to o200k_base with a warning",
  },
  {
    name: "connect_timeout",
    type: "float",
    min: 0,
    group: CONN,
    help: "Seconds allowed to open a connection",
  },
  {
    name: "read_timeout",
    type: "float",
    min: 0,
    group: CONN,
    help: "Seconds allowed between two reads of a response",
  },
  {
    name: "total_timeout",
    type: "float",
    min: 0,
    default: 21600,
    group: CONN,
    help: "Seconds allowed for one request from send to last byte",
  },
  {
    name: "no_test_connection",
    type: "bool",
    default: false,
    group: CONN,
    help: "Skip the bounded connection test before the runs",
  },
  {
    name: "number",
    short: "n",
    type: "int[]",
    min: 1,
    default: [1000],
    group: LOAD,
    help: "Requests per run; a list pairs with --parallel (or --rate with --open-loop)",
  },
  {
    name: "parallel",
    type: "int[]",
    min: 1,
    default: [1],
    group: LOAD,
    help: "Concurrency (requests in flight) per run; a list makes a sweep",
  },
  {
    name: "rate",
    type: "float[]",
    default: [-1],
    group: LOAD,
    help: "Mean arrival rate in req/s (Poisson, absolute schedule); -1 = no pacing",
  },
  {
    name: "burstiness",
    type: "float",
    default: 1,
    min: 0.01,
    group: LOAD,
    help:
      "With --rate: how bursty arrivals are (vLLM's flag). Gaps are gamma-distributed with this shape and mean 1/rate: 1 = Poisson, below 1 burstier, above 1 steadier",
  },
  {
    name: "open_loop",
    type: "bool",
    default: false,
    group: LOAD,
    help: "Send on schedule without a concurrency cap; --rate becomes the sweep axis",
  },
  {
    name: "warmup_num",
    type: "float",
    min: 0,
    default: 0,
    group: LOAD,
    help:
      "Warm-up requests before each run (≥1: a count; 0–1: a fraction of --number); excluded from metrics",
  },
  {
    name: "duration",
    type: "float",
    min: 0,
    group: LOAD,
    help: "Seconds per run: stop sending then, let in-flight requests finish",
  },
  {
    name: "sleep_interval",
    type: "float",
    min: 0,
    default: 5,
    group: LOAD,
    help: "Seconds to pause between the runs of a sweep",
  },
  {
    name: "seed",
    type: "int",
    group: LOAD,
    help: "Seeds prompt and schedule generation, and is sent as `seed`",
  },
  {
    name: "dataset",
    type: "string",
    default: "openqa",
    // The choices are the registry's names, which lib/cli adds: the engine knows no dataset.
    group: DATA,
    help: "Dataset of prompts",
  },
  {
    name: "dataset_path",
    type: "string",
    group: DATA,
    help: "Local dataset file or directory (offline; required for line_by_line and custom)",
  },
  {
    name: "data_source",
    type: "string",
    default: "modelscope",
    choices: ["modelscope", "huggingface", "local"],
    group: DATA,
    help: "Hub to download openqa/longalpaca/share_gpt from when no --dataset-path is given",
  },
  {
    name: "dataset_offset",
    type: "int",
    min: 0,
    default: 0,
    group: DATA,
    help: "Start offset of the random dataset; grows by --number between runs",
  },
  {
    name: "dataset_args",
    type: "json",
    group: DATA,
    help:
      "Dataset options as JSON; real-text datasets take target_input_len, input_len_mode (cap|drop), prefix_file, prefix_role (system|user), e.g. '{\"target_input_len\": 2048}'",
  },
  {
    name: "prompt",
    type: "string",
    group: DATA,
    help: "One prompt (text or @file) sent --number times instead of a dataset",
  },
  {
    name: "query_template",
    type: "string",
    group: DATA,
    help: "Request body template (JSON or @file.json); the dataset fills its messages/prompt",
  },
  {
    name: "min_prompt_length",
    type: "int",
    min: 0,
    default: 0,
    group: DATA,
    help: "Shortest prompt kept (tokens with --tokenizer-path or for random, else characters)",
  },
  {
    name: "max_prompt_length",
    type: "int",
    min: 1,
    default: 131072,
    group: DATA,
    help: "Longest prompt kept (same unit as --min-prompt-length)",
  },
  {
    name: "prefix_length",
    type: "int",
    min: 0,
    default: 0,
    group: DATA,
    help: "random: tokens of a shared random prefix (prefix-cache tests)",
  },
  {
    name: "image_width",
    type: "int",
    min: 1,
    max: 8192,
    default: 224,
    group: DATA,
    help: "random_vl: width of each generated image, pixels",
  },
  {
    name: "image_height",
    type: "int",
    min: 1,
    max: 8192,
    default: 224,
    group: DATA,
    help: "random_vl: height of each generated image, pixels",
  },
  {
    name: "image_format",
    type: "string",
    default: "RGB",
    choices: ["RGB"],
    group: DATA,
    help: "random_vl: colour mode of the generated PNGs (lmeter writes 8-bit RGB)",
  },
  {
    name: "image_num",
    type: "int",
    min: 1,
    default: 1,
    group: DATA,
    help: "random_vl: images per request",
  },
  {
    name: "image_patch_size",
    type: "int",
    min: 1,
    default: 28,
    group: DATA,
    help:
      "Pixels per side of one image token, for the estimate used when the server reports no usage: ceil(h/p)·ceil(w/p) per image",
  },
  {
    name: "apply_chat_template",
    type: "bool",
    group: DATA,
    help:
      "Send chat messages (default: yes when the URL ends in chat/completions); with a completions URL, render the tokenizer's chat template into the prompt",
  },
  {
    name: "tokenize_prompt",
    type: "bool",
    default: false,
    group: DATA,
    help:
      "Send the prompt as token ids (`prompt`: [ids]) to /v1/completions, for every text dataset; a chat/completions URL is rewritten",
  },
  {
    name: "max_tokens",
    type: "int[]",
    min: 1,
    default: [2048],
    group: GEN,
    help: "max_tokens; two values `lo hi` draw uniformly per request",
  },
  { name: "min_tokens", type: "int", min: 0, group: GEN, help: "min_tokens (vLLM extension)" },
  {
    name: "temperature",
    type: "float",
    min: 0,
    default: 0,
    group: GEN,
    help: "temperature (always sent)",
  },
  { name: "top_p", type: "float", group: GEN, help: "top_p" },
  { name: "top_k", type: "int", group: GEN, help: "top_k" },
  { name: "frequency_penalty", type: "float", group: GEN, help: "frequency_penalty" },
  { name: "repetition_penalty", type: "float", group: GEN, help: "repetition_penalty" },
  { name: "logprobs", type: "bool", group: GEN, help: "Ask for logprobs" },
  {
    name: "n_choices",
    type: "int",
    min: 1,
    group: GEN,
    help: "n (choices per request; timing follows choice 0)",
  },
  { name: "stop", type: "string[]", group: GEN, help: "Stop strings" },
  { name: "stop_token_ids", type: "int[]", group: GEN, help: "Stop token ids" },
  {
    name: "stream",
    type: "bool",
    default: true,
    group: GEN,
    help: "Stream the answer (adds stream_options.include_usage)",
  },
  {
    name: "extra_args",
    type: "json",
    group: GEN,
    help: `JSON merged into every body last, e.g. '{"ignore_eos": true}'`,
  },
  {
    name: "outputs_dir",
    type: "string",
    default: "outputs",
    group: OUT,
    help: "Where results go: <outputs>/<timestamp>/<name>/parallel_<P>_number_<N>/",
  },
  {
    name: "name",
    type: "string",
    group: OUT,
    help: "Folder name of this invocation (default: the model's basename)",
  },
  {
    name: "no_timestamp",
    type: "bool",
    default: false,
    group: OUT,
    help: "Leave the timestamp folder out of the output path",
  },
  {
    name: "log_every_n_query",
    type: "int",
    min: 1,
    default: 100,
    group: OUT,
    help: "Without a terminal, print a progress line every N finished requests",
  },
  {
    name: "debug",
    type: "bool",
    default: false,
    group: OUT,
    help: "Print every request and response (truncated)",
  },
  {
    name: "enable_progress_tracker",
    type: "bool",
    default: false,
    group: OUT,
    help: "Keep progress.json in the output folder up to date",
  },
  {
    name: "db_commit_interval",
    type: "int",
    min: 1,
    default: 1000,
    group: OUT,
    help: "Rows per SQLite commit in benchmark_data.db",
    advanced: true,
  },
  {
    name: "visualizer",
    type: "string",
    choices: ["wandb", "swanlab", "clearml"],
    group: OUT,
    help:
      "Write the tracker's offline files (TensorBoard events, metrics.jsonl) to <output>/export and print the upload command (--upload runs it)",
  },
  {
    name: "wandb_api_key",
    type: "string",
    group: OUT,
    help: "Implies --visualizer wandb (the key is masked; lmeter uploads nothing itself)",
  },
  {
    name: "swanlab_api_key",
    type: "string",
    group: OUT,
    help: "Implies --visualizer swanlab (the key is masked; lmeter uploads nothing itself)",
  },
  {
    name: "swanlab_host",
    type: "string",
    group: OUT,
    help: "Accepted and ignored (no upload)",
    advanced: true,
  },
  {
    name: "export",
    type: "string[]",
    group: OUT,
    help:
      "Also write these exports to <output>/export: tfevents, jsonl, mlflow, prom (comma- or space-separated)",
    placeholder: "FORMAT…",
  },
  {
    name: "pushgateway",
    type: "string",
    group: OUT,
    help:
      "After the run, PUT metrics.prom to this Prometheus Pushgateway (group job=lmeter, instance=<name>_<timestamp>)",
    placeholder: "URL",
  },
  {
    name: "upload",
    type: "bool",
    group: OUT,
    help:
      "After the run, run the tracker's own command (wandb sync, swanlab convert) on the --visualizer files",
  },
  {
    name: "percentiles",
    type: "string[]",
    default: DEFAULT_PERCENTILES.map(String),
    group: STATS,
    help: "Percentile rows, e.g. 10 25 50 66 75 80 90 95 98 99",
  },
  {
    name: "summary_format",
    type: "string",
    default: "lmeter",
    choices: SUMMARY_FORMATS,
    group: OUT,
    help:
      "Keys and units of benchmark_summary.json, benchmark_percentile.json and the console tables: lmeter (ms) or evalscope-1.6 (the seeds' 'Time taken for tests (s)', seconds, rows 10%…99%)",
  },
  {
    name: "percentile_method",
    type: "string",
    default: "floor",
    choices: ["floor", "nearest", "linear"],
    group: STATS,
    help:
      "floor: EvalScope's data[int(N·p/100)]; nearest: nearest rank; linear: numpy's interpolation",
  },
  {
    name: "slo",
    type: "string",
    group: STATS,
    help: "Service-level objectives for goodput, e.g. ttft=500ms,tpot=50ms,e2el=10s",
  },
  {
    name: "fail_on",
    type: "string",
    group: STATS,
    help: "Exit 1 when any condition holds in any run, e.g. 'p99_ttft_ms>500,success_rate<99'",
  },
  {
    name: "calibrate",
    type: "bool",
    default: true,
    group: STATS,
    help: "Measure the client's own ceiling against the in-process simulator first (a few seconds)",
  },
  {
    name: "sla_auto_tune",
    type: "bool",
    default: false,
    group: SLA,
    help: "Search the highest --parallel (or --rate) meeting --sla-params",
  },
  {
    name: "sla_variable",
    type: "string",
    default: "parallel",
    choices: ["parallel", "rate"],
    group: SLA,
    help: "What to search",
  },
  {
    name: "sla_params",
    type: "json",
    group: SLA,
    help:
      `Constraint groups, e.g. '[{"p99_ttft": "<=500", "avg_tpot": "<=50"}]' (TTFT/TPOT in ms, latency in s)`,
  },
  {
    name: "sla_num_runs",
    type: "int",
    min: 1,
    default: 3,
    group: SLA,
    help: "Repeats per probe (averaged)",
  },
  {
    name: "sla_upper_bound",
    type: "float",
    min: 0,
    default: 65536,
    group: SLA,
    help: "Highest value to try",
  },
  {
    name: "sla_lower_bound",
    type: "float",
    min: 0,
    default: 1,
    group: SLA,
    help: "Lowest value to try",
  },
  {
    name: "sla_fixed_parallel",
    type: "int",
    min: 1,
    group: SLA,
    help: "Concurrency cap while searching a rate (default: the upper bound)",
  },
  {
    name: "sla_number_multiplier",
    type: "float",
    min: 0,
    group: SLA,
    help: `Requests per probe = round(value × this) (default ${SLA_NUMBER_MULTIPLIER})`,
  },
  {
    name: "queue_size_multiplier",
    type: "int",
    group: LOAD,
    help: "Accepted for EvalScope compatibility; no effect (lmeter has no result queue)",
    advanced: true,
  },
  {
    name: "in_flight_task_multiplier",
    type: "int",
    group: LOAD,
    help: "Accepted for EvalScope compatibility; no effect",
    advanced: true,
  },
  {
    name: "num_workers",
    type: "int",
    group: LOAD,
    help: "Accepted for EvalScope compatibility; prompts are generated lazily instead",
    advanced: true,
  },
  {
    name: "server_metrics",
    type: "string[]",
    bare: ["auto"],
    group: SERVER,
    placeholder: "[auto|URL…]",
    help:
      "Scrape the server's Prometheus /metrics during each run (vLLM, SGLang) and summarise it over the measured window; auto (the bare flag) = /metrics on --url's host",
  },
  {
    name: "server_metrics_interval",
    type: "float",
    min: 0.25,
    group: SERVER,
    help:
      `Seconds between two scrapes of --server-metrics, at least 0.25 (default ${SERVER_METRICS_INTERVAL_S})`,
  },
  {
    name: "multi_turn",
    type: "bool",
    default: false,
    group: MULTI,
    help:
      "Run conversations: --number counts conversations, --parallel conversations at once; each turn sends the context with the server's real replies (multi-turn datasets)",
  },
  {
    name: "min_turns",
    type: "int",
    min: 1,
    default: 1,
    group: MULTI,
    help: "Fewest turns of a random_multi_turn conversation",
  },
  {
    name: "max_turns",
    type: "int",
    min: 1,
    group: MULTI,
    help:
      "Most turns of a conversation: random_multi_turn draws up to it (required there), other datasets are cut to it",
  },
  {
    name: "session_header",
    type: "string",
    group: MULTI,
    help:
      "Send each conversation's trace id in this header with every turn (sticky routing), e.g. x-session-id",
  },
  {
    // No schema default: benchmark_args.json records every option that has one, and EvalScope's
    // file has no such key.
    name: "trace_speedup",
    type: "float",
    min: 0.0001,
    group: LOAD,
    help:
      "Trace datasets (mooncake_trace, length_trace): replay this many times faster than the trace's timestamps (default 1)",
  },
]);

/** `lmeter perf`'s parsed values: typed, defaults applied (see {@linkcode PERF_OPTIONS}). */
export type PerfValues = OptionValues<typeof PERF_OPTIONS>;
