/**
 * The simulator's record of every generation request: an in-memory ring and, optionally, a
 * JSONL file (one object per line, written when the request ends).
 *
 * Tests use it to prove what was asked: e.g. a resumed evaluation requests no sample twice
 * (compare `prompt_sha256` values).
 *
 * @module
 */

/** How a logged request ended. */
export type LogOutcome =
  | "completed" // the whole response was sent
  | "client_closed" // the client went away first
  | "cut" // fault: connection aborted mid-stream
  | "stream_error" // fault: error event in the stream
  | "malformed" // fault: an invalid JSON chunk or body was sent (the rest was sent too)
  | "fault_500"
  | "fault_429"
  | "hang" // fault: no headers were ever sent
  | "server_closed" // the simulator closed during the request
  | "rejected" // 503: over the connection cap
  | "invalid" // 400
  | "unauthorized" // 401
  | "not_found"; // 404: unknown model with strict model names

/** One line of the request log (snake_case: it is a file format). */
export interface RequestLogEntry {
  /** Arrival, ISO 8601 UTC. */
  time: string;
  /** Arrival order, from 0. */
  seq: number;
  /** Path, e.g. `/v1/chat/completions`. */
  endpoint: string;
  model: string | null;
  /** Hex SHA-256 of the prompt the answer key matches on (last user message or prompt). */
  prompt_sha256: string | null;
  /** That prompt, cut to {@linkcode LOG_TEXT_LIMIT} characters. */
  last_user: string | null;
  max_tokens: number | null;
  stream: boolean | null;
  status: number;
  outcome: LogOutcome;
  /** The injected fault, if any. */
  fault: string | null;
  /** `correct`, `wrong` or `unmatched` against the answer key. */
  answer: string | null;
  finish_reason: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  /** From arrival to the end of the response. */
  duration_ms: number;
  /** From arrival to the first streamed write: the time to first event the server really gave
   * (told TTFT plus its own lateness). Null when nothing was streamed. */
  first_write_ms: number | null;
  /** Prompt tokens served from the prefix cache (null when no prefix cache is on). */
  cached_tokens: number | null;
  /** The `x-session-id` header the request carried (sticky routing), or null. */
  session: string | null;
  /** The request's parsed JSON body, only when the simulator keeps bodies (`logBodies`). */
  body?: unknown;
}

/** A fresh entry for a request that arrived now: nothing known yet but its order and path. */
export function newLogEntry(seq: number, endpoint: string): RequestLogEntry {
  return {
    time: new Date().toISOString(),
    seq,
    endpoint,
    model: null,
    prompt_sha256: null,
    last_user: null,
    max_tokens: null,
    stream: null,
    status: 200,
    outcome: "completed",
    fault: null,
    answer: null,
    finish_reason: null,
    prompt_tokens: null,
    completion_tokens: null,
    duration_ms: 0,
    first_write_ms: null,
    cached_tokens: null,
    session: null,
  };
}

/** Longest prompt text kept in a log line. */
export const LOG_TEXT_LIMIT = 200;

/** A ring of the last entries plus an optional append-only JSONL file. */
export class RequestLog {
  #ring: RequestLogEntry[] = [];
  #size: number;
  #start = 0;
  #file: Deno.FsFile | null;
  #encoder = new TextEncoder();

  private constructor(size: number, file: Deno.FsFile | null) {
    this.#size = size;
    this.#file = file;
  }

  /** Opens the log; `path` (appended to, created when missing) is optional. */
  static async open(options: { path?: string; ringSize: number }): Promise<RequestLog> {
    const file = options.path === undefined
      ? null
      : await Deno.open(options.path, { append: true, create: true });
    return new RequestLog(Math.max(0, options.ringSize), file);
  }

  /** Records one finished request. */
  add(entry: RequestLogEntry): void {
    if (this.#size > 0) {
      if (this.#ring.length < this.#size) this.#ring.push(entry);
      else {
        this.#ring[this.#start] = entry;
        this.#start = (this.#start + 1) % this.#size;
      }
    }
    if (this.#file === null) return;
    const bytes = this.#encoder.encode(JSON.stringify(entry) + "\n");
    for (let done = 0; done < bytes.length;) done += this.#file.writeSync(bytes.subarray(done));
  }

  /** The entries still in the ring, oldest first. */
  entries(): RequestLogEntry[] {
    return [...this.#ring.slice(this.#start), ...this.#ring.slice(0, this.#start)];
  }

  /** Closes the file. */
  close(): void {
    this.#file?.close();
    this.#file = null;
  }
}
