/**
 * The contract of a load-test dataset: it yields prompts lazily, one at a time, so a
 * 100k-request run starts at once and never holds every request in memory.
 *
 * @module
 */
import type { Random } from "../util/random.ts";
import type { Tokenizer } from "../tokenizer/mod.ts";
import type { SkippedLines } from "./skipped_lines.ts";
export type { SkippedLines };

/** One chat message as datasets produce it (content may be multimodal parts in custom files). */
export interface DatasetMessage {
  role: string;
  content: unknown;
}

/** One turn of a multi-turn conversation: the messages it adds to the context, and its own
 * overrides. The runner appends the server's real reply after each turn. */
export interface ConversationTurn {
  /** The messages this turn adds (user, system, tool …; never the reply it asks for). */
  messages: DatasetMessage[];
  /** `max_tokens` of this turn (agentic traces); the run's `--max-tokens` when absent. */
  maxTokens?: number;
  /** Seconds to wait before sending this turn (a tool call's latency in agentic traces). */
  delayS?: number;
}

/** A conversation (`--multi-turn`): its turns, in order, and the tools every turn offers. */
export interface Conversation {
  turns: ConversationTurn[];
  /** OpenAI `tools` sent with every turn (custom_multi_turn rows that define them). */
  tools?: unknown[];
}

/** One prompt. Exactly one of `messages`, `prompt`, `promptIds`, `body`, `input`, `rerank`,
 * `conversation` is set. */
export interface DatasetItem {
  /** Chat messages. */
  messages?: DatasetMessage[];
  /** Plain text; the request builder wraps it in a user message for chat endpoints. */
  prompt?: string;
  /** Token ids sent as `prompt` to /v1/completions (`--tokenize-prompt`). */
  promptIds?: number[];
  /** A full request body; lmeter's generation flags only fill keys it lacks. */
  body?: Record<string, unknown>;
  /** An embeddings request's `input`: one text, or a batch of texts. */
  input?: string | string[];
  /** A rerank request's query and the documents to rank. */
  rerank?: { query: string; documents: string[] };
  /** A whole conversation, sent turn by turn (`--multi-turn` datasets). */
  conversation?: Conversation;
  /** When to send it, in ms after the run starts (trace datasets, `timed`). */
  arrivalMs?: number;
  /** The prompt length (tokens) the dataset aimed at, for reconciliation with the server. */
  targetPromptTokens?: number;
  /** Group label for grouped reports (speed benchmark: the prompt length). */
  group?: string;
  /** Image tokens the messages' images are estimated to cost ({@linkcode imageTokenEstimate}),
   * added to the local prompt count when the server reports no usage. */
  imageTokens?: number;
  /** Dataset lines skipped as not JSON since the previous item (set by the reader loop), and
   * the first bad line of the file when this is the first report. */
  skipped?: SkipReport;
}

/** Lines skipped as not JSON, reported with the item that follows them. */
export interface SkipReport {
  lines: number;
  /** `FILE line N: not valid JSON (…)`, on the first report only. */
  first?: string;
}

/** What a dataset may use while generating. */
export interface DatasetContext {
  /** `--dataset-path` (absolute) or the downloaded hub file. */
  path?: string;
  tokenizer: Tokenizer;
  /** True when `--tokenizer-path` was given: length limits count tokens, else characters. */
  tokenizerGiven: boolean;
  rng: Random;
  minPromptLength: number;
  maxPromptLength: number;
  /** Shared random prefix length (random dataset). */
  prefixLength: number;
  /** Grows by `number` between the runs of a sweep, so prompts differ between runs. */
  offset: number;
  /** Requests go to a chat endpoint (messages) rather than completions (prompt text). */
  chat: boolean;
  /** Send token ids (`--tokenize-prompt`). */
  tokenizePrompt: boolean;
  /** `--dataset-args` (plugin options). */
  datasetArgs: Record<string, unknown>;
  /** Length control from `--dataset-args` (`target_input_len` …), validated. */
  textLength?: TextLength;
  /** Where JSON Lines readers note lines that are not JSON (see `readJsonLines`). */
  skipped?: SkippedLines;
  /** The target's own tokenizer (`--tokenizer-path server`), to size prompts on the server. */
  serverTokenizer?: ServerTokenizer;
  /** `--min-turns` / `--max-turns` of a multi-turn run (max undefined when not given). */
  turns?: { min: number; max?: number };
  /** `--trace-speedup`: trace datasets divide their timestamps' gaps by it. */
  traceSpeedup?: number;
  /** Generated images (`--image-*`), and the patch size of the image-token estimate. */
  images?: ImageOptions;
}

/** `--image-width`, `--image-height`, `--image-num` and `--image-patch-size`. */
export interface ImageOptions {
  width: number;
  height: number;
  /** Images per request. */
  num: number;
  /** Pixels per side of one image token, for {@linkcode imageTokenEstimate}. */
  patchSize: number;
}

/** EvalScope's estimate of an image's prompt tokens: `ceil(h/p) · ceil(w/p)` (Qwen-VL's 28-pixel
 * patches by default). Only used when the server reports no usage. */
export function imageTokenEstimate(width: number, height: number, patchSize: number): number {
  return Math.ceil(height / patchSize) * Math.ceil(width / patchSize);
}

/** The target server's tokenizer through its `POST /tokenize` and `/detokenize`. */
export interface ServerTokenizer {
  /** Token ids of `text`, without special tokens. */
  tokenize(text: string): Promise<number[]>;
  /** The text of `ids`. */
  detokenize(ids: number[]): Promise<string>;
  /** Tokens the server adds in front of a raw prompt (BOS), measured once. */
  specialPrefix(): Promise<number>;
}

/** Validated length control with the prefix file's text read. */
export interface TextLength {
  /** Target prompt length in tokens (bare content tokens, no chat-template overhead). */
  targetInputLen: number;
  /** `cap` keeps prompts shorter than the target; `drop` discards them. */
  mode: "cap" | "drop";
  /** Real text that pads every prompt to the target (`prefix_file`). */
  prefix?: { text: string; role: "system" | "user" };
}

/** Where a dataset comes from when no `--dataset-path` is given. */
export interface HubSource {
  /** ModelScope repository id. */
  repoId: string;
  /** File inside the repository. */
  path: string;
  /** Hugging Face repository id, when it differs. */
  hfRepoId?: string;
}

/** A registered dataset (`--dataset <name>`). */
export interface PerfDataset {
  name: string;
  /** One line for `--help` and docs. */
  summary: string;
  /** Downloaded at run time when `--dataset-path` is not given. */
  hub?: HubSource;
  /** Needs `--dataset-path` (line_by_line, custom). */
  requiresPath?: boolean;
  /** Always sends plain prompts to /v1/completions (speed benchmark). */
  completionsOnly?: boolean;
  /** The `--dataset-args` keys it accepts (none when absent). */
  argKeys?: readonly string[];
  /** Made for a pooling endpoint (`--api openai_embedding` or `openai_rerank`): its items carry
   * `input` or `rerank`. Absent for prompt datasets (which embeddings runs also accept). */
  kind?: "embeddings" | "rerank";
  /** Sends multimodal chat messages (images): refuses a completions URL and `--tokenize-prompt`. */
  chatOnly?: boolean;
  /** Yields whole conversations (length control counts every message). */
  conversations?: boolean;
  /** Each run also reports EvalScope's speed table: decode speed by prompt length (speed benchmark). */
  speedTable?: boolean;
  /** Yields conversations (`conversation` items): needs `--multi-turn` and a chat endpoint. */
  multiTurn?: boolean;
  /** `--max-turns` must be given (random_multi_turn draws the turn counts up to it). */
  requiresMaxTurns?: boolean;
  /** Its items carry their own send times (`arrivalMs`): replayed in open loop (traces). */
  timed?: boolean;
  /** Yields the dataset's items once (the caller cycles them when `number` is larger). */
  items(ctx: DatasetContext): AsyncIterable<DatasetItem>;
}
