/**
 * `benchmark_data.db`: one SQLite row per (non-warm-up) request, EvalScope's columns plus
 * lmeter's, every structured value stored as JSON text (no pickles). Schema in
 * docs/perf-metrics.md; `meta` holds the schema version.
 *
 * @module
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { CompletionResult } from "../../client/types.ts";
import { UserError } from "../../errors.ts";
import type { RequestSample } from "../../metrics/run_data.ts";
import type { TurnInfo } from "../../metrics/multi_turn.ts";

/** Version of the `result` table layout. */
export const PERF_DB_SCHEMA_VERSION = 1;

/** Columns of `result`, in order. */
export const RESULT_COLUMNS = [
  // EvalScope's columns (times in seconds on the process's monotonic clock).
  "request",
  "start_time",
  "inter_token_latencies",
  "success",
  "response_messages",
  "completed_time",
  "latency",
  "first_chunk_latency",
  "time_per_output_token",
  "prompt_tokens",
  "completion_tokens",
  "max_gpu_memory_cost",
  "request_id",
  "is_stream",
  // lmeter's columns.
  "status",
  "error_kind",
  "error",
  "http_status",
  "intended_time",
  "end_time",
  "first_token_latency",
  "chunk_count",
  "token_source",
  "group_label",
  "connect_time",
  "new_connection",
  "cached_tokens",
  "server_timings",
  // Multi-turn runs (EvalScope's names): the turn's 1-based position, its conversation, first/last.
  "input_num_turns",
  "trace_id",
  "is_first_turn",
  "is_last_turn",
] as const;

const CREATE = `
CREATE TABLE result (
  request TEXT,
  start_time REAL,
  inter_token_latencies TEXT,
  success INTEGER,
  response_messages TEXT,
  completed_time REAL,
  latency REAL,
  first_chunk_latency REAL,
  time_per_output_token REAL,
  prompt_tokens INTEGER,
  completion_tokens INTEGER,
  max_gpu_memory_cost REAL,
  request_id TEXT,
  is_stream INTEGER,
  status TEXT NOT NULL,
  error_kind TEXT,
  error TEXT,
  http_status INTEGER,
  intended_time REAL,
  end_time REAL,
  first_token_latency REAL,
  chunk_count INTEGER,
  token_source TEXT,
  group_label TEXT,
  connect_time REAL,
  new_connection INTEGER,
  cached_tokens INTEGER,
  server_timings TEXT,
  input_num_turns INTEGER,
  trace_id TEXT,
  is_first_turn INTEGER,
  is_last_turn INTEGER
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
`;

type Cell = string | number | null;

/** What a row records besides the exchange: token source, group, and the turn (multi-turn). */
export interface RowExtra {
  tokenSource: string | null;
  group?: string;
  turn?: TurnInfo;
}

/**
 * Writes request rows as they finish: rows that finish close together are committed together,
 * at most `flushAfterMs` after the first of them (or at once when `commitInterval` are pending),
 * so a stop or a crash loses at most that much.
 */
export class PerfDb {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  readonly #pending: Cell[][] = [];
  readonly #commitInterval: number;
  readonly #flushAfterMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #rows = 0;

  /** Creates the database; refuses to overwrite an existing file, as EvalScope does. */
  constructor(
    path: string,
    options: {
      /** Most rows in one commit; default 1000. */
      commitInterval?: number;
      /** Longest a finished row waits for its commit, ms; default 100. */
      flushAfterMs?: number;
      meta?: Record<string, string>;
    } = {},
  ) {
    let exists = false;
    try {
      Deno.statSync(path);
      exists = true;
    } catch { /* the usual case */ }
    if (exists) {
      throw new UserError(
        `Cannot create ${path}: it already exists`,
        "Use another --name or --outputs-dir, or drop --no-timestamp, so each run gets a new folder.",
      );
    }
    this.path = path;
    this.#db = new DatabaseSync(path);
    this.#db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    this.#db.exec(CREATE);
    const meta = this.#db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
    const entries = { schema_version: String(PERF_DB_SCHEMA_VERSION), ...options.meta };
    for (const [k, v] of Object.entries(entries)) meta.run(k, v);
    const marks = RESULT_COLUMNS.map(() => "?").join(", ");
    this.#insert = this.#db.prepare(
      `INSERT INTO result (${RESULT_COLUMNS.join(", ")}) VALUES (${marks})`,
    );
    this.#commitInterval = Math.max(1, options.commitInterval ?? 1000);
    this.#flushAfterMs = Math.max(0, options.flushAfterMs ?? 100);
  }

  /** Rows written or pending. */
  get rows(): number {
    return this.#rows;
  }

  /** Queues one request's row; commits when the batch is full or `flushAfterMs` later. */
  add(
    body: unknown,
    result: CompletionResult,
    sample: RequestSample,
    extra: RowExtra,
  ): void {
    this.#pending.push(resultRow(body, result, sample, extra));
    this.#rows++;
    if (this.#pending.length >= this.#commitInterval) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.#flushAfterMs);
  }

  /** Commits the pending rows. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    this.#db.exec("BEGIN");
    try {
      for (const row of this.#pending) this.#insert.run(...row);
      this.#db.exec("COMMIT");
    } catch (e) {
      this.#db.exec("ROLLBACK");
      throw e;
    }
    this.#pending.length = 0;
  }

  /** Sets a `meta` value (e.g. `status` = `complete` or `incomplete`). */
  setMeta(key: string, value: string): void {
    this.#db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").run(key, value);
  }

  /** Commits and closes. */
  close(): void {
    this.flush();
    this.#db.close();
  }
}

const s = (ms: number | null | undefined) =>
  ms === null || ms === undefined || !Number.isFinite(ms) ? null : ms / 1000;

function resultRow(
  body: unknown,
  r: CompletionResult,
  sample: RequestSample,
  extra: RowExtra,
): Cell[] {
  const ok = sample.outcome === "success";
  const t = r.timing;
  const response = {
    text: r.text,
    reasoning: r.reasoning || undefined,
    finish_reason: r.finishReason,
    usage: r.usage,
    id: r.id,
    model: r.model,
  };
  return [
    JSON.stringify(body),
    s(t.sent),
    JSON.stringify(Array.from(sample.itlMs, (v) => v / 1000)),
    ok ? 1 : 0,
    JSON.stringify(response),
    ok ? s(sample.completedMs) : 0,
    ok ? s(sample.latencyMs) : null,
    ok ? s(sample.ttftMs) : null,
    ok ? s(sample.tpotMs) : null,
    ok ? sample.promptTokens : null,
    ok ? sample.completionTokens : null,
    null,
    r.id ?? null,
    r.streamed ? 1 : 0,
    sample.outcome,
    r.errorKind ?? null,
    r.error ?? null,
    r.httpStatus,
    s(t.intendedSend),
    s(t.end),
    s(sample.contentTtftMs),
    r.chunks,
    extra.tokenSource,
    extra.group ?? null,
    s(t.connectMs),
    t.connectMs === null ? null : t.newConnection ? 1 : 0,
    r.usage?.cachedTokens ?? null,
    r.serverTimings ? JSON.stringify(r.serverTimings) : null,
    extra.turn?.turn ?? null,
    extra.turn?.traceId ?? null,
    extra.turn ? (extra.turn.first ? 1 : 0) : null,
    extra.turn ? (extra.turn.last ? 1 : 0) : null,
  ];
}
