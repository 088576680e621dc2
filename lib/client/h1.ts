/**
 * A small HTTP/1.1 client on Deno's own sockets (`Deno.connect` / `Deno.connectTls`), written
 * for the one job that must not be bottlenecked by the client: reading thousands of token
 * streams at once. It costs about a third of `node:http`'s CPU per streamed chunk inside Deno
 * (docs/PERFORMANCE.md).
 *
 * What it does: keep-alive connection pools per origin (with an optional cap and a queue),
 * `content-length`, `chunked` and close-delimited bodies, 1xx responses skipped, connect and
 * read timeouts, cancellation. An idle connection has a read waiting on it, so one the server
 * closes (llama-server closes after every streamed answer without a `connection: close`) is
 * dropped before it is reused; when a reused connection still turns out closed before any byte of
 * an answer, the request is sent once more on a fresh connection (never on another idle one) and
 * `onConnection` reports the new attempt so the caller restarts its clock. What it leaves out: HTTP/2,
 * proxies, compression (it never asks for any), pipelining.
 *
 * Body bytes are handed to the caller as views into the connection's read buffer; they are
 * valid only during the callback (the caller copies or decodes them at once).
 *
 * @module
 */
import { proxyAuthorization, proxyLabel } from "./proxy.ts";

/** Why a request did not get a whole response. */
export type H1FailureKind = "network" | "timeout" | "permission";

/** A failure, and whether any byte of the response had arrived before it. */
export interface H1Failure {
  kind: H1FailureKind;
  message: string;
  /** True when the status line had been read (the failure cut the body). */
  inBody: boolean;
}

/** What a request reports, in order: written → head → body* → end, or fail at any point. */
export interface H1Handlers {
  /** The whole request was handed to the socket. */
  onWritten(now: number): void;
  /** The final (non-1xx) status line and headers; header names are lower-case. */
  onHead(status: number, headers: Record<string, string>, now: number): void;
  /** Body bytes (de-chunked); a view valid only during the call. */
  onBody(bytes: Uint8Array, now: number): void;
  /** The body is complete. */
  onEnd(now: number): void;
  /** The exchange failed; no other callback follows. */
  onFail(failure: H1Failure): void;
  /**
   * A connection was taken for an attempt, before anything is written on it. Called again when a
   * reused connection turns out to have been closed by the server and the request is sent anew on
   * a fresh one (`retry`): nothing of the first attempt reached a server that answers.
   */
  onConnection?(info: ConnectionInfo): void;
}

/** How an attempt got its connection (ms on `performance.now()`). */
export interface ConnectionInfo {
  /** True for an idle keep-alive connection, false for one opened for this attempt. */
  reused: boolean;
  /** When the attempt started asking the pool for a connection. */
  start: number;
  /** Time spent opening the connection (TCP, proxy tunnel and TLS); 0 when reused. */
  connectMs: number;
  /** True when this attempt replaces one made on a connection the server had closed. */
  retry: boolean;
}

/** One outgoing request. */
export interface H1Request {
  url: URL;
  method: "GET" | "POST";
  /** Lower-case names; `host`, `content-length` and `connection` are set by the pool. */
  headers: Record<string, string>;
  body: Uint8Array | null;
  /** Max ms between two bytes of the response (and before the first). 0 or undefined: none. */
  readTimeoutMs?: number;
}

/** A started request; `abort` closes its connection and reports nothing more. */
export interface H1Handle {
  abort(): void;
}

/** Pool settings. */
export interface H1PoolOptions {
  /** Max ms to open a connection (TCP and TLS). */
  connectTimeoutMs: number;
  /** Max open connections per origin; further requests wait in a queue. Default: unlimited. */
  maxSockets?: number;
  /** Idle keep-alive connections older than this are closed instead of reused. Default 4 000 ms
   * (uvicorn, which vLLM and SGLang use, closes idle connections after 5 s). */
  maxIdleMs?: number;
  /** Extra PEM certificate authorities trusted for `https:` (a self-signed endpoint). Deno's own
   * `DENO_CERT` and `DENO_TLS_CA_STORE` settings apply as well. */
  caCerts?: string[];
  /** The HTTP proxy for a target, or null to connect directly (see `proxy.ts`). Default: none. */
  proxy?: (url: URL) => URL | null;
}

const READ_BUFFER_BYTES = 32 * 1024;
const MAX_HEAD_BYTES = 64 * 1024;
const LF = 10;
const CR = 13;
const encoder = new TextEncoder();
const latin1 = new TextDecoder("latin1");

/** Body framing states. */
const S = {
  Head: 0,
  Length: 1,
  ChunkSize: 2,
  ChunkExt: 3,
  ChunkData: 4,
  ChunkDataEnd: 5,
  Trailers: 6,
  UntilClose: 7,
  Done: 8,
} as const;
type State = typeof S[keyof typeof S];

interface Socket {
  conn: Deno.Conn | Deno.TlsConn;
  buf: Uint8Array;
  origin: string;
  idleSince: number;
  closed: boolean;
  /** Set when plain-HTTP requests go through a forward proxy: they use the absolute URL, and
   * this `Proxy-Authorization` value when not empty. Null for a direct (or tunnelled) socket. */
  forwardProxyAuth: string | null;
  /** True while an exchange owns the connection. */
  inUse: boolean;
  /** The read started when the connection went idle (see `H1Pool.release`): a server that closes
   * an idle connection is noticed before the connection is reused. The next exchange on this
   * connection takes it over as its first read. */
  pending: Promise<number | null> | null;
  /** Time spent opening it, for the attempt that opened it. */
  connectMs: number;
}

interface Origin {
  open: number;
  idle: Socket[];
  waiters: (() => void)[];
}

/** Keep-alive connection pools, one per origin (`scheme://host:port`). */
export class H1Pool {
  readonly #options: H1PoolOptions;
  readonly #origins = new Map<string, Origin>();
  #closed = false;

  constructor(options: H1PoolOptions) {
    this.#options = options;
  }

  /** Starts a request; results arrive through `handlers`. */
  request(req: H1Request, handlers: H1Handlers): H1Handle {
    const ex = new Exchange(this, req, handlers);
    ex.start();
    return ex;
  }

  /** Closes idle connections and refuses new requests' reuse of old ones. */
  close(): void {
    this.#closed = true;
    for (const o of this.#origins.values()) {
      for (const s of o.idle) this.#destroy(s);
      o.idle.length = 0;
    }
  }

  /** Resolves with a connection for `url`'s origin: an idle one (reused = true) or a new one;
   * `fresh` always opens a new one. */
  async acquire(
    url: URL,
    exchange: Exchange,
    fresh = false,
  ): Promise<{ socket: Socket; reused: boolean }> {
    const key = originKey(url);
    let o = this.#origins.get(key);
    if (!o) {
      o = { open: 0, idle: [], waiters: [] };
      this.#origins.set(key, o);
    }
    const now = performance.now();
    while (o.idle.length > 0 && !fresh) {
      const s = o.idle.pop()!;
      if (now - s.idleSince <= (this.#options.maxIdleMs ?? 4000) && !s.closed) {
        return { socket: this.#take(s), reused: true };
      }
      this.#destroy(s);
    }
    const cap = this.#options.maxSockets ?? Infinity;
    while (o.open >= cap) {
      await new Promise<void>((resolve) => o!.waiters.push(resolve));
      if (exchange.aborted) throw new AbortedError();
      if (fresh) {
        // Make room by closing an idle connection rather than reusing it.
        const idle = o.idle.pop();
        if (idle) this.#destroy(idle);
        continue;
      }
      const s = o.idle.pop();
      if (s && !s.closed) return { socket: this.#take(s), reused: true };
    }
    o.open++;
    try {
      const started = performance.now();
      const socket = await this.#connect(url, key, exchange);
      socket.connectMs = performance.now() - started;
      return { socket, reused: false };
    } catch (e) {
      o.open--;
      this.#wake(o);
      throw e;
    }
  }

  /** Returns a healthy connection after a complete response. While it is idle a read waits on it:
   * a server that closes it (many close after each streamed answer without saying so) or sends
   * anything unasked gets it destroyed before a request is written on it. */
  release(s: Socket): void {
    const o = this.#origins.get(s.origin);
    if (!o || this.#closed || s.closed) return this.#destroy(s);
    s.idleSince = performance.now();
    s.inUse = false;
    const read = s.conn.read(s.buf);
    s.pending = read;
    const idleEnd = () => {
      if (s.pending === read && !s.inUse) this.#destroy(s);
    };
    read.then(idleEnd, idleEnd);
    // An idle connection must not keep the process alive.
    s.conn.unref();
    o.idle.push(s);
    this.#wake(o);
  }

  #take(s: Socket): Socket {
    s.inUse = true;
    s.conn.ref();
    return s;
  }

  /** Closes a connection that cannot be reused. */
  discard(s: Socket): void {
    this.#destroy(s);
  }

  #destroy(s: Socket): void {
    if (s.closed) return;
    s.closed = true;
    closeQuietly(s.conn);
    const o = this.#origins.get(s.origin);
    if (o) {
      o.open--;
      const i = o.idle.indexOf(s);
      if (i >= 0) o.idle.splice(i, 1);
      this.#wake(o);
    }
  }

  #wake(o: Origin): void {
    const w = o.waiters.shift();
    if (w) w();
  }

  async #connect(url: URL, origin: string, exchange: Exchange): Promise<Socket> {
    const proxy = this.#options.proxy?.(url) ?? null;
    const pending = this.#open(url, proxy);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeoutMs = this.#options.connectTimeoutMs;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ConnectTimeoutError(`could not connect within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    exchange.onAbortConnect = () => {
      pending.then(closeQuietly, () => {});
    };
    try {
      const conn = await Promise.race([pending, timeout]);
      if (exchange.aborted) {
        closeQuietly(conn); // the abort hook may have closed it already
        throw new AbortedError();
      }
      if ("setNoDelay" in conn) (conn as Deno.TcpConn).setNoDelay(true);
      const forward = proxy !== null && url.protocol === "http:";
      return {
        conn,
        buf: new Uint8Array(READ_BUFFER_BYTES),
        origin,
        idleSince: 0,
        closed: false,
        forwardProxyAuth: forward ? proxyAuthorization(proxy) ?? "" : null,
        inUse: true,
        pending: null,
        connectMs: 0,
      };
    } catch (e) {
      pending.then((c) => {
        if (e instanceof ConnectTimeoutError || exchange.aborted) closeQuietly(c);
      }, () => {});
      throw e;
    } finally {
      clearTimeout(timer);
      exchange.onAbortConnect = undefined;
    }
  }

  /** A connection to `url`'s origin: direct, or through an HTTP proxy (`CONNECT` for https). */
  async #open(url: URL, proxy: URL | null): Promise<Deno.Conn | Deno.TlsConn> {
    const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
    const tls = url.protocol === "https:";
    const port = url.port ? Number(url.port) : tls ? 443 : 80;
    const tlsOptions = {
      hostname,
      alpnProtocols: ["http/1.1"],
      ...(this.#options.caCerts ? { caCerts: this.#options.caCerts } : {}),
    };
    if (proxy === null) {
      const direct = (host: string) =>
        tls ? Deno.connectTls({ ...tlsOptions, port, hostname: host }) : Deno.connect({
          hostname: host,
          port,
        });
      try {
        return await direct(hostname);
      } catch (e) {
        // Deno tries only the first address of a name. "localhost" may be served on IPv6 only
        // (a server bound to ::1): try that before giving up, as curl and browsers do.
        if (hostname !== "localhost" || !(e instanceof Deno.errors.ConnectionRefused)) throw e;
        return await direct("::1").catch(() => Promise.reject(e));
      }
    }
    const label = proxyLabel(proxy);
    let conn: Deno.TcpConn;
    try {
      conn = await Deno.connect({
        hostname: proxy.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: Number(proxy.port || 80),
      });
    } catch (e) {
      throw annotate(e, `proxy ${label}`);
    }
    if (!tls) return conn;
    try {
      const auth = proxyAuthorization(proxy);
      const authority = `${url.hostname}:${port}`;
      await writeAll(
        conn,
        encoder.encode(
          `CONNECT ${authority} HTTP/1.1\r\nhost: ${authority}\r\n${
            auth ? `proxy-authorization: ${auth}\r\n` : ""
          }\r\n`,
        ),
      );
      const status = await readConnectReply(conn);
      if (status < 200 || status >= 300) {
        throw new Error(
          `the proxy ${label} refused to open a tunnel to ${authority} (HTTP ${status}${
            status === 407 ? ": it wants credentials, put them in the proxy URL" : ""
          })`,
        );
      }
      return await Deno.startTls(conn, tlsOptions);
    } catch (e) {
      closeQuietly(conn);
      throw e;
    }
  }
}

/** Reads a `CONNECT` reply's head and returns its status. */
async function readConnectReply(conn: Deno.Conn): Promise<number> {
  const buf = new Uint8Array(4096);
  let head = new Uint8Array(0);
  for (;;) {
    const n = await conn.read(buf);
    if (n === null) throw new Error("the proxy closed the connection while opening a tunnel");
    const joined = new Uint8Array(head.length + n);
    joined.set(head, 0);
    joined.set(buf.subarray(0, n), head.length);
    head = joined;
    const end = headEnd(head, 0);
    if (end >= 0) {
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(latin1.decode(head.subarray(0, end)));
      if (!m) throw new Error("the proxy did not answer CONNECT with HTTP");
      return Number(m[1]);
    }
    if (head.length > MAX_HEAD_BYTES) throw new Error("the proxy's CONNECT reply is too long");
  }
}

/** Closes `conn`; a connection already closed (by us, or its resource gone after the peer's close)
 * is not an error. Every close in this file goes through here: a throw from `close()` inside a
 * promise callback would be an uncaught error that ends the whole run. */
function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch { /* already closed */ }
}

function annotate(e: unknown, where: string): Error {
  const err = e instanceof Error ? e : new Error(String(e));
  err.message = `${where}: ${err.message}`;
  return err;
}

class AbortedError extends Error {}
class ConnectTimeoutError extends Error {}

/** One request on one connection (or two, when a stale keep-alive connection is replaced). */
class Exchange implements H1Handle {
  aborted = false;
  onAbortConnect: (() => void) | undefined;
  readonly #pool: H1Pool;
  readonly #req: H1Request;
  readonly #h: H1Handlers;
  #socket: Socket | undefined;
  #finished = false;
  // Parser state.
  #state: State = S.Head;
  #head: Uint8Array = new Uint8Array(0);
  #remaining = 0;
  #chunkSize = 0;
  #chunkDigits = 0;
  #trailerLineLen = 0;
  #keepAlive = true;
  #gotBytes = false;
  // Read timeout: one timer that re-arms itself from the time of the last byte.
  #lastByte = 0;
  #readTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(pool: H1Pool, req: H1Request, handlers: H1Handlers) {
    this.#pool = pool;
    this.#req = req;
    this.#h = handlers;
  }

  start(): void {
    this.#run(false).catch((e) => this.#fail(classify(e, this.#req.url)));
  }

  /** Sends the request anew on a fresh connection: the reused one had been closed by the server
   * before any byte of an answer came, so the server never took the request. */
  #retryFresh(): Promise<void> {
    return this.#run(true);
  }

  abort(): void {
    if (this.aborted || this.#finished) return;
    this.aborted = true;
    this.#finished = true;
    this.#stopReadTimer();
    this.onAbortConnect?.();
    if (this.#socket) this.#pool.discard(this.#socket);
  }

  async #run(isRetry: boolean): Promise<void> {
    let got: { socket: Socket; reused: boolean };
    const start = performance.now();
    try {
      got = await this.#pool.acquire(this.#req.url, this, isRetry);
    } catch (e) {
      if (e instanceof AbortedError || this.aborted) return;
      if (e instanceof ConnectTimeoutError) {
        return this.#fail({ kind: "timeout", message: e.message, inBody: false });
      }
      return this.#fail(classify(e, this.#req.url));
    }
    if (this.aborted) return this.#pool.release(got.socket);
    const socket = got.socket;
    this.#socket = socket;
    this.#resetParser();
    this.#h.onConnection?.({
      reused: got.reused,
      start,
      connectMs: got.reused ? 0 : socket.connectMs,
      retry: isRetry,
    });
    try {
      await writeAll(socket.conn, this.#requestBytes(socket.forwardProxyAuth));
    } catch (e) {
      if (this.aborted) return;
      this.#pool.discard(socket);
      if (got.reused && !isRetry) return this.#retryFresh();
      return this.#fail(classify(e, this.#req.url));
    }
    if (this.aborted) return;
    this.#h.onWritten(performance.now());
    this.#armReadTimer();
    const buf = socket.buf;
    for (;;) {
      let n: number | null;
      try {
        // The read that waited while the connection was idle comes first.
        const pending = socket.pending;
        socket.pending = null;
        n = await (pending ?? socket.conn.read(buf));
      } catch (e) {
        if (this.aborted || this.#finished) return;
        this.#pool.discard(socket);
        if (got.reused && !isRetry && !this.#gotBytes) return this.#retryFresh();
        return this.#fail({ ...classify(e, this.#req.url), inBody: this.#state !== S.Head });
      }
      if (this.aborted || this.#finished) return;
      if (n === null) {
        if (this.#state === S.UntilClose) {
          this.#pool.discard(socket);
          return this.#end(performance.now());
        }
        this.#pool.discard(socket);
        if (got.reused && !isRetry && !this.#gotBytes) return this.#retryFresh();
        return this.#fail(
          {
            kind: "network",
            message: this.#gotBytes
              ? `${this.#req.url.host}: the server closed the connection before the response ended`
              : `${this.#req.url.host}: the server closed the connection without answering`,
            inBody: this.#state !== S.Head,
          },
        );
      }
      const now = performance.now();
      this.#lastByte = now;
      this.#gotBytes = true;
      let err: string | null;
      try {
        err = this.#parse(buf, n, now);
      } catch (e) {
        // A handler threw: the caller's bug, but the connection is in an unknown state.
        this.#pool.discard(socket);
        throw e;
      }
      if (this.#finished) return;
      if (err !== null) {
        this.#pool.discard(socket);
        return this.#fail(
          {
            kind: "network",
            message: `${this.#req.url.host}: ${err}`,
            inBody: this.#state !== S.Head,
          },
        );
      }
      if (this.#state === S.Done) {
        if (this.#keepAlive) this.#pool.release(socket);
        else this.#pool.discard(socket);
        return this.#end(now);
      }
    }
  }

  #requestBytes(forwardProxyAuth: string | null): Uint8Array {
    const r = this.#req;
    const target = forwardProxyAuth === null
      ? `${r.url.pathname}${r.url.search}`
      : `${r.url.protocol}//${r.url.host}${r.url.pathname}${r.url.search}`;
    let head = `${r.method} ${target} HTTP/1.1\r\nhost: ${r.url.host}\r\n`;
    if (forwardProxyAuth) head += `proxy-authorization: ${forwardProxyAuth}\r\n`;
    for (const [k, v] of Object.entries(r.headers)) {
      if (k === "host" || k === "content-length" || k === "connection") continue;
      head += `${k}: ${v}\r\n`;
    }
    if (r.body !== null) head += `content-length: ${r.body.length}\r\n`;
    head += "connection: keep-alive\r\n\r\n";
    const h = encoder.encode(head);
    if (r.body === null || r.body.length === 0) return h;
    const out = new Uint8Array(h.length + r.body.length);
    out.set(h, 0);
    out.set(r.body, h.length);
    return out;
  }

  #resetParser(): void {
    this.#state = S.Head;
    this.#head = new Uint8Array(0);
    this.#gotBytes = false;
    this.#keepAlive = true;
  }

  /** Consumes `n` bytes of `buf`; returns an error message for a malformed response. */
  #parse(buf: Uint8Array, n: number, now: number): string | null {
    let i = 0;
    while (i < n) {
      switch (this.#state) {
        case S.Head: {
          const prev = this.#head.length;
          const joined = new Uint8Array(prev + (n - i));
          joined.set(this.#head, 0);
          joined.set(buf.subarray(i, n), prev);
          const end = headEnd(joined, Math.max(0, prev - 3));
          if (end < 0) {
            if (joined.length > MAX_HEAD_BYTES) return "response headers longer than 64 KiB";
            this.#head = joined;
            return null;
          }
          i += end - prev;
          this.#head = new Uint8Array(0);
          const err = this.#onHead(joined.subarray(0, end), now);
          if (err !== null) return err;
          if (this.#finished) return null;
          break;
        }
        case S.Length:
        case S.ChunkData: {
          // `remaining` bytes of a sized body or of one chunk.
          const take = Math.min(this.#remaining, n - i);
          this.#h.onBody(buf.subarray(i, i + take), now);
          if (this.#finished) return null;
          i += take;
          this.#remaining -= take;
          if (this.#remaining === 0) {
            this.#state = this.#state === S.Length ? S.Done : S.ChunkDataEnd;
          }
          break;
        }
        case S.UntilClose:
          this.#h.onBody(buf.subarray(i, n), now);
          return null;
        case S.ChunkSize: {
          const c = buf[i++];
          const d = hexDigit(c);
          if (d >= 0) {
            if (++this.#chunkDigits > 12) return "chunk size too large";
            this.#chunkSize = this.#chunkSize * 16 + d;
          } else if (c === LF) {
            if (this.#chunkDigits === 0) return "malformed chunk size line";
            this.#startChunk();
          } else if (c === CR || c === 32 || c === 9) {
            // whitespace before the line end
          } else if (c === 59 /* ; */) {
            this.#state = S.ChunkExt;
          } else {
            return "malformed chunked encoding";
          }
          break;
        }
        case S.ChunkExt:
          if (buf[i++] === LF) {
            if (this.#chunkDigits === 0) return "malformed chunk size line";
            this.#startChunk();
          }
          break;
        case S.ChunkDataEnd: {
          const c = buf[i++];
          if (c === LF) {
            this.#state = S.ChunkSize;
            this.#chunkSize = 0;
            this.#chunkDigits = 0;
          } else if (c !== CR) {
            return "chunk data longer than its declared size";
          }
          break;
        }
        case S.Trailers: {
          const c = buf[i++];
          if (c === LF) {
            if (this.#trailerLineLen === 0) this.#state = S.Done;
            this.#trailerLineLen = 0;
          } else if (c !== CR) {
            this.#trailerLineLen++;
          }
          break;
        }
        case S.Done:
          // Bytes after a complete response: not something we asked for.
          this.#keepAlive = false;
          return null;
      }
    }
    return null;
  }

  #startChunk(): void {
    if (this.#chunkSize === 0) {
      this.#state = S.Trailers;
      this.#trailerLineLen = 0;
    } else {
      this.#state = S.ChunkData;
      this.#remaining = this.#chunkSize;
    }
  }

  #onHead(bytes: Uint8Array, now: number): string | null {
    const lines = latin1.decode(bytes).split(/\r?\n/);
    const m = /^HTTP\/1\.([01]) (\d{3})/.exec(lines[0]);
    if (!m) return `not an HTTP/1.x response (${JSON.stringify(lines[0].slice(0, 40))})`;
    const status = Number(m[2]);
    if (status >= 100 && status < 200 && status !== 101) {
      this.#state = S.Head; // 100 Continue, 103 Early Hints: the real answer follows
      return null;
    }
    const headers: Record<string, string> = {};
    for (let k = 1; k < lines.length; k++) {
      const line = lines[k];
      const colon = line.indexOf(":");
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
    const conn = (headers["connection"] ?? "").toLowerCase();
    this.#keepAlive = m[1] === "1" ? !conn.includes("close") : conn.includes("keep-alive");
    const te = (headers["transfer-encoding"] ?? "").toLowerCase();
    this.#h.onHead(status, headers, now);
    if (this.#finished) return null;
    if (status === 204 || status === 304) {
      this.#state = S.Done;
    } else if (te.includes("chunked")) {
      this.#state = S.ChunkSize;
      this.#chunkSize = 0;
      this.#chunkDigits = 0;
    } else if (headers["content-length"] !== undefined) {
      const len = Number(headers["content-length"]);
      if (!Number.isSafeInteger(len) || len < 0) return "invalid content-length";
      this.#remaining = len;
      this.#state = len === 0 ? S.Done : S.Length;
    } else {
      this.#state = S.UntilClose;
      this.#keepAlive = false;
    }
    return null;
  }

  #armReadTimer(): void {
    const ms = this.#req.readTimeoutMs;
    if (!ms || ms <= 0) return;
    this.#lastByte = performance.now();
    const check = () => {
      if (this.#finished) return;
      const idle = performance.now() - this.#lastByte;
      if (idle >= ms) {
        if (this.#socket) this.#pool.discard(this.#socket);
        return this.#fail({
          kind: "timeout",
          message: `no data from the server for ${ms} ms (read timeout)`,
          inBody: this.#state !== S.Head,
        });
      }
      this.#readTimer = setTimeout(check, ms - idle);
    };
    this.#readTimer = setTimeout(check, ms);
  }

  #stopReadTimer(): void {
    if (this.#readTimer !== undefined) clearTimeout(this.#readTimer);
    this.#readTimer = undefined;
  }

  #end(now: number): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#stopReadTimer();
    this.#h.onEnd(now);
  }

  #fail(f: H1Failure): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#stopReadTimer();
    this.#h.onFail(f);
  }
}

function originKey(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Index just past the blank line that ends the head, or -1. Accepts CRLF and bare LF. */
function headEnd(b: Uint8Array, from: number): number {
  for (let i = from; i < b.length; i++) {
    if (b[i] !== LF) continue;
    if (i + 1 < b.length && b[i + 1] === LF) return i + 2;
    if (i + 2 < b.length && b[i + 1] === CR && b[i + 2] === LF) return i + 3;
  }
  return -1;
}

async function writeAll(conn: Deno.Conn | Deno.TlsConn, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await conn.write(bytes.subarray(off));
}

function classify(e: unknown, url: URL): H1Failure {
  const err = e as Error;
  const name = err?.name ?? "";
  const msg = String(err?.message ?? e);
  if (/NotCapable|PermissionDenied/.test(name) || /Requires net access/.test(msg)) {
    return {
      kind: "permission",
      message:
        `this run may only reach the hosts it targets (${msg}). Pass the host in --url/--api-url, or run with a wider scope`,
      inBody: false,
    };
  }
  const hint = /certificate|UnknownIssuer/i.test(msg)
    ? " (a private CA or self-signed certificate? Point DENO_CERT at its PEM file)"
    : "";
  return { kind: "network", message: `${url.host}: ${msg}${hint}`, inBody: false };
}
