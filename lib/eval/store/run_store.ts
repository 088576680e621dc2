/**
 * The resume store of a run: Deno KV holding every model response (keyed by a hash of the model
 * identity and the exact request) and every sample's review. By default a KV file in the run
 * folder; with `--cache-url` a remote KV (a denokv server, over Deno's KV Connect client) that
 * retried pods and the shards of one evaluation share, so no finished sample is asked for twice.
 *
 * Values are UTF-8 JSON; those over 60 000 bytes are split into chunks (Deno KV caps a value at
 * 64 KiB). Writes are batched: {@linkcode RunStore.put} resolves once the batch holding the
 * entry is committed, so a caller that writes its output files after that never shows a result
 * the store could lose. Only one process may write a KV file at a time; a remote KV takes many
 * (the keys are content-addressed, so two writers of one key write the same answer).
 *
 * Keys: `["resp", requestKey]` (a response), `["has", requestKey]` (1: an index of the responses
 * held, cheap to list), `["rev", benchmark, reviewKey]` (a review), `["chunk", …key, i]`,
 * `["meta", "format"]`.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import { isRemoteStore, openError, stallError, writeError } from "./store_errors.ts";

/** The store format written to `["meta", "format"]`. */
export const STORE_FORMAT = "lmeter.eval-store/1";

const CHUNK = 60_000;
const MAX_ATOMIC_BYTES = 600_000;
const MAX_ATOMIC_OPS = 500;
/** How long a remote store may go without answering before the run stops (Deno retries forever). */
const STALL_MS = 60_000;

/** Options of {@linkcode RunStore.open}. */
export interface RunStoreOptions {
  /** A remote store's longest silence before an operation fails, in ms. Default 60 000. */
  stallMs?: number;
}

type Mutation = { key: Deno.KvKey; value: Uint8Array | { chunks: number; bytes: number } };

interface Pending {
  mutations: Mutation[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** A Deno KV backed store with chunked values and batched writes. */
export class RunStore {
  /** The KV file's path, or the remote KV's URL. */
  readonly path: string;
  /** True when the store is a remote KV (`--cache-url`). */
  readonly remote: boolean;
  readonly #kv: Deno.Kv;
  readonly #stallMs: number;
  #queue: Pending[] = [];
  #flushing: Promise<void> | null = null;
  #closed = false;

  private constructor(kv: Deno.Kv, path: string, stallMs: number) {
    this.#kv = kv;
    this.path = path;
    this.remote = isRemoteStore(path);
    this.#stallMs = stallMs;
  }

  /**
   * Opens (or creates) the store at `location`: a KV file path, or an `http(s)://` remote KV
   * (its token from `DENO_KV_ACCESS_TOKEN`). Fails clearly when another process holds the file,
   * or the server cannot be reached or refuses the token.
   */
  static async open(location: string, options: RunStoreOptions = {}): Promise<RunStore> {
    const stallMs = isRemoteStore(location) ? options.stallMs ?? STALL_MS : 0;
    let kv: Deno.Kv;
    try {
      kv = await withDeadline(Deno.openKv(location), { stallMs, location });
    } catch (e) {
      throw e instanceof UserError ? e : openError(location, e);
    }
    const store = new RunStore(kv, location, stallMs);
    try {
      await store.#checkFormat();
    } catch (e) {
      kv.close();
      throw writeError(location, e);
    }
    return store;
  }

  /** Checks (or writes) the store format, and notes the opening. */
  async #checkFormat(): Promise<void> {
    const format = await this.#guard(this.#kv.get<string>(["meta", "format"]));
    if (format.value !== null && format.value !== STORE_FORMAT) {
      throw new UserError(
        `Cannot resume from ${this.path}: it was written by another lmeter version (${format.value})`,
        this.remote
          ? "Give --cache-url a KV of its own, or use the lmeter version that wrote it."
          : "Start a new run without --use-cache, or use the lmeter version that wrote it.",
        { exitCode: 1 },
      );
    }
    if (format.value === null) await this.#guard(this.#kv.set(["meta", "format"], STORE_FORMAT));
    else await this.#guard(this.#kv.set(["meta", "opened"], Date.now()));
  }

  /** The value at `key`, or null. */
  async get<T>(key: Deno.KvKey): Promise<T | null> {
    const entry = await this.#guard(this.#kv.get<Mutation["value"]>(key));
    if (entry.value === null) return null;
    return await this.#decode<T>(key, entry.value);
  }

  /** Every value under `prefix`, with the last key part. */
  async list<T>(prefix: Deno.KvKey): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    const entries = this.#kv.list<Mutation["value"]>({ prefix }, { batchSize: 500 });
    for (;;) {
      const next = await this.#guard(entries.next());
      if (next.done) break;
      const entry = next.value;
      const last = entry.key[entry.key.length - 1];
      const value = await this.#decode<T>(entry.key, entry.value);
      if (value !== null) out.set(String(last), value);
    }
    return out;
  }

  /** Queues writes; resolves when they are committed (in order, with anything queued before). */
  put(entries: readonly { key: Deno.KvKey; value: unknown }[]): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("the run store is closed"));
    const mutations: Mutation[] = [];
    for (const { key, value } of entries) mutations.push(...encode(key, value));
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ mutations, resolve, reject });
      this.#kick();
    });
  }

  /** Waits until everything queued is committed. */
  async flush(): Promise<void> {
    while (this.#flushing || this.#queue.length > 0) {
      this.#kick();
      await this.#flushing;
    }
  }

  /** Flushes and closes the KV file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.flush();
    } finally {
      this.#closed = true;
      this.#kv.close();
    }
  }

  #guard<T>(p: Promise<T>): Promise<T> {
    return withDeadline(p, { stallMs: this.#stallMs, location: this.path });
  }

  async #commitOrThrow(atomic: Deno.AtomicOperation): Promise<void> {
    try {
      const r = await this.#guard(atomic.commit());
      if (!r.ok) throw new Error("the commit was rejected");
    } catch (e) {
      throw writeError(this.path, e);
    }
  }

  #kick(): void {
    if (this.#flushing || this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    this.#flushing = this.#commit(batch).finally(() => {
      this.#flushing = null;
      this.#kick();
    });
  }

  async #commit(batch: Pending[]): Promise<void> {
    try {
      let atomic = this.#kv.atomic();
      let ops = 0;
      let bytes = 0;
      for (const p of batch) {
        for (const m of p.mutations) {
          const size = m.value instanceof Uint8Array ? m.value.length : 64;
          if (ops > 0 && (ops + 1 > MAX_ATOMIC_OPS || bytes + size > MAX_ATOMIC_BYTES)) {
            await this.#commitOrThrow(atomic);
            atomic = this.#kv.atomic();
            ops = 0;
            bytes = 0;
          }
          atomic.set(m.key, m.value);
          ops++;
          bytes += size;
        }
      }
      if (ops > 0) await this.#commitOrThrow(atomic);
      for (const p of batch) p.resolve();
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }

  async #decode<T>(key: Deno.KvKey, value: Mutation["value"]): Promise<T | null> {
    if (value instanceof Uint8Array) return JSON.parse(utf8Text.decode(value)) as T;
    if (typeof value !== "object" || value === null || typeof value.chunks !== "number") {
      return null;
    }
    const keys = Array.from({ length: value.chunks }, (_, i) => ["chunk", ...key, i]);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < keys.length; i += 10) {
      const got = await this.#guard(this.#kv.getMany<Uint8Array[]>(keys.slice(i, i + 10)));
      for (const g of got) {
        if (!(g.value instanceof Uint8Array)) return null; // a torn write: treat as absent
        parts.push(g.value);
      }
    }
    const all = new Uint8Array(value.bytes);
    let off = 0;
    for (const p of parts) {
      all.set(p, off);
      off += p.length;
    }
    return JSON.parse(utf8Text.decode(all)) as T;
  }
}

const utf8 = new TextEncoder();
const utf8Text = new TextDecoder();

function encode(key: Deno.KvKey, value: unknown): Mutation[] {
  const bytes = utf8.encode(JSON.stringify(value));
  if (bytes.length <= CHUNK) return [{ key, value: bytes }];
  const out: Mutation[] = [];
  const n = Math.ceil(bytes.length / CHUNK);
  for (let i = 0; i < n; i++) {
    out.push({ key: ["chunk", ...key, i], value: bytes.subarray(i * CHUNK, (i + 1) * CHUNK) });
  }
  out.push({ key, value: { chunks: n, bytes: bytes.length } }); // the head goes last
  return out;
}

/** `p`, or a {@linkcode stallError} when a remote store has not answered it within `stallMs`. */
function withDeadline<T>(
  p: Promise<T>,
  options: { stallMs: number; location: string },
): Promise<T> {
  const { stallMs, location } = options;
  if (stallMs <= 0) return p;
  p.catch(() => {}); // when the deadline wins, a late failure is not news
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(stallError(location, stallMs)), stallMs);
  });
  return Promise.race([p, stalled]).finally(() => clearTimeout(timer));
}
