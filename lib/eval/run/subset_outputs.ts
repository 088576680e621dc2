/**
 * The outputs of one benchmark's subsets: prediction and review files (kept in index order)
 * and the per-sample outcomes the report is built from.
 *
 * @module
 */
import { join } from "node:path";
import { JsonlSink } from "../../results/eval/jsonl_sink.ts";
import { subsetFileName } from "../../results/eval/layout.ts";
import { predictionLine, reviewLine } from "../../results/eval/records.ts";
import type { SampleResult } from "../score/aggregate.ts";
import type { Generation } from "./model_backend.ts";
import type { StoredReview } from "../score/score_sample.ts";
import type { ChatMessage } from "../benchmark/types.ts";
import type { WorkItem } from "./work_items.ts";

interface SubsetFiles {
  predictions: JsonlSink;
  reviews: JsonlSink;
  outcomes: SampleResult[];
}

/** Files and outcomes of every subset of one benchmark. */
export class SubsetOutputs {
  readonly #subsets = new Map<string, SubsetFiles>();
  readonly #model: string;
  readonly #extractor: string;
  #flushing: Promise<void> | null = null;

  private constructor(model: string, extractor: string) {
    this.#model = model;
    this.#extractor = extractor;
  }

  /** Creates (truncates) `<dir>/<benchmark>_<subset>.jsonl` for every subset. */
  static async create(
    options: {
      benchmark: string;
      subsets: readonly string[];
      predictionsDir: string;
      reviewsDir: string;
      model: string;
      extractor: string;
    },
  ): Promise<SubsetOutputs> {
    const out = new SubsetOutputs(options.model, options.extractor);
    await Deno.mkdir(options.predictionsDir, { recursive: true });
    await Deno.mkdir(options.reviewsDir, { recursive: true });
    for (const name of options.subsets) {
      const file = subsetFileName(options.benchmark, name);
      out.#subsets.set(name, {
        predictions: await JsonlSink.create(join(options.predictionsDir, file)),
        reviews: await JsonlSink.create(join(options.reviewsDir, file)),
        outcomes: [],
      });
    }
    return out;
  }

  /** Records a scored sample (its prediction and review lines, and its outcome). */
  scored(
    item: WorkItem,
    options: {
      messages: ChatMessage[];
      generation: Generation;
      review: StoredReview;
      cached: boolean;
    },
  ): void {
    const s = this.#subsets.get(item.subset)!;
    const { generation: gen, review } = options;
    s.predictions.push(
      item.pos.index,
      predictionLine(item.pos, {
        model: this.#model,
        messages: options.messages,
        generation: gen,
        target: item.sample.target,
        metadata: item.sample.metadata,
      }),
    );
    s.reviews.push(
      item.pos.index,
      reviewLine(item.pos, {
        target: item.sample.target,
        prediction: gen.text,
        score: review.score,
        flags: review.flags,
        extractor: this.#extractor,
        metadata: item.sample.metadata,
      }),
    );
    // Optional fields are assigned, not spread: this runs once per sample.
    const score = review.score;
    const result: SampleResult = {
      index: item.pos.index,
      groupId: item.pos.groupId,
      repeat: item.pos.repeat,
      outcome: "success",
      value: score.value,
      extracted: score.extracted,
      noAnswer: review.flags.noAnswer,
      truncated: review.flags.truncated,
      cached: options.cached,
      latencyMs: gen.latencyMs,
    };
    if (score.units) result.units = score.units;
    if (score.metadata) result.metadata = score.metadata;
    if (score.judgeError !== undefined) result.judgeError = true;
    if (gen.ttftMs !== undefined) result.ttftMs = gen.ttftMs;
    if (gen.usage) {
      result.inputTokens = gen.usage.input_tokens;
      result.outputTokens = gen.usage.output_tokens;
    }
    s.outcomes.push(result);
  }

  /** Records a sample whose request failed (only its prediction line, with the error). */
  failed(
    item: WorkItem,
    options: { messages: ChatMessage[]; generation: Generation; error: string },
  ): void {
    const s = this.#subsets.get(item.subset)!;
    s.predictions.push(
      item.pos.index,
      predictionLine(item.pos, {
        model: this.#model,
        messages: options.messages,
        generation: { ...options.generation, outcome: "error", error: options.error },
        target: item.sample.target,
        metadata: item.sample.metadata,
      }),
    );
    s.reviews.push(item.pos.index, null);
    s.outcomes.push({
      index: item.pos.index,
      groupId: item.pos.groupId,
      repeat: item.pos.repeat,
      outcome: "error",
      value: {},
      extracted: "",
      noAnswer: false,
      truncated: false,
      cached: false,
      latencyMs: options.generation.latencyMs,
    });
  }

  /** Marks a sample another shard runs: no line for it here, and the files stay in order. */
  skipped(item: WorkItem): void {
    const s = this.#subsets.get(item.subset)!;
    s.predictions.push(item.pos.index, null);
    s.reviews.push(item.pos.index, null);
  }

  /** Samples recorded so far (scored or failed). */
  get count(): number {
    let n = 0;
    for (const s of this.#subsets.values()) n += s.outcomes.length;
    return n;
  }

  /** Starts writing ready lines unless a write is already under way. */
  flushSoon(): void {
    this.#flushing ??= this.#write().finally(() => this.#flushing = null);
  }

  /** Writes every ready line. */
  async flush(): Promise<void> {
    await this.#flushing;
    await this.#write();
  }

  async #write(): Promise<void> {
    for (const s of this.#subsets.values()) {
      await s.predictions.flush();
      await s.reviews.flush();
    }
  }

  /** Writes everything and leaves every file sorted by index. */
  async finish(): Promise<void> {
    await this.#flushing;
    for (const s of this.#subsets.values()) {
      await s.predictions.finish();
      await s.reviews.finish();
    }
  }

  /** Outcomes by subset, in `order`. */
  outcomes(order: readonly string[]): Map<string, SampleResult[]> {
    // In index order, not completion order: float sums then do not depend on which request
    // finished first, so a run's report equals a resumed run's and a shard merge's to the last digit.
    const byIndex = (name: string) =>
      [...(this.#subsets.get(name)?.outcomes ?? [])].sort((a, b) => a.index - b.index);
    return new Map(order.map((name) => [name, byIndex(name)]));
  }
}
