/**
 * The one recorder of a run's timed phase: every finished exchange goes in once
 * ({@linkcode RunRecorder.record}) and feeds everything the run reports — the metrics
 * (`RunData`), the token ledger and its reconciliation sample, the workload timeline, the
 * prompt-length speed table when the dataset asks for it, the client's event count and
 * `benchmark_data.db`.
 *
 * @module
 */
import type { CompletionResult } from "../client/types.ts";
import { round } from "../metrics/round.ts";
import { RunData } from "../metrics/run_data.ts";
import { TurnStats } from "../metrics/multi_turn.ts";
import { TokenLedger } from "../metrics/token_reconcile.ts";
import { buildTimeline, type CompletionPoint, type WorkloadTimeline } from "../metrics/workload.ts";
import type { PerfDb } from "../results/perf/perf_db.ts";
import type { SpeedRow } from "../results/perf/schema.ts";
import type { Tokenizer } from "../tokenizer/mod.ts";
import { boundedCount } from "../tokenizer/bounded_count.ts";
import type { Dispatched } from "./dispatch.ts";
import { recordExchange, type RequestRecord } from "./record.ts";
import { localPromptTokens } from "./request_builder.ts";

/** Options of {@linkcode RunRecorder}. */
export interface RunRecorderOptions {
  tokenizer: Tokenizer;
  /** Where every exchange is written (closed by the caller). */
  db: PerfDb;
  /** Draws the reconciliation sample. */
  rng: () => number;
  /** Keep the speed-by-prompt-length table (a dataset's `speedTable`). */
  speedTable?: boolean;
  /** A multi-turn run: keep the turn statistics. */
  multiTurn?: boolean;
}

/** Everything a run's summary is computed from, once the timed phase is over. */
export interface RecordedRun {
  data: RunData;
  ledger: TokenLedger;
  /** SSE events (and non-stream bodies) read. */
  events: number;
  /** The workload timeline; undefined when no request succeeded. */
  timeline?: WorkloadTimeline;
  /** The successes, for the workload throughput windows (empty when none succeeded). */
  completions: CompletionPoint[];
  speed?: SpeedRow[];
  /** The turn statistics of a multi-turn run. */
  turns?: TurnStats;
}

/** Records the exchanges of one run. */
export class RunRecorder {
  readonly data: RunData = new RunData();
  /** The turn statistics (multi-turn runs). */
  readonly turns: TurnStats | undefined;
  readonly #ledger = new TokenLedger();
  readonly #completions: CompletionPoint[] = [];
  readonly #speed: { prompt: number; rate: number }[] | undefined;
  readonly #samples: ReconcileSamples;
  readonly #options: RunRecorderOptions;
  #events = 0;

  constructor(options: RunRecorderOptions) {
    this.#options = options;
    this.#samples = new ReconcileSamples(RECONCILE_SAMPLES, options.rng);
    this.#speed = options.speedTable ? [] : undefined;
    this.turns = options.multiTurn ? new TurnStats() : undefined;
  }

  /** Records one finished exchange everywhere it counts. */
  record(d: Dispatched): RequestRecord {
    const r = d.result;
    const rec = recordExchange(d.request, r, { tokenizer: this.#options.tokenizer });
    const s = rec.sample;
    this.data.add(s);
    if (rec.tokens) {
      this.#ledger.add(rec.tokens);
      this.#completions.push({
        sentMs: s.sentMs,
        completedMs: s.completedMs,
        firstTokenMs: s.sentMs + s.ttftMs,
        promptTokens: s.promptTokens,
        completionTokens: s.completionTokens,
        cachedTokens: r.usage?.cachedTokens ?? 0,
      });
      if (r.usage) {
        this.#samples.offer(d.request.body, r, {
          prompt: s.promptTokens,
          imageTokens: d.request.imageTokens,
        });
      }
      this.#speed?.push({
        prompt: s.promptTokens,
        rate: s.completionTokens / (s.latencyMs / 1000),
      });
    }
    this.#events += r.streamed ? r.chunks : 1;
    if (d.turn && s.outcome !== "aborted") {
      this.turns?.add(d.turn, { ...s, success: s.outcome === "success" });
    }
    this.#options.db.add(d.request.body, r, s, {
      tokenSource: rec.tokenSource,
      group: d.request.group,
      ...(d.turn ? { turn: d.turn } : {}),
    });
    return rec;
  }

  /** Ends the run: counts the reconciliation sample locally and builds the timeline. */
  finish(): RecordedRun {
    this.#samples.countInto(this.#ledger, this.#options.tokenizer);
    const out: RecordedRun = {
      data: this.data,
      ledger: this.#ledger,
      events: this.#events,
      completions: this.#completions,
    };
    if (this.#completions.length) {
      out.timeline = buildTimeline(this.#completions, this.data.minSentMs);
    }
    if (this.#speed) out.speed = speedRows(this.#speed);
    if (this.turns) out.turns = this.turns;
    return out;
  }
}

/** EvalScope's speed table: mean completion tokens / latency per prompt length. */
export function speedRows(samples: readonly { prompt: number; rate: number }[]): SpeedRow[] {
  const groups = new Map<number, number[]>();
  for (const s of samples) {
    if (!groups.has(s.prompt)) groups.set(s.prompt, []);
    groups.get(s.prompt)!.push(s.rate);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([prompt, rates]) => ({
    promptTokens: prompt,
    tokensPerS: round(rates.reduce((a, b) => a + b, 0) / rates.length, 4),
    gpuMemoryGb: 0,
  }));
}

/** Successes whose tokens are counted locally, after the run, to reconcile with usage. */
export const RECONCILE_SAMPLES = 64;

/**
 * A uniform sample (reservoir) of successful exchanges with usage, kept whole until the run
 * ends and counted with the local tokenizer then, so tokenizing never delays timing.
 */
export class ReconcileSamples {
  readonly #max: number;
  readonly #rng: () => number;
  readonly #kept: {
    body: Record<string, unknown>;
    /** The images' estimated tokens, added to the local prompt count. */
    imageTokens: number;
    output: string;
    prompt: number;
    completion: number;
  }[] = [];
  #seen = 0;

  constructor(max: number, rng: () => number) {
    this.#max = max;
    this.#rng = rng;
  }

  /** Considers one exchange for the sample; `prompt` is the server's prompt count when it is not
   * `usage.prompt_tokens` (a rerank answer's `total_tokens`). */
  offer(
    body: Record<string, unknown>,
    r: CompletionResult,
    options: { prompt?: number; imageTokens?: number } = {},
  ): void {
    if (!r.usage) return;
    const item = {
      body,
      imageTokens: options.imageTokens ?? 0,
      output: r.text + r.reasoning,
      prompt: options.prompt ?? r.usage.promptTokens,
      completion: r.usage.completionTokens,
    };
    this.#seen++;
    if (this.#kept.length < this.#max) this.#kept.push(item);
    else {
      const j = Math.floor(this.#rng() * this.#seen);
      if (j < this.#max) this.#kept[j] = item;
    }
  }

  /** Counts the kept exchanges and adds the comparisons to `ledger`. */
  countInto(ledger: TokenLedger, tokenizer: Tokenizer): void {
    for (const k of this.#kept) {
      ledger.compare({
        usagePrompt: k.prompt,
        usageCompletion: k.completion,
        localPrompt: localPromptTokens(k.body, tokenizer) + k.imageTokens,
        localCompletion: boundedCount(tokenizer, k.output),
      });
    }
    this.#kept.length = 0;
  }
}
