/**
 * The samples of one subset (`predictions/<model>/<bench>_<subset>.jsonl` joined with
 * `reviews/…`), indexed once by byte offset so a page of 50 samples out of 50 000 reads only
 * those 50 lines. Filtering by pass/fail and text search run on the index.
 *
 * @module
 */
import { readJsonAt, scanLines } from "./jsonl_scan.ts";
import type { SafeFs } from "./safe_fs.ts";
import { messageText, normalizeScore, targetText } from "./sample_text.ts";
import type {
  SampleDetail,
  SampleFilter,
  SamplePage,
  SampleSummary,
  SubsetFiles,
} from "./types.ts";
import { isRecord } from "../../util/is_record.ts";

export type { SampleDetail, SampleFilter, SamplePage, SampleSummary };

/** Options of {@linkcode SubsetSamples.page}. */
export interface PageOptions {
  filter?: SampleFilter;
  /** Pass means score ≥ threshold. Default 0.99 (EvalScope's). */
  threshold?: number;
  /** An integer finds that index; other text is searched in prompts, answers and targets. */
  query?: string;
  offset?: number;
  limit?: number;
}

interface Entry {
  index: number;
  pOff: number;
  pLen: number;
  rOff: number;
  rLen: number;
  score: number;
}

const PREVIEW = 160;

/** The indexed samples of one subset. */
export class SubsetSamples {
  readonly files: SubsetFiles;
  /** Modification stamp of the files when indexed, for cache checks. */
  readonly stamp: string;
  readonly #fs: SafeFs;
  readonly #entries: Entry[];
  readonly #byIndex: Map<number, Entry>;
  readonly #searches = new Map<string, Set<number>>();

  private constructor(fs: SafeFs, files: SubsetFiles, stamp: string, entries: Entry[]) {
    this.#fs = fs;
    this.files = files;
    this.stamp = stamp;
    this.#entries = entries;
    this.#byIndex = new Map(entries.map((e) => [e.index, e]));
  }

  /** Indexes the subset's files (one pass over each). */
  static async load(fs: SafeFs, files: SubsetFiles): Promise<SubsetSamples> {
    const byIndex = new Map<number, Entry>();
    const get = (index: number) => {
      let e = byIndex.get(index);
      if (!e) {
        e = { index, pOff: -1, pLen: 0, rOff: -1, rLen: 0, score: NaN };
        byIndex.set(index, e);
      }
      return e;
    };
    const decoder = new TextDecoder();
    for (const [path, isReview] of [[files.predictions, false], [files.reviews, true]] as const) {
      if (!path) continue;
      const file = await fs.openFile(path);
      try {
        let line = 0;
        await scanLines(file, (bytes, offset) => {
          let record: unknown = null;
          try {
            record = JSON.parse(decoder.decode(bytes));
          } catch { /* a torn last line of a running evaluation */ }
          const index = isRecord(record) && typeof record.index === "number" ? record.index : line;
          line++;
          if (!isRecord(record)) return;
          const e = get(index);
          if (isReview) {
            e.rOff = offset;
            e.rLen = bytes.length;
            e.score = reviewScore(record) ?? NaN;
          } else {
            e.pOff = offset;
            e.pLen = bytes.length;
          }
        });
      } finally {
        file.close();
      }
    }
    const entries = [...byIndex.values()].sort((a, b) => a.index - b.index);
    return new SubsetSamples(fs, files, await fileStamp(files), entries);
  }

  /** Number of samples. */
  get size(): number {
    return this.#entries.length;
  }

  /** Normalised score per index (NaN when not scored), for paired comparisons. */
  scores(): Map<number, number> {
    return new Map(this.#entries.map((e) => [e.index, e.score]));
  }

  /** A filtered, searched page of sample summaries. */
  async page(options: PageOptions = {}): Promise<SamplePage> {
    const threshold = options.threshold ?? 0.99;
    const offset = Math.max(0, options.offset ?? 0);
    const limit = Math.min(200, Math.max(1, options.limit ?? 20));
    let pool = this.#entries;
    const query = (options.query ?? "").trim();
    if (/^\d+$/.test(query)) {
      const e = this.#byIndex.get(Number(query));
      pool = e ? [e] : [];
    } else if (query) {
      const hits = await this.search(query);
      pool = pool.filter((e) => hits.has(e.index));
    }
    const isPass = (e: Entry) => e.score >= threshold;
    let pass = 0;
    for (const e of pool) if (isPass(e)) pass++;
    const counts = { all: pool.length, pass, fail: pool.length - pass };
    const filter = options.filter ?? "all";
    const chosen = filter === "all" ? pool : pool.filter((e) => isPass(e) === (filter === "pass"));
    const items: SampleSummary[] = [];
    for (const e of chosen.slice(offset, offset + limit)) {
      items.push(await this.#summary(e, threshold));
    }
    return { total: chosen.length, counts, offset, limit, items };
  }

  /**
   * Indexes of samples whose prompt, answer, extracted answer, target or headline score name
   * contains `query`.
   */
  async search(query: string): Promise<Set<number>> {
    const q = query.toLowerCase();
    const cached = this.#searches.get(q);
    if (cached) return cached;
    const hits = new Set<number>();
    const decoder = new TextDecoder();
    for (
      const [path, isReview] of [[this.files.predictions, false], [
        this.files.reviews,
        true,
      ]] as const
    ) {
      if (!path) continue;
      const file = await this.#fs.openFile(path);
      try {
        let line = 0;
        await scanLines(file, (bytes) => {
          let record: unknown = null;
          try {
            record = JSON.parse(decoder.decode(bytes));
          } catch { /* skip */ }
          const index = isRecord(record) && typeof record.index === "number" ? record.index : line;
          line++;
          if (!isRecord(record) || hits.has(index)) return;
          const text = isReview ? reviewText(record) : predictionText(record);
          if (text.toLowerCase().includes(q)) hits.add(index);
        });
      } finally {
        file.close();
      }
    }
    if (this.#searches.size > 16) this.#searches.delete(this.#searches.keys().next().value!);
    this.#searches.set(q, hits);
    return hits;
  }

  /** Summaries of the given samples (unknown indexes are skipped). */
  async summaries(indexes: readonly number[], threshold = 0.99): Promise<SampleSummary[]> {
    const out: SampleSummary[] = [];
    for (const i of indexes) {
      const e = this.#byIndex.get(i);
      if (e) out.push(await this.#summary(e, threshold));
    }
    return out;
  }

  /** Everything about sample `index`; null when there is no such sample. */
  async detail(index: number): Promise<SampleDetail | null> {
    const e = this.#byIndex.get(index);
    if (!e) return null;
    const { prediction, review } = await this.#records(e);
    return sampleDetail(index, prediction, review);
  }

  async #records(e: Entry): Promise<{ prediction: unknown; review: unknown }> {
    const read = async (path: string | null, off: number, len: number) => {
      if (!path || off < 0) return null;
      const file = await this.#fs.openFile(path);
      try {
        return await readJsonAt(file, off, len);
      } finally {
        file.close();
      }
    };
    return {
      prediction: await read(this.files.predictions, e.pOff, e.pLen),
      review: await read(this.files.reviews, e.rOff, e.rLen),
    };
  }

  async #summary(e: Entry, threshold: number): Promise<SampleSummary> {
    const { prediction, review } = await this.#records(e);
    const d = sampleDetail(e.index, prediction, review);
    return {
      index: e.index,
      score: d.score,
      pass: d.score !== null && d.score >= threshold,
      status: d.status,
      extracted: clip(d.extracted, 80),
      target: clip(d.target, 80),
      preview: clip(d.answer || d.error || "", PREVIEW),
    };
  }
}

function clip(text: string, n: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > n ? flat.slice(0, n - 1) + "…" : flat;
}

/**
 * A stamp of a subset's predictions and reviews files (size and modification time of each), so
 * a cache can tell whether they changed since it read them.
 */
export async function fileStamp(files: SubsetFiles): Promise<string> {
  const parts: string[] = [];
  for (const p of [files.predictions, files.reviews]) {
    if (!p) continue;
    try {
      const s = await Deno.stat(p);
      parts.push(`${s.size}:${s.mtime?.getTime() ?? 0}`);
    } catch {
      parts.push("missing");
    }
  }
  return parts.join("|");
}

function scoreRecord(review: unknown): Record<string, unknown> | null {
  if (!isRecord(review)) return null;
  const ss = review.sample_score;
  if (isRecord(ss) && isRecord(ss.score)) return ss.score;
  return isRecord(review.score) ? review.score : null;
}

/** The normalised score of a review line. */
export function reviewScore(review: unknown): number | null {
  const s = scoreRecord(review);
  if (!s) return null;
  return normalizeScore(
    s.value,
    typeof s.main_score_name === "string" ? s.main_score_name : undefined,
  );
}

function reviewText(review: Record<string, unknown>): string {
  const s = scoreRecord(review) ?? {};
  // The headline score's name too: a needle cell (`Context#1000 Depth#50`) finds its samples.
  return [
    targetText(review.target),
    targetText(s.extracted_prediction),
    targetText(s.prediction),
    typeof s.main_score_name === "string" ? s.main_score_name : "",
  ].join("\n");
}

function predictionText(prediction: Record<string, unknown>): string {
  const messages = Array.isArray(prediction.messages) ? prediction.messages : [];
  return messages.map((m) => {
    const v = messageText(m);
    return `${v.text}\n${v.reasoning}`;
  }).join("\n");
}

function firstChoice(prediction: Record<string, unknown>): Record<string, unknown> | null {
  const out = prediction.model_output;
  if (!isRecord(out) || !Array.isArray(out.choices) || !isRecord(out.choices[0])) return null;
  return out.choices[0];
}

const optNum = (v: unknown) => typeof v === "number" && Number.isFinite(v) ? v : null;

/** Builds the detail view of a sample from its prediction and review records (either may be null). */
export function sampleDetail(index: number, prediction: unknown, review: unknown): SampleDetail {
  const p = isRecord(prediction) ? prediction : {};
  const r = isRecord(review) ? review : {};
  const s = scoreRecord(r) ?? {};
  const choice = firstChoice(p);
  const messages = (Array.isArray(p.messages) ? p.messages : []).map(messageText);
  let answerMsg = choice && isRecord(choice.message) ? messageText(choice.message) : null;
  const last = messages[messages.length - 1];
  if (last && last.role === "assistant") {
    messages.pop();
    answerMsg ??= last;
  }
  const output = isRecord(p.model_output) ? p.model_output : {};
  const perf = isRecord(output.perf_metrics)
    ? output.perf_metrics
    : choice && isRecord(choice.message) && isRecord(choice.message.perf_metrics)
    ? choice.message.perf_metrics
    : {};
  const answer = answerMsg?.text ?? (typeof s.prediction === "string" ? s.prediction : "");
  const score = normalizeScore(
    s.value,
    typeof s.main_score_name === "string" ? s.main_score_name : undefined,
  );
  const error = typeof output.error === "string" && output.error ? output.error : null;
  const status = typeof p.status === "string"
    ? p.status
    : error
    ? "error"
    : Object.keys(p).length === 0
    ? "missing"
    : "success";
  return {
    index,
    status,
    messages,
    answer,
    reasoning: answerMsg?.reasoning ?? "",
    extracted: targetText(s.extracted_prediction),
    target: targetText(r.target ?? p.target),
    score,
    scoreValue: s.value ?? null,
    explanation: typeof s.explanation === "string" ? s.explanation : null,
    stopReason: choice && typeof choice.stop_reason === "string" ? choice.stop_reason : null,
    usage: isRecord(output.usage) ? output.usage : null,
    latency: optNum(perf.latency),
    ttft: optNum(perf.ttft),
    error,
    noAnswer: typeof r.no_answer === "boolean" ? r.no_answer : null,
    truncated: typeof r.truncated === "boolean" ? r.truncated : null,
    metadata: isRecord(p.metadata) ? p.metadata : null,
    scoreMetadata: isRecord(s.metadata) ? s.metadata : null,
  };
}
