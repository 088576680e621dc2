/**
 * `--dataset-args` for the real-text datasets: EvalScope's length control keys, checked
 * against the chosen dataset's list of accepted keys (an unknown key is an error, as
 * EvalScope's per-plugin schemas make it).
 *
 * - `target_input_len` (N > 0): fit every prompt to N tokens instead of the
 *   `--min/max-prompt-length` filter: longer prompts are truncated to N tokens.
 * - `input_len_mode`: `cap` (default) keeps shorter prompts as they are; `drop` discards them.
 * - `prefix_file` + `prefix_role` (`system`, default, or `user`): pads every prompt to exactly N
 *   tokens with real text from the file (needs `target_input_len`; not with `drop`).
 *
 * @module
 */
import { UserError } from "../errors.ts";
import type { PerfDataset } from "./dataset.ts";

/** The length-control keys of the real-text datasets. */
export const TEXT_LENGTH_KEYS = [
  "target_input_len",
  "input_len_mode",
  "prefix_file",
  "prefix_role",
] as const;

/** Validated length control, before the prefix file is read. */
export interface TextLengthArgs {
  /** Target prompt length in tokens (bare content tokens, no chat-template overhead). */
  targetInputLen: number;
  /** What happens to prompts shorter than the target. */
  mode: "cap" | "drop";
  /** `prefix_file` as given (resolved by the caller). */
  prefixFile?: string;
  prefixRole: "system" | "user";
}

const EXAMPLE = `E.g. --dataset-args '{"target_input_len": 2048}'`;

/**
 * Checks `--dataset-args` against `dataset`'s accepted keys; returns the length control it
 * asks for (undefined when none). Throws {@linkcode UserError} on any bad key or value.
 */
export function parseDatasetArgs(
  dataset: PerfDataset,
  raw: unknown,
): TextLengthArgs | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new UserError(
      "Invalid value for --dataset-args: not a JSON object",
      `${EXAMPLE}.`,
    );
  }
  const args = raw as Record<string, unknown>;
  const accepted = dataset.argKeys ?? [];
  for (const key of Object.keys(args)) {
    if (!accepted.includes(key)) {
      throw new UserError(
        `Invalid key in --dataset-args: '${key}' is not an option of --dataset ${dataset.name}`,
        accepted.length
          ? `Accepted keys for ${dataset.name}: ${accepted.join(", ")}.`
          : `--dataset ${dataset.name} accepts no --dataset-args keys; remove --dataset-args.`,
      );
    }
  }
  // Only the length-control keys ask for length control (pooling datasets have other options).
  const lengthKeys: readonly string[] = TEXT_LENGTH_KEYS;
  if (!Object.keys(args).some((k) => lengthKeys.includes(k))) return undefined;
  return lengthArgs(args, dataset);
}

function lengthArgs(args: Record<string, unknown>, dataset: PerfDataset): TextLengthArgs {
  const target = args.target_input_len;
  const mode = args.input_len_mode ?? "cap";
  const role = args.prefix_role ?? "system";
  const prefixFile = args.prefix_file;
  if (mode !== "cap" && mode !== "drop") {
    throw new UserError(
      `Invalid input_len_mode in --dataset-args: ${JSON.stringify(mode)}`,
      'Use "cap" (keep shorter prompts as they are) or "drop" (discard them).',
    );
  }
  if (role !== "system" && role !== "user") {
    throw new UserError(
      `Invalid prefix_role in --dataset-args: ${JSON.stringify(role)}`,
      'Use "system" (a system message before the prompt) or "user" (prepended to the prompt).',
    );
  }
  if (prefixFile !== undefined && (typeof prefixFile !== "string" || prefixFile === "")) {
    throw new UserError(
      "Invalid prefix_file in --dataset-args: not a file path",
      `E.g. --dataset-args '{"target_input_len": 8192, "prefix_file": "book.txt"}'.`,
    );
  }
  if (target === undefined) {
    throw new UserError(
      "Cannot use --dataset-args without target_input_len: every length-control key needs it",
      `${EXAMPLE}.`,
    );
  }
  if (typeof target !== "number" || !Number.isInteger(target) || target <= 0) {
    throw new UserError(
      `Invalid target_input_len in --dataset-args: ${JSON.stringify(target)}`,
      `Give a whole number of tokens above 0. ${EXAMPLE}.`,
    );
  }
  if (args.prefix_role !== undefined && prefixFile === undefined) {
    throw new UserError(
      "Cannot use prefix_role in --dataset-args without prefix_file: there is no prefix to place",
      `Add the text to pad with, e.g. --dataset-args '{"target_input_len": 8192, "prefix_file": "book.txt", "prefix_role": "user"}'.`,
    );
  }
  if (prefixFile !== undefined && mode === "drop") {
    throw new UserError(
      'Cannot combine prefix_file with input_len_mode "drop": drop keeps only prompts that already fill target_input_len, so no prefix would ever be added',
      'Leave input_len_mode at "cap"; the prefix pads every prompt up to the target.',
    );
  }
  if (mode === "drop" && dataset.conversations) {
    throw new UserError(
      `Cannot use input_len_mode "drop" with --dataset ${dataset.name}: its conversations keep every turn, so almost none would be exactly target_input_len tokens`,
      'Use "cap" (the last user turn is truncated), optionally with prefix_file to pad to the target.',
    );
  }
  const out: TextLengthArgs = { targetInputLen: target, mode, prefixRole: role };
  if (prefixFile !== undefined) out.prefixFile = prefixFile;
  return out;
}

/** The `--dataset-args` keys of the pooling datasets (also read from `--extra-args`, as
 * EvalScope reads them). */
export const POOLING_ARG_KEYS = ["batch_size", "num_documents", "document_length_ratio"] as const;

/** The pooling datasets' options with their defaults (EvalScope's). */
export interface PoolingArgs {
  /** Inputs per embeddings request (`*_batch` datasets; default 8). */
  batchSize: number;
  /** Documents per query (`random_rerank`; default 10). */
  numDocuments: number;
  /** Document length as a multiple of the query's (`random_rerank`; default 5). */
  documentLengthRatio: number;
}

/** Reads and checks the pooling options in `args`; a {@linkcode UserError} names a bad value. */
export function poolingArgs(args: Readonly<Record<string, unknown>>): PoolingArgs {
  const int = (key: string, fallback: number) => {
    const v = args[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
      throw new UserError(
        `Invalid ${key} in --dataset-args: ${JSON.stringify(v)}`,
        `Give a whole number above 0, e.g. --dataset-args '{"${key}": ${fallback}}'.`,
      );
    }
    return v;
  };
  const ratio = args.document_length_ratio ?? 5;
  if (typeof ratio !== "number" || !(ratio > 0)) {
    throw new UserError(
      `Invalid document_length_ratio in --dataset-args: ${JSON.stringify(ratio)}`,
      `Give a number above 0, e.g. --dataset-args '{"document_length_ratio": 5}'.`,
    );
  }
  return {
    batchSize: int("batch_size", 8),
    numDocuments: int("num_documents", 10),
    documentLengthRatio: ratio,
  };
}
