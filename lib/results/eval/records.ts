/**
 * The lines of `predictions/*.jsonl` and `reviews/*.jsonl` (schemas in docs/results-format.md).
 * `index` is always the first key so files can be sorted without parsing.
 *
 * @module
 */
import type { Outcome } from "../../metrics/outcome.ts";

/** Schema tag of prediction lines. */
export const PREDICTION_SCHEMA = "lmeter.eval.prediction/1";
/** Schema tag of review lines. */
export const REVIEW_SCHEMA = "lmeter.eval.review/1";

/** A chat message as the files record it. */
export interface RecordedMessage {
  role: string;
  content: string;
}

/**
 * What a prediction line records of the model's answer. The engine's `Generation` is one; the
 * type lives here so the results layer never imports the engine.
 */
export interface RecordedGeneration {
  outcome: Outcome;
  text: string;
  reasoning: string;
  finishReason: string | null;
  usage: {
    input_tokens: number;
    output_tokens: number;
    total_tokens: number;
    reasoning_tokens?: number;
  } | null;
  id?: string;
  model?: string;
  systemFingerprint?: string;
  latencyMs: number;
  ttftMs?: number;
  attempts: number;
  error?: string;
}

/** What a review line records of a score (the engine's `Score` is one). */
export interface RecordedScore {
  value: Record<string, number>;
  extracted: string;
  main: string;
  explanation?: string;
  metadata?: Record<string, unknown>;
}

/** Where a sample sits in its subset. */
export interface SamplePosition {
  /** Position in the subset after shuffle, limit and repeats (EvalScope's `index`). */
  index: number;
  /** `index // repeats`: attempts of the same item share it. */
  groupId: number;
  /** Attempt number, 0-based (`index % repeats`). */
  repeat: number;
  /** Content hash of the model identity and the exact request: the resume key. */
  sampleKey: string;
}

/** One line of a predictions file. */
export function predictionLine(
  pos: SamplePosition,
  options: {
    model: string;
    messages: RecordedMessage[];
    generation: RecordedGeneration;
    target: string | string[];
    metadata: Record<string, unknown> | undefined;
  },
): string {
  const g = options.generation;
  const message: Record<string, unknown> = { role: "assistant", content: g.text };
  if (g.reasoning) message.reasoning_content = g.reasoning;
  const record = {
    index: pos.index,
    sample_key: pos.sampleKey,
    group_id: pos.groupId,
    repeat: pos.repeat,
    status: g.outcome,
    model: options.model,
    model_output: {
      id: g.id ?? null,
      model: g.model ?? null,
      system_fingerprint: g.systemFingerprint ?? null,
      choices: [{ message, stop_reason: g.finishReason }],
      usage: g.usage,
      time: g.latencyMs / 1000,
      perf_metrics: {
        latency: g.latencyMs / 1000,
        ttft: g.ttftMs !== undefined ? g.ttftMs / 1000 : null,
      },
      attempts: g.attempts,
      error: g.outcome === "success" ? null : g.error ?? "error",
    },
    messages: [...options.messages, message],
    target: options.target,
    metadata: options.metadata ?? {},
    schema: PREDICTION_SCHEMA,
  };
  return JSON.stringify(record);
}

/** Per-sample flags counted in reports. */
export interface SampleFlags {
  /** The extractor found no answer. */
  noAnswer: boolean;
  /** The response stopped at `max_tokens` (finish reason `length`) or the context limit. */
  truncated: boolean;
}

/** One line of a reviews file. */
export function reviewLine(
  pos: SamplePosition,
  options: {
    target: string | string[];
    prediction: string;
    score: RecordedScore;
    flags: SampleFlags;
    extractor: string;
    metadata: Record<string, unknown> | undefined;
  },
): string {
  const s = options.score;
  const record = {
    index: pos.index,
    sample_key: pos.sampleKey,
    group_id: pos.groupId,
    repeat: pos.repeat,
    target: options.target,
    sample_score: {
      score: {
        value: s.value,
        extracted_prediction: s.extracted,
        prediction: options.prediction,
        explanation: s.explanation ?? null,
        metadata: s.metadata ?? {},
        main_score_name: s.main,
        status: "success",
      },
      sample_id: pos.index,
      group_id: pos.groupId,
      generation_index: pos.repeat,
      sample_metadata: options.metadata ?? {},
    },
    no_answer: options.flags.noAnswer,
    truncated: options.flags.truncated,
    extractor: options.extractor,
    schema: REVIEW_SCHEMA,
  };
  return JSON.stringify(record);
}
