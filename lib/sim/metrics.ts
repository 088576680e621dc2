/**
 * The simulator's `GET /metrics`: vLLM's Prometheus names, with values a test can predict. Every
 * counter and histogram moves when a request is planned (its timing is known then), so a scrape
 * taken after a client saw its last answer has counted all of it:
 *
 * - `vllm:request_success_total{finished_reason}` — requests answered without a fault;
 * - `vllm:prompt_tokens_total`, `vllm:generation_tokens_total` — their usage;
 * - `vllm:prefix_cache_queries_total` / `_hits_total` — prompt tokens, and those served from the
 *   simulator's prefix cache;
 * - `vllm:spec_decode_num_drafts_total`, `…_num_draft_tokens_total`, `…_num_accepted_tokens_total`
 *   — with `specTokens` k > 0 (lib/sim/spec.ts);
 * - `vllm:time_to_first_token_seconds`, `vllm:inter_token_latency_seconds` (one gap per decode
 *   step), `vllm:e2e_request_latency_seconds`, `vllm:request_queue_time_seconds` (always 0: the
 *   simulator queues nothing) — histograms of the planned times, with vLLM's buckets;
 * - gauges read at scrape time: `vllm:num_requests_running` (requests generating),
 *   `vllm:num_requests_waiting` (0), `vllm:kv_cache_usage_perc` (prompt + completion tokens of the
 *   running requests over `kvCacheTokens`, at most 1); `vllm:num_preemptions_total` stays 0.
 *
 * {@linkcode SimMetrics.reset} zeroes every counter and histogram, as a server restart does.
 *
 * @module
 */

/** vLLM's bucket bounds (seconds) of its TTFT, inter-token and request-time histograms. */
const TTFT_BUCKETS = bounds(
  "0.001 0.005 0.01 0.02 0.04 0.06 0.08 0.1 0.25 0.5 0.75 1 2.5 5 7.5 10 20 40 80 160 640 2560",
);
const ITL_BUCKETS = bounds(
  "0.01 0.025 0.05 0.075 0.1 0.15 0.2 0.3 0.4 0.5 0.75 1 2.5 5 7.5 10 20 40 80",
);
const REQUEST_BUCKETS = bounds(
  "0.3 0.5 0.8 1 1.5 2 2.5 5 10 15 20 30 40 50 60 120 240 480 960 1920 7680",
);

function bounds(list: string): number[] {
  return list.split(" ").map(Number);
}

/** A classic histogram: counts per bucket (not cumulative), sum and count. */
class Histogram {
  readonly bounds: readonly number[];
  counts: number[];
  sum = 0;
  count = 0;

  constructor(bounds: readonly number[]) {
    this.bounds = bounds;
    this.counts = new Array(bounds.length + 1).fill(0);
  }

  observe(v: number): void {
    let i = this.bounds.findIndex((b) => v <= b);
    if (i < 0) i = this.bounds.length;
    this.counts[i]++;
    this.sum += v;
    this.count++;
  }

  reset(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
  }
}

/** What the metrics need to know of a planned request. */
export interface PlannedRequest {
  /** Answered without a fault (counted in `request_success`). */
  success: boolean;
  finishReason: "stop" | "length";
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** Due times of the tokens, ms after arrival. */
  offsets: Float64Array;
  /** Tokens per decode step under speculative decoding (empty: one token per step). */
  steps: readonly number[];
  /** The speculative tokens drafted per step. */
  k: number;
}

/** The simulator's Prometheus counters, histograms and gauges. */
export class SimMetrics {
  readonly #model: string;
  readonly #kvCacheTokens: number;
  #success = { stop: 0, length: 0 };
  #promptTokens = 0;
  #generationTokens = 0;
  #prefixQueries = 0;
  #prefixHits = 0;
  #drafts = 0;
  #draftTokens = 0;
  #accepted = 0;
  #running = 0;
  #kvTokens = 0;
  readonly #ttft = new Histogram(TTFT_BUCKETS);
  readonly #itl = new Histogram(ITL_BUCKETS);
  readonly #e2e = new Histogram(REQUEST_BUCKETS);
  readonly #queue = new Histogram(REQUEST_BUCKETS);

  constructor(options: { model: string; kvCacheTokens: number }) {
    this.#model = options.model;
    this.#kvCacheTokens = options.kvCacheTokens;
  }

  /** Counts a request when it is planned. */
  planned(r: PlannedRequest): void {
    this.#prefixQueries += r.promptTokens;
    this.#prefixHits += r.cachedTokens;
    if (!r.success) return;
    this.#success[r.finishReason]++;
    this.#promptTokens += r.promptTokens;
    this.#generationTokens += r.completionTokens;
    const o = r.offsets;
    this.#ttft.observe(o[0] / 1000);
    this.#e2e.observe(o[o.length - 1] / 1000);
    this.#queue.observe(0);
    if (r.steps.length > 0) {
      let token = 0;
      for (const n of r.steps) {
        const next = token + n;
        this.#itl.observe((o[next] - o[token]) / 1000);
        token = next;
        this.#drafts++;
        this.#draftTokens += r.k;
        this.#accepted += n - 1;
      }
    } else {
      for (let i = 1; i < r.completionTokens && i < o.length; i++) {
        this.#itl.observe((o[i] - o[i - 1]) / 1000);
      }
    }
  }

  /** A request starts generating (`tokens` = its prompt + completion tokens). */
  started(tokens: number): void {
    this.#running++;
    this.#kvTokens += tokens;
  }

  /** A request that {@linkcode started} ended. */
  ended(tokens: number): void {
    this.#running--;
    this.#kvTokens -= tokens;
  }

  /** Zeroes every counter and histogram, as a server restart does (the gauges keep reading). */
  reset(): void {
    this.#success = { stop: 0, length: 0 };
    this.#promptTokens = 0;
    this.#generationTokens = 0;
    this.#prefixQueries = 0;
    this.#prefixHits = 0;
    this.#drafts = 0;
    this.#draftTokens = 0;
    this.#accepted = 0;
    for (const h of [this.#ttft, this.#itl, this.#e2e, this.#queue]) h.reset();
  }

  /** The page, in Prometheus' text format 0.0.4. */
  render(): string {
    const base = `engine="0",model_name="${
      this.#model.replaceAll("\\", "\\\\").replaceAll('"', '\\"')
    }"`;
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    };
    const one = (name: string, type: string, help: string, value: number) => {
      family(name, type, help);
      lines.push(`${name}{${base}} ${value}`);
    };
    one("vllm:num_requests_running", "gauge", "Requests generating now.", this.#running);
    one("vllm:num_requests_waiting", "gauge", "Requests waiting (none: no queue).", 0);
    one(
      "vllm:kv_cache_usage_perc",
      "gauge",
      "Tokens of the running requests over the KV-cache capacity (1 = full).",
      Math.min(1, this.#kvTokens / this.#kvCacheTokens),
    );
    family("vllm:request_success_total", "counter", "Requests answered without a fault.");
    for (const reason of ["stop", "length"] as const) {
      lines.push(
        `vllm:request_success_total{${base},finished_reason="${reason}"} ${this.#success[reason]}`,
      );
    }
    one("vllm:prompt_tokens_total", "counter", "Prompt tokens.", this.#promptTokens);
    one("vllm:generation_tokens_total", "counter", "Generated tokens.", this.#generationTokens);
    one(
      "vllm:prefix_cache_queries_total",
      "counter",
      "Prompt tokens looked up.",
      this.#prefixQueries,
    );
    one("vllm:prefix_cache_hits_total", "counter", "Prompt tokens found cached.", this.#prefixHits);
    one("vllm:num_preemptions_total", "counter", "Preemptions (none).", 0);
    one("vllm:spec_decode_num_drafts_total", "counter", "Draft steps.", this.#drafts);
    one("vllm:spec_decode_num_draft_tokens_total", "counter", "Draft tokens.", this.#draftTokens);
    one(
      "vllm:spec_decode_num_accepted_tokens_total",
      "counter",
      "Accepted draft tokens.",
      this.#accepted,
    );
    const histogram = (name: string, help: string, h: Histogram) => {
      family(name, "histogram", help);
      let cumulative = 0;
      h.bounds.forEach((b, i) => {
        cumulative += h.counts[i];
        lines.push(`${name}_bucket{${base},le="${b}"} ${cumulative}`);
      });
      lines.push(`${name}_bucket{${base},le="+Inf"} ${h.count}`);
      lines.push(`${name}_sum{${base}} ${h.sum}`, `${name}_count{${base}} ${h.count}`);
    };
    histogram("vllm:time_to_first_token_seconds", "Time to first token.", this.#ttft);
    histogram("vllm:inter_token_latency_seconds", "Time between decode steps.", this.#itl);
    histogram("vllm:e2e_request_latency_seconds", "Request latency.", this.#e2e);
    histogram("vllm:request_queue_time_seconds", "Time queued (always 0).", this.#queue);
    return lines.join("\n") + "\n";
  }
}
