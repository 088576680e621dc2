/**
 * `judge_model_args`, `judge_strategy` and `judge_worker_num` → the judge settings of a run:
 * plain data, resolved on the main thread with the rest of the task.
 *
 * There is no default judge endpoint and no environment fallback (EvalScope defaults to a
 * public ModelScope endpoint): a run whose benchmarks need a judge is refused without
 * `judge_model_args.api_url` and `model_id` ({@linkcode missingJudge}).
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import { isRecord } from "../../util/is_record.ts";
import { type GenerationSettings, resolveGeneration } from "../config/generation_config.ts";
import { normalizeApiUrl, type TaskConfig } from "../config/task_config.ts";
import type { JudgeArgs } from "./types.ts";

/** EvalScope's judge strategies. */
export type JudgeStrategy = "auto" | "rule" | "llm" | "llm_recall";

/** The judge endpoint and how to call it. */
export interface JudgeSettings {
  /** Base URL without `/chat/completions`; null when `judge_model_args.api_url` was not given. */
  apiUrl: string | null;
  apiKey: string;
  /** `model_id`: the served judge model ("" when not given). */
  model: string;
  /** Request parameters (default `{temperature: 0, max_tokens: 4096}`), timeout and retries; never streamed. */
  generation: GenerationSettings;
  /** Judge calls in flight at most (`judge_worker_num`, else `eval_batch_size`). */
  concurrency: number;
  args: JudgeArgs;
}

/** EvalScope's default judge `generation_config`. */
export const JUDGE_GENERATION_DEFAULT: Readonly<Record<string, unknown>> = {
  temperature: 0,
  max_tokens: 4096,
};

const KNOWN_KEYS = [
  "api_url",
  "api_key",
  "model_id",
  "eval_type",
  "generation_config",
  "model_args",
  "system_prompt",
  "prompt_template",
  "score_type",
  "score_pattern",
  "score_mapping",
];

/** Resolves `judge_model_args` (null when absent); throws a {@linkcode UserError} on a bad key. */
export function resolveJudgeSettings(
  raw: unknown,
  options: { batchSize: number; workers: number | undefined; notes: string[] },
): JudgeSettings | null {
  if (raw === undefined || raw === null) return null;
  if (!isRecord(raw)) {
    throw new UserError(
      "Invalid judge_model_args: expected an object",
      'Example: {"api_url": "http://127.0.0.1:8802/v1", "model_id": "qwen2.5-72b-instruct"}',
    );
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw new UserError(
        `Unknown setting judge_model_args.${key}`,
        `Accepted keys: ${KNOWN_KEYS.join(", ")}.`,
      );
    }
  }
  const text = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") {
      throw new UserError(`Invalid judge_model_args.${key}: expected a string`);
    }
    return v;
  };
  if (raw.eval_type !== undefined && raw.eval_type !== "openai_api") {
    throw new UserError(
      `Cannot use a judge of eval_type ${JSON.stringify(raw.eval_type)}`,
      "lmeter judges through an OpenAI-compatible API: drop judge_model_args.eval_type.",
    );
  }
  const scoreType = text("score_type") ?? "pattern";
  if (scoreType !== "pattern" && scoreType !== "numeric") {
    throw new UserError(
      `Invalid judge_model_args.score_type "${scoreType}"`,
      "Use pattern or numeric.",
    );
  }
  const args: JudgeArgs = { scoreType };
  const systemPrompt = text("system_prompt");
  const promptTemplate = text("prompt_template");
  const scorePattern = text("score_pattern");
  if (systemPrompt !== undefined) args.systemPrompt = systemPrompt;
  if (promptTemplate !== undefined) args.promptTemplate = promptTemplate;
  if (scorePattern !== undefined) {
    try {
      new RegExp(scorePattern);
    } catch (e) {
      throw new UserError(
        `Invalid judge_model_args.score_pattern: ${(e as Error).message}`,
        String.raw`Example: "\[\[(\d+)\]\]" (group 1 is the verdict).`,
      );
    }
    args.scorePattern = scorePattern;
  }
  if (raw.score_mapping !== undefined) args.scoreMapping = scoreMapping(raw.score_mapping);
  const gen = raw.generation_config ?? { ...JUDGE_GENERATION_DEFAULT };
  if (!isRecord(gen)) {
    throw new UserError("Invalid judge_model_args.generation_config: expected an object");
  }
  const modelArgs = raw.model_args ?? {};
  if (!isRecord(modelArgs)) {
    throw new UserError("Invalid judge_model_args.model_args: expected an object");
  }
  const generation = resolveGeneration(
    { generation_config: { ...gen, stream: false }, model_args: modelArgs } as TaskConfig,
    options.notes,
  ).settings;
  const apiUrl = text("api_url");
  return {
    apiUrl: apiUrl ? normalizeApiUrl(apiUrl) : null,
    apiKey: text("api_key") ?? "EMPTY",
    model: text("model_id") ?? "",
    generation,
    concurrency: Math.max(1, options.workers ?? options.batchSize),
    args,
  };
}

function scoreMapping(value: unknown): Record<string, number> {
  if (!isRecord(value) || Object.values(value).some((v) => typeof v !== "number")) {
    throw new UserError(
      "Invalid judge_model_args.score_mapping: expected an object of numbers",
      'Example: {"A": 1.0, "B": 0.0}',
    );
  }
  return value as Record<string, number>;
}

/**
 * The error of a run whose benchmarks need a judge that was not given (or given without an
 * endpoint or model).
 */
export function missingJudge(benchmarks: readonly string[], what: string): UserError {
  return new UserError(
    `Cannot score ${benchmarks.join(", ")} with an LLM judge: ${what}`,
    'Pass the judge\'s OpenAI-compatible endpoint and model, e.g. --judge-model-args \'{"api_url": "http://127.0.0.1:8802/v1", "model_id": "qwen2.5-72b-instruct", "api_key": "…"}\' (lmeter has no default judge), or --judge-strategy rule where the benchmark has a rule scorer.',
  );
}
