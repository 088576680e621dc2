/**
 * The judge contract: what a benchmark's scorer sees of an LLM judge. A benchmark that scores
 * with a judge declares it ({@linkcode JudgeUse} on its definition); the engine then hands its
 * scorer a {@linkcode Judge} in `ScoreContext.judge` and refuses to start the run without
 * `judge_model_args.api_url`. Scorers ask, parse the reply with the verdict parsers
 * (`verdicts.ts`), and return either a score or a {@linkcode judgeErrorScore}: a failed call or
 * an unparseable reply is never a verdict.
 *
 * @module
 */
import type { Scorer } from "../benchmark/benchmark.ts";
import type { ChatMessage, Score } from "../benchmark/types.ts";

/** Options of one {@linkcode Judge.ask}. */
export interface JudgeAskOptions {
  /**
   * Request parameters merged over the judge's `generation_config` for this call (e.g.
   * `{logprobs: true, top_logprobs: 5}`). Part of the cache key.
   */
  generation?: Readonly<Record<string, unknown>>;
  /** Stops waiting when aborted (the reply is then an error). */
  signal?: AbortSignal;
}

/** What the judge answered to one prompt. */
export interface JudgeReply {
  /** The reply's content (reasoning excluded); "" when the call failed. */
  text: string;
  /** Why the call failed (after the engine's retries); absent on success. */
  error?: string;
  /** True when the reply came from the run store (no call was made). */
  cached: boolean;
  /** Choice 0's `logprobs` object when the server sent one (asked for through `generation`). */
  logprobs?: unknown;
  /** Tokens of the call as the server counted them, when it did. */
  usage?: { inputTokens: number; outputTokens: number };
}

/**
 * The user's custom-judge settings from `judge_model_args` (EvalScope v1.10's `LLMJudge`): used
 * by the generic judge scorer and by benchmarks that let users override their prompt.
 */
export interface JudgeArgs {
  /** `system_prompt`: replaces the benchmark's (or the generic) system prompt. */
  systemPrompt?: string;
  /** `prompt_template`: replaces the user prompt; `{question}`, `{gold}`, `{pred}` are replaced literally. */
  promptTemplate?: string;
  /** `score_type`: `pattern` (a letter mapped by `scoreMapping`) or `numeric` (`[[x]]`, clamped to 0..1). */
  scoreType: "pattern" | "numeric";
  /** `score_pattern`: the regular expression whose group 1 is the verdict. */
  scorePattern?: string;
  /** `score_mapping`: verdict → score for `pattern` (default `{A: 1, B: 0}`). */
  scoreMapping?: Readonly<Record<string, number>>;
}

/** An LLM judge, as scorers see it (`ScoreContext.judge`). */
export interface Judge {
  /** The judge's model id (`judge_model_args.model_id`), recorded in reviews. */
  readonly model: string;
  /** The user's custom-judge settings. */
  readonly args: JudgeArgs;
  /**
   * Sends `messages` to the judge (non-streamed chat completion) and returns its reply. Never
   * throws for a failed call: the reply carries `error`. Replies are cached in the run store by
   * (judge model, prompt hash, generation config): a resumed or re-scored run never asks twice.
   */
  ask(messages: readonly ChatMessage[], options?: JudgeAskOptions): Promise<JudgeReply>;
}

/**
 * How a benchmark scores with a judge (its EvalScope `llm_match_score`). With `judge_strategy`
 * `auto` the judge scores when `byDefault` is true (EvalScope's `llm_judge_default`); `llm`
 * always uses it; `llm_recall` asks it when the rule score is at most 0.99.
 */
export interface JudgeUse {
  /** True when `auto` means the judge (SimpleQA, Arena-Hard, …). */
  byDefault: boolean;
  /** Scores one response with `ctx.judge`. Without it, `llm` uses the generic judge scorer. */
  scorer?: Scorer;
}

/**
 * The score of a sample the judge could not grade: no values (so it is left out of every mean),
 * counted as a judge error in the report. `reason` says why (the call's error, or the reply
 * that could not be parsed, cut to 200 characters).
 */
export function judgeErrorScore(
  reason: string,
  options: { extracted?: string; metadata?: Record<string, unknown> } = {},
): Score {
  const cut = reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
  return {
    value: {},
    extracted: options.extracted ?? "",
    main: "",
    judgeError: cut,
    ...(options.metadata ? { metadata: options.metadata } : {}),
  };
}

/** The judge of a scorer's context; throws when the engine gave none (a wiring bug). */
export function requireJudge(ctx: { judge?: Judge }, benchmark: string): Judge {
  if (!ctx.judge) {
    throw new Error(`${benchmark} scores with an LLM judge but the run has none`);
  }
  return ctx.judge;
}
