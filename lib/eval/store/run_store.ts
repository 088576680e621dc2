/**
 * The resume store of a run: a Deno KV file in the run folder holding every model response
 * (keyed by a hash of the model identity and the exact request) and every sample's review.
 *
 * Values are UTF-8 JSON; those over 60 000 bytes are split into chunks (Deno KV caps a value at
 * 64 KiB). Writes are batched: {@linkcode RunStore.put} resolves once the batch holding the
 * entry is committed, so a caller that writes its output files after that never shows a result
 * the store could lose. Only one process may write a KV file at a time.
 *
 * Keys: `["resp", requestKey]` (a response), `["has", requestKey]` (1: an index of the responses
 * held, cheap to list), `["rev", benchmark, requestKey]` (a review), `["chunk", …key, i]`,
 * `["meta", "format"]`.
 *
 * @module
 */
import { UserError } from "../../errors.ts";

/** The store format written to `["meta", "format"]`. */
export const STORE_FORMAT = "lmeter.eval-store/1";

const CHUNK = 60_000;
const MAX_ATOMIC_BYTES = 600_000;
const MAX_ATOMIC_OPS = 500;

type Mutation = { key: Deno.KvKey; value: Uint8Array | { chunks: number; bytes: number } };

interface Pending {
  mutations: Mutation[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** A Deno KV backed store with chunked values and batched writes. */
export class RunStore {
  readonly path: string;
  readonly #kv: Deno.Kv;
  #queue: Pending[] = [];
  #flushing: Promise<void> | null = null;
  #closed = false;

  private constructor(kv: Deno.Kv, path: string) {
    this.#kv = kv;
    this.path = path;
  }

  /** Opens (or creates) the store at `path`; fails clearly when another process holds it. */
  static async open(path: string): Promise<RunStore> {
    let kv: Deno.Kv;
    try {
      kv = await Deno.openKv(path);
    } catch (e) {
      throw new UserError(
        `Cannot open the run cache ${path}: ${(e as Error).message}`,
        "Check that the run folder is writable.",
        { exitCode: 1, cause: e },
      );
    }
    try {
      const format = await kv.get<string>(["meta", "format"]);
      if (format.value !== null && format.value !== STORE_FORMAT) {
        kv.close();
        throw new UserError(
          `Cannot resume from ${path}: it was written by another lmeter version (${format.value})`,
          "Start a new run without --use-cache, or use the lmeter version that wrote it.",
          { exitCode: 1 },
        );
      }
      if (format.value === null) await kv.set(["meta", "format"], STORE_FORMAT);
      else await kv.set(["meta", "opened"], Date.now());
    } catch (e) {
      if (e instanceof UserError) throw e;
      kv.close();
      throw lockedError(path, e);
    }
    return new RunStore(kv, path);
  }

  /** The value at `key`, or null. */
  async get<T>(key: Deno.KvKey): Promise<T | null> {
    const entry = await this.#kv.get<Mutation["value"]>(key);
    if (entry.value === null) return null;
    return await this.#decode<T>(key, entry.value);
  }

  /** Every value under `prefix`, with the last key part. */
  async list<T>(prefix: Deno.KvKey): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    for await (const entry of this.#kv.list<Mutation["value"]>({ prefix }, { batchSize: 500 })) {
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
            await commitOrThrow(atomic, this.path);
            atomic = this.#kv.atomic();
            ops = 0;
            bytes = 0;
          }
          atomic.set(m.key, m.value);
          ops++;
          bytes += size;
        }
      }
      if (ops > 0) await commitOrThrow(atomic, this.path);
      for (const p of batch) p.resolve();
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }

  async #decode<T>(key: Deno.KvKey, value: Mutation["value"]): Promise<T | null> {
    if (value instanceof Uint8Array) return JSON.parse(new TextDecoder().decode(value)) as T;
    if (typeof value !== "object" || value === null || typeof value.chunks !== "number") {
      return null;
    }
    const keys = Array.from({ length: value.chunks }, (_, i) => ["chunk", ...key, i]);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < keys.length; i += 10) {
      const got = await this.#kv.getMany<Uint8Array[]>(keys.slice(i, i + 10));
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
    return JSON.parse(new TextDecoder().decode(all)) as T;
  }
}

function encode(key: Deno.KvKey, value: unknown): Mutation[] {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  if (bytes.length <= CHUNK) return [{ key, value: bytes }];
  const out: Mutation[] = [];
  const n = Math.ceil(bytes.length / CHUNK);
  for (let i = 0; i < n; i++) {
    out.push({ key: ["chunk", ...key, i], value: bytes.subarray(i * CHUNK, (i + 1) * CHUNK) });
  }
  out.push({ key, value: { chunks: n, bytes: bytes.length } }); // the head goes last
  return out;
}

async function commitOrThrow(atomic: Deno.AtomicOperation, path: string): Promise<void> {
  try {
    const r = await atomic.commit();
    if (!r.ok) throw new Error("the commit was rejected");
  } catch (e) {
    throw lockedError(path, e);
  }
}

function lockedError(path: string, e: unknown): UserError {
  const msg = (e as Error)?.message ?? String(e);
  if (/locked|busy/i.test(msg)) {
    return new UserError(
      `Cannot write the run cache ${path}: another lmeter process is using this run folder`,
      "Wait for the other run to finish (only one process may resume a run at a time).",
      { exitCode: 1, cause: e },
    );
  }
  return new UserError(
    `Cannot write the run cache ${path}: ${msg}`,
    "Check free disk space and permissions of the run folder.",
    { exitCode: 1, cause: e },
  );
}
