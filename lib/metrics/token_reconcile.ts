/**
 * Token reconciliation: the server's `usage` against the local tokenizer and the number of
 * streamed chunks, so prompt inflation, ignored `max_tokens` and multi-token chunks show up.
 * Pure accumulation; the caller supplies the counts.
 *
 * @module
 */

/** Prompt-count gaps below this many tokens per request are template noise, not inflation. */
export const PROMPT_GAP_TOKENS = 16;

/** What is known about one successful request's tokens. */
export interface TokenObservation {
  /** `usage.prompt_tokens` / `usage.completion_tokens`, when the server sent usage. */
  usagePrompt: number | null;
  usageCompletion: number | null;
  /** Local tokenizer counts (null when not computed for this request). */
  localPrompt: number | null;
  localCompletion: number | null;
  /** The prompt length the dataset aimed at (random dataset), if any. */
  targetPrompt: number | null;
  /** Events that carried content. */
  contentChunks: number;
  /** `max_tokens` sent, and whether exactly that many were demanded (min_tokens = max_tokens or ignore_eos). */
  maxTokens: number | null;
  exactOutput: boolean;
  finishReason: string | null;
}

/** The reconciliation of one run. */
export interface TokenReconciliation {
  requests: number;
  withUsage: number;
  /** Requests whose counts came from the local tokenizer because usage was missing. */
  countedLocally: number;
  /** Requests where both usage and a local count are known, and the sums over them. */
  compared: number;
  usageCompletionSum: number;
  localCompletionSum: number;
  usagePromptSum: number;
  localPromptSum: number;
  /** Usage prompt tokens / targeted prompt tokens over requests with a target. */
  promptVsTarget: number | null;
  /** Output tokens per content chunk (1 = one token per event; >1: multi-token chunks). */
  tokensPerChunk: number | null;
  /** Requests that produced fewer tokens than demanded exactly, and more than `max_tokens`. */
  shortOfExact: number;
  overMaxTokens: number;
  /** Sentences for the console, empty when everything agrees. */
  warnings: string[];
}

/**
 * `a` as a multiple and a percentage of `b`: 1024 of 506 is "2.02×, 202.4%"; 253 of 506 is
 * "0.50×, 50.0%". A ratio, never the excess.
 */
export function times(a: number, b: number): string {
  const r = a / b;
  return `${r.toFixed(2)}×, ${(r * 100).toFixed(1)}%`;
}

/** Accumulates {@linkcode TokenObservation}s. */
export class TokenLedger {
  #r = {
    requests: 0,
    withUsage: 0,
    countedLocally: 0,
    compared: 0,
    usageCompletionSum: 0,
    localCompletionSum: 0,
    usagePromptSum: 0,
    localPromptSum: 0,
    promptCompared: 0,
    targetSum: 0,
    targetUsageSum: 0,
    completionSum: 0,
    chunkSum: 0,
    shortOfExact: 0,
    overMaxTokens: 0,
  };

  /** Adds one successful request. */
  add(o: TokenObservation): void {
    const r = this.#r;
    r.requests++;
    const hasUsage = o.usageCompletion !== null || o.usagePrompt !== null;
    if (hasUsage) r.withUsage++;
    else r.countedLocally++;
    if (o.usageCompletion !== null && o.localCompletion !== null) {
      r.compared++;
      r.usageCompletionSum += o.usageCompletion;
      r.localCompletionSum += o.localCompletion;
    }
    if (o.usagePrompt !== null && o.localPrompt !== null) {
      r.promptCompared++;
      r.usagePromptSum += o.usagePrompt;
      r.localPromptSum += o.localPrompt;
    }
    if (o.usagePrompt !== null && o.targetPrompt !== null) {
      r.targetSum += o.targetPrompt;
      r.targetUsageSum += o.usagePrompt;
    }
    const completion = o.usageCompletion ?? o.localCompletion;
    if (completion !== null && o.contentChunks > 0) {
      r.completionSum += completion;
      r.chunkSum += o.contentChunks;
    }
    if (completion !== null && o.maxTokens !== null) {
      if (o.exactOutput && completion < o.maxTokens) r.shortOfExact++;
      if (completion > o.maxTokens) r.overMaxTokens++;
    }
  }

  /** Adds a comparison counted later (off the measurement path) for a request already added. */
  compare(
    o: {
      usagePrompt: number;
      usageCompletion: number;
      localPrompt: number;
      localCompletion: number;
    },
  ): void {
    const r = this.#r;
    r.compared++;
    r.usageCompletionSum += o.usageCompletion;
    r.localCompletionSum += o.localCompletion;
    r.promptCompared++;
    r.usagePromptSum += o.usagePrompt;
    r.localPromptSum += o.localPrompt;
  }

  /** The totals and the warnings they call for. */
  summarize(): TokenReconciliation {
    const r = this.#r;
    const warnings: string[] = [];
    if (r.compared > 0 && r.localCompletionSum > 0) {
      const ratio = r.usageCompletionSum / r.localCompletionSum;
      if (Math.abs(ratio - 1) > 0.05) {
        warnings.push(
          `server usage counts ${r.usageCompletionSum} output tokens where the local tokenizer ` +
            `counts ${r.localCompletionSum} (${
              times(r.usageCompletionSum, r.localCompletionSum)
            }) ` +
            `over ${r.compared} requests: pass the model's tokenizer ` +
            "with --tokenizer-path for token-exact prompts and fallback counts",
        );
      }
    }
    if (r.promptCompared > 0 && r.localPromptSum > 0) {
      const ratio = r.usagePromptSum / r.localPromptSum;
      const perRequest = Math.abs(r.usagePromptSum - r.localPromptSum) / r.promptCompared;
      // Chat templates differ by a few tokens (system prompts, markers): only flag real gaps.
      if (Math.abs(ratio - 1) > 0.1 && perRequest >= PROMPT_GAP_TOKENS) {
        warnings.push(
          `the server counts ${r.usagePromptSum} prompt tokens where the local tokenizer counts ` +
            `${r.localPromptSum} (${times(r.usagePromptSum, r.localPromptSum)}): prompt ` +
            "inflation or a different tokenizer/chat template",
        );
      }
    }
    const promptVsTarget = r.targetSum > 0 ? r.targetUsageSum / r.targetSum : null;
    if (promptVsTarget !== null && Math.abs(promptVsTarget - 1) > 0.1) {
      warnings.push(
        `prompts meant to be ${r.targetSum} tokens in total were counted as ${r.targetUsageSum} ` +
          `by the server (${times(r.targetUsageSum, r.targetSum)}): the server's tokenizer or ` +
          "chat template differs from --tokenizer-path",
      );
    }
    if (r.shortOfExact > 0) {
      warnings.push(
        `${r.shortOfExact} of ${r.requests} requests produced fewer tokens than --max-tokens ` +
          "although an exact length was asked (min_tokens/ignore_eos not honoured)",
      );
    }
    if (r.overMaxTokens > 0) {
      warnings.push(`${r.overMaxTokens} requests produced more tokens than --max-tokens`);
    }
    if (r.countedLocally > 0) {
      warnings.push(
        `${r.countedLocally} responses had no usage; their tokens were counted with the local ` +
          "tokenizer (enable stream_options.include_usage on the server for exact counts)",
      );
    }
    return {
      requests: r.requests,
      withUsage: r.withUsage,
      countedLocally: r.countedLocally,
      compared: r.compared,
      usageCompletionSum: r.usageCompletionSum,
      localCompletionSum: r.localCompletionSum,
      usagePromptSum: r.usagePromptSum,
      localPromptSum: r.localPromptSum,
      promptVsTarget,
      tokensPerChunk: r.chunkSum > 0 ? r.completionSum / r.chunkSum : null,
      shortOfExact: r.shortOfExact,
      overMaxTokens: r.overMaxTokens,
      warnings,
    };
  }
}
