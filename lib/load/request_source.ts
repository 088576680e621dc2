/**
 * A lazy, prefetching supply of prepared requests: the dataset is read (and cycled when it is
 * shorter than the run) only a little ahead of the dispatcher, so memory stays flat however
 * many requests a run has.
 *
 * @module
 */
import type { DatasetContext, DatasetItem, PerfDataset, SkipReport } from "./dataset.ts";
import { badLineText, SkippedLines } from "./skipped_lines.ts";
import { UserError } from "../errors.ts";
import type { PreparedRequest } from "./request_builder.ts";

/**
 * Yields a dataset's items forever, starting over at its end; throws when it is empty. Each item
 * carries the number of lines skipped as not JSON since the one before (`skippedLines`); a file
 * with no valid line is an error naming its first bad line.
 */
export async function* cycleItems(
  dataset: PerfDataset,
  ctx: DatasetContext,
): AsyncGenerator<DatasetItem> {
  const skipped = ctx.skipped ?? new SkippedLines();
  const withSkipped = { ...ctx, skipped };
  let reported = false;
  for (;;) {
    let n = 0;
    for await (const item of dataset.items(withSkipped)) {
      n++;
      const lines = skipped.take();
      if (lines === 0) {
        yield item;
        continue;
      }
      const first = reported ? undefined : badLineText(skipped.first!);
      reported = true;
      yield { ...item, skipped: first ? { lines, first } : { lines } };
    }
    if (n === 0 && skipped.first) {
      throw new UserError(
        `Cannot read ${badLineText(skipped.first)}`,
        `No line of ${skipped.first.file} is valid JSON: --dataset ${dataset.name} expects one JSON value per line (docs/datasets.md).`,
      );
    }
    if (n === 0) {
      throw new UserError(
        `Cannot run the benchmark: dataset '${dataset.name}' yielded no prompts`,
        "Check --dataset-path, and --min-prompt-length/--max-prompt-length (they may filter everything out).",
      );
    }
  }
}

/** An item source that repeats one prompt (`--prompt`). */
export async function* repeatPrompt(prompt: string): AsyncGenerator<DatasetItem> {
  for (;;) {
    yield { prompt };
    await Promise.resolve();
  }
}

interface Waiter {
  resolve(v: PreparedRequest | undefined): void;
  reject(e: unknown): void;
}

/** Hands out at most `limit` prepared requests, keeping up to `prefetch` ready. */
export class RequestSource {
  readonly #items: AsyncIterator<PreparedRequest>;
  readonly #prefetch: number;
  readonly #limit: number;
  readonly #buffer: PreparedRequest[] = [];
  readonly #waiters: Waiter[] = [];
  #produced = 0;
  #skipped: SkipReport = { lines: 0 };
  #done = false;
  #error: unknown;
  #pumping = false;

  constructor(
    items: AsyncIterable<PreparedRequest>,
    options: { limit: number; prefetch?: number },
  ) {
    this.#items = items[Symbol.asyncIterator]();
    this.#limit = options.limit;
    this.#prefetch = Math.max(1, Math.min(options.prefetch ?? 16, options.limit));
  }

  /** Requests handed out so far plus those buffered. */
  get produced(): number {
    return this.#produced;
  }

  /** Dataset lines skipped as not JSON while making the requests produced so far. */
  get skipped(): SkipReport {
    return this.#skipped;
  }

  /** Fills the buffer before the timed phase starts. */
  async warm(): Promise<void> {
    this.#pump();
    while (!this.#done && this.#buffer.length < this.#prefetch) {
      await new Promise((r) => setTimeout(r, 1));
    }
    if (this.#error && this.#buffer.length === 0) throw this.#error;
  }

  /** The next request, or undefined when the limit is reached or the dataset ended. */
  next(): Promise<PreparedRequest | undefined> {
    if (this.#buffer.length > 0) {
      const v = this.#buffer.shift();
      this.#pump();
      return Promise.resolve(v);
    }
    if (this.#done) {
      return this.#error ? Promise.reject(this.#error) : Promise.resolve(undefined);
    }
    const p = new Promise<PreparedRequest | undefined>((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
    });
    this.#pump();
    return p;
  }

  /** Stops reading the dataset. */
  async close(): Promise<void> {
    this.#done = true;
    this.#flushWaiters();
    await this.#items.return?.();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (
        !this.#done && (this.#waiters.length > 0 || this.#buffer.length < this.#prefetch)
      ) {
        if (this.#produced >= this.#limit) {
          this.#done = true;
          break;
        }
        const r = await this.#items.next();
        if (r.done) {
          this.#done = true;
          break;
        }
        this.#produced++;
        const prepared = r.value;
        if (prepared.skipped) {
          this.#skipped.lines += prepared.skipped.lines;
          this.#skipped.first ??= prepared.skipped.first;
        }
        const w = this.#waiters.shift();
        if (w) w.resolve(prepared);
        else this.#buffer.push(prepared);
      }
    } catch (e) {
      this.#error = e;
      this.#done = true;
    } finally {
      this.#pumping = false;
    }
    if (this.#done) this.#flushWaiters();
  }

  #flushWaiters(): void {
    for (const w of this.#waiters.splice(0)) {
      if (this.#error) w.reject(this.#error);
      else w.resolve(undefined);
    }
  }
}
