/**
 * The data that flows through the evaluation engine: samples in, scores out.
 *
 * @module
 */

/** One chat message as sent to an OpenAI-compatible chat endpoint. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** One evaluation item, after a benchmark has mapped a dataset record onto it. */
export interface Sample {
  /** The question: a string (formatted with the prompt template) or ready chat messages. */
  input: string | ChatMessage[];
  /** Option texts of a multiple-choice question, in order (labelled A, B, C, …). */
  choices?: string[];
  /** The reference answer as the benchmark stores it ("18", "B"); a list for multi-answer items. */
  target: string | string[];
  /** The subset this record belongs to, for benchmarks whose subsets come from a column. */
  subset?: string;
  /** The record's own id when it has one. */
  id?: string;
  /** Extra fields kept with the sample (few-shot rationale, subject, …); written to the outputs. */
  metadata?: Record<string, unknown>;
}

/** What a scorer says about one response. */
export interface Score {
  /** Metric name → value, e.g. `{acc: 1}` or `{"bleu-1": 0.4, "Rouge-L-R": 0.5}`. */
  value: Record<string, number>;
  /** The answer the extractor found ("" when none). */
  extracted: string;
  /** The name of the metric that is this sample's headline. */
  main: string;
  /** Why (optional, for people reading reviews). */
  explanation?: string;
  /** Anything the scorer wants to keep (judge verdicts, test output). */
  metadata?: Record<string, unknown>;
  /** Values of parts of the sample (IFEval's instructions), for metrics pooled over parts. */
  units?: ScoreUnits;
  /**
   * Set when an LLM judge could not grade the sample (the call failed, or its reply could not be
   * parsed): `value` is then empty, the sample is left out of every mean and counted as a judge
   * error. Build it with `judgeErrorScore`.
   */
  judgeError?: string;
}

/**
 * The parts of one sample and their values. For a key in `values`, the report's mean is taken
 * over every part of every sample (standard errors clustered by sample), not over samples, and
 * is broken down by `labels`; the sample's own `value` for that key stays its mean over parts.
 */
export interface ScoreUnits {
  /** One label per part (its type, e.g. `punctuation:no_comma`). */
  labels: string[];
  /** Score key → one value per part, in `labels` order. */
  values: Record<string, number[]>;
}

/** The target as a string: lists are sorted and joined ("AC"), as EvalScope compares them. */
export function targetText(target: string | string[]): string {
  return Array.isArray(target) ? [...target].map(String).sort().join("") : String(target);
}
