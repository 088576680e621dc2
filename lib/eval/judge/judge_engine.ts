/**
 * The judge engine: a {@linkcode Judge} over lmeter's HTTP client, with its own endpoint, key,
 * model, `generation_config`, retries and concurrency (`judge_worker_num`), and a cache of
 * replies in the run store.
 *
 * Cache key: the content hash of the judge model, the messages and the request parameters (the
 * generation config plus a call's own), not the endpoint URL, so a judge served from another
 * port still hits the cache. Only successful replies are cached: a failed call is asked again
 * when the run resumes; an unparseable reply is cached (asking again would give it again) and
 * stays a judge error on every re-scoring. A reply is queued to the store before the review
 * that uses it, so a stored review always has its reply stored too.
 *
 * @module
 */
import type { HttpClient } from "../../client/http_client.ts";
import { apiClient } from "../run/model_backend.ts";
import { contentHash } from "../../util/hash.ts";
import { concurrencyLimit, type Limited } from "../../util/limit.ts";
import type { ChatMessage } from "../benchmark/types.ts";
import type { RunStore } from "../store/run_store.ts";
import type { JudgeSettings } from "./settings.ts";
import type { Judge, JudgeArgs, JudgeAskOptions, JudgeReply } from "./types.ts";

/** What a judge engine did: calls made, replies reused, calls that failed. */
export interface JudgeStats {
  /** Requests sent to the judge (a retried call counts once). */
  calls: number;
  /** Replies taken from the run store instead of asked. */
  cached: number;
  /** Calls that failed after their retries. */
  failed: number;
}

/** A stored reply. */
interface StoredReply {
  text: string;
  usage?: { inputTokens: number; outputTokens: number };
}

/** The run-store key prefix of judge replies. */
export const JUDGE_STORE_PREFIX = "judge";

/** The cache key of one judge request: judge model, prompt and request parameters. */
export function judgeCacheKey(
  model: string,
  request: { messages: readonly ChatMessage[]; params: Readonly<Record<string, unknown>> },
): string {
  return contentHash({ model, messages: request.messages, params: request.params });
}

/** The engine behind `ScoreContext.judge`. */
export class JudgeEngine implements Judge {
  readonly model: string;
  readonly args: JudgeArgs;
  readonly stats: JudgeStats = { calls: 0, cached: 0, failed: 0 };
  readonly #client: HttpClient;
  readonly #url: string;
  readonly #params: Record<string, unknown>;
  readonly #store: RunStore | null;
  readonly #limited: Limited;
  readonly #inflight = new Map<string, Promise<JudgeReply>>();

  /** Opens a client for `settings` (whose `apiUrl` must be set); replies are cached in `store`. */
  constructor(settings: JudgeSettings, options: { store?: RunStore | null } = {}) {
    if (!settings.apiUrl) throw new Error("JudgeEngine needs settings.apiUrl");
    const g = settings.generation;
    this.model = settings.model;
    this.args = settings.args;
    this.#params = { ...g.body };
    this.#store = options.store ?? null;
    this.#limited = concurrencyLimit(settings.concurrency);
    const { client, url } = apiClient({
      apiUrl: settings.apiUrl,
      apiKey: settings.apiKey,
      generation: g,
      path: "chat/completions",
    });
    this.#client = client;
    this.#url = url;
  }

  /** Asks the judge (see {@linkcode Judge.ask}); identical requests in flight share one call. */
  ask(messages: readonly ChatMessage[], options: JudgeAskOptions = {}): Promise<JudgeReply> {
    const params = { ...this.#params, ...(options.generation ?? {}) };
    const key = judgeCacheKey(this.model, { messages, params });
    const running = this.#inflight.get(key);
    if (running) return running;
    const p = this.#ask(key, { messages, params, signal: options.signal });
    this.#inflight.set(key, p);
    p.finally(() => this.#inflight.delete(key));
    return p;
  }

  async #ask(
    key: string,
    request: {
      messages: readonly ChatMessage[];
      params: Record<string, unknown>;
      signal?: AbortSignal;
    },
  ): Promise<JudgeReply> {
    const stored = await this.#store?.get<StoredReply>([JUDGE_STORE_PREFIX, key]) ?? null;
    if (stored !== null) {
      this.stats.cached++;
      return { text: stored.text, cached: true, ...(stored.usage ? { usage: stored.usage } : {}) };
    }
    const { stream: _never, ...params } = request.params;
    const body = { model: this.model, messages: request.messages, ...params };
    const r = await this.#limited(() => {
      this.stats.calls++;
      return this.#client.post(this.#url, body, { signal: request.signal });
    });
    if (r.outcome !== "success") {
      this.stats.failed++;
      const retried = r.attempts > 1 ? ` (after ${r.attempts} attempts)` : "";
      return { text: "", error: `${r.error ?? r.outcome}${retried}`, cached: false };
    }
    const reply: StoredReply = { text: r.text };
    if (r.usage) {
      reply.usage = { inputTokens: r.usage.promptTokens, outputTokens: r.usage.completionTokens };
    }
    // Queued before the review that uses it (see the module doc); a write failure surfaces there.
    this.#store?.put([{ key: [JUDGE_STORE_PREFIX, key], value: reply }]).catch(() => {});
    return { ...reply, cached: false };
  }

  /** Closes the client's connections. */
  close(): void {
    this.#client.close();
  }
}
