/**
 * The numbers of a multi-turn run (`--multi-turn`), from its turns: EvalScope's summary keys
 * (`Avg Turns/Request`, `Avg First-Turn TTFT (ms)`, `Avg Subsequent-Turn TTFT (ms)`), lmeter's
 * `Estimated Cache Hit Rate (%)` (kept apart from the server's `KV Cache Hit Rate (%)`, which
 * EvalScope mixes into one number), and the per-conversation table of `trace_summary.json`.
 * Definitions in docs/perf-metrics.md. Pure.
 *
 * @module
 */
import { mean, percentileOf } from "./percentile.ts";
import { round } from "./round.ts";

/** Where a request sits in its conversation. */
export interface TurnInfo {
  /** The conversation's id: `bench-<n>` or `warmup-<n>` (EvalScope's `trace_id`). */
  traceId: string;
  /** 1-based position of the turn (EvalScope's `input_num_turns`). */
  turn: number;
  first: boolean;
  /** The conversation's last turn: its final one, or the one that failed and ended it. */
  last: boolean;
}

/** What the turn statistics need of one finished turn (times in ms). */
export interface TurnSample {
  success: boolean;
  sentMs: number;
  completedMs: number;
  ttftMs: number;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  /** The server's `cached_tokens`, when it reported them. */
  cachedTokens?: number;
}

/** The multi-turn keys of a run's summary. */
export interface TurnSummary {
  /** Mean 1-based turn position over successful turns (EvalScope's `Avg Turns/Request`). */
  avgTurnsPerRequest: number;
  /** Mean TTFT of successful first turns / of successful later turns; null without any. */
  firstTurnTtftMs: number | null;
  subsequentTurnTtftMs: number | null;
  /** Σ estimated cached ÷ Σ prompt tokens × 100 over successful turns whose server did not
   * report cached tokens (estimate: the previous turn's prompt + completion tokens, 0 for the
   * first turn, at most the prompt); present only when some turn lacked the server's number. */
  estimatedCacheHitRatePct?: number;
}

/** One row of `trace_summary.json`. */
export interface TraceRow {
  metric: string;
  mean: number;
  min: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** `trace_summary.json`: one row per metric over the conversations (EvalScope's shape). */
export interface TraceSummary {
  nTraces: number;
  rows: TraceRow[];
}

interface Turn extends TurnSample {
  /** Previous successful turn's prompt + completion tokens (0 for the first turn). */
  eligible: number;
}

/** Accumulates the turns of one run (warm-up excluded by the caller). */
export class TurnStats {
  #successes = 0;
  #turnsSum = 0;
  #first = { sum: 0, n: 0 };
  #later = { sum: 0, n: 0 };
  #estimated = { cached: 0, prompt: 0, turns: 0 };
  readonly #traces = new Map<string, Turn[]>();

  /** Adds one finished turn; failures only mark their conversation as seen. */
  add(info: TurnInfo, s: TurnSample): void {
    let turns = this.#traces.get(info.traceId);
    if (!turns) this.#traces.set(info.traceId, turns = []);
    if (!s.success) return;
    this.#successes++;
    this.#turnsSum += info.turn;
    const ttft = info.first ? this.#first : this.#later;
    ttft.sum += s.ttftMs;
    ttft.n++;
    const prev = turns.at(-1);
    const eligible = prev ? prev.promptTokens + prev.completionTokens : 0;
    if (s.cachedTokens === undefined) {
      this.#estimated.turns++;
      this.#estimated.cached += Math.min(eligible, s.promptTokens);
      this.#estimated.prompt += s.promptTokens;
    }
    turns.push({ ...s, eligible });
  }

  /** Conversations that sent at least one turn. */
  get conversations(): number {
    return this.#traces.size;
  }

  /** The summary keys (averages rounded as the other summary keys). */
  summary(): TurnSummary {
    const avg = (a: { sum: number; n: number }) => (a.n > 0 ? round(a.sum / a.n, 2) : null);
    const out: TurnSummary = {
      avgTurnsPerRequest: this.#successes > 0 ? round(this.#turnsSum / this.#successes, 4) : 0,
      firstTurnTtftMs: avg(this.#first),
      subsequentTurnTtftMs: avg(this.#later),
    };
    const e = this.#estimated;
    if (e.turns > 0) {
      out.estimatedCacheHitRatePct = e.prompt > 0 ? round((e.cached / e.prompt) * 100, 2) : 0;
    }
    return out;
  }

  /** The per-conversation table over conversations with a successful turn. */
  traceSummary(): TraceSummary {
    const traces = [...this.#traces.values()].filter((t) => t.length > 0);
    const reported = traces.some((t) => t.some((x) => x.cachedTokens !== undefined));
    const rows: [string, (t: Turn[]) => number][] = [
      ["Latency (s)", (t) => Math.max(0, t.at(-1)!.completedMs - t[0].sentMs) / 1000],
      ["First-Turn TTFT (s)", (t) => t[0].ttftMs / 1000],
      [
        "TTFAT (s)",
        (t) => Math.max(0, t.at(-1)!.sentMs + t.at(-1)!.ttftMs - t[0].sentMs) / 1000,
      ],
      ["Decode TPS", decodeTps],
    ];
    if (reported) {
      rows.push(["Cache Hit Rate (%)", (t) => ratio(t, (x) => x.cachedTokens ?? 0, promptOf)]);
      rows.push([
        "Eligible Cache Hit Rate (%)",
        (t) =>
          ratio(t.filter((x) => x.eligible > 0), (x) => x.cachedTokens ?? 0, (x) => x.eligible),
      ]);
    } else {
      rows.push([
        "Estimated Cache Hit Rate (%)",
        (t) => ratio(t, (x) => Math.min(x.eligible, x.promptTokens), promptOf),
      ]);
    }
    return {
      nTraces: traces.length,
      rows: traces.length === 0 ? [] : rows.map(([metric, f]) => traceRow(metric, traces.map(f))),
    };
  }
}

const promptOf = (t: Turn) => t.promptTokens;

function ratio(turns: Turn[], num: (t: Turn) => number, den: (t: Turn) => number): number {
  let a = 0;
  let b = 0;
  for (const t of turns) {
    a += num(t);
    b += den(t);
  }
  return b > 0 ? (a / b) * 100 : 0;
}

/** Mean over turns of (completion − 1) / (latency − TTFT) in tok/s, over turns where defined. */
function decodeTps(turns: Turn[]): number {
  const rates: number[] = [];
  for (const t of turns) {
    if (t.completionTokens > 1 && t.latencyMs > t.ttftMs) {
      rates.push((t.completionTokens - 1) / ((t.latencyMs - t.ttftMs) / 1000));
    }
  }
  return rates.length > 0 ? mean(rates) : 0;
}

function traceRow(metric: string, values: number[]): TraceRow {
  const sorted = Float64Array.from(values).sort();
  const p = (q: number) => round(percentileOf(sorted, q, "linear"), 4);
  return {
    metric,
    mean: round(mean(sorted), 4),
    min: round(sorted[0], 4),
    p50: p(50),
    p90: p(90),
    p95: p(95),
    p99: p(99),
    max: round(sorted[sorted.length - 1], 4),
  };
}
