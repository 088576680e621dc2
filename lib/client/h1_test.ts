import assert from "node:assert/strict";
import { type ConnectionInfo, type H1Failure, H1Pool, type H1Request } from "./h1.ts";
import { makeCerts } from "./test_certs.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A raw TCP server: `script` gets each accepted connection and the request head it read. */
function rawServer(
  script: (conn: Deno.Conn, request: string, nth: number) => Promise<void>,
): { url: URL; accepted: () => number; maxOpen: () => number; close: () => void } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let accepted = 0;
  let open = 0;
  let maxOpen = 0;
  (async () => {
    for await (const conn of listener) {
      accepted++;
      open++;
      maxOpen = Math.max(maxOpen, open);
      (async () => {
        const buf = new Uint8Array(65536);
        let nth = 0;
        try {
          for (;;) {
            let text = "";
            while (!/\r\n\r\n/.test(text)) {
              const n = await conn.read(buf);
              if (n === null) return;
              text += dec.decode(buf.subarray(0, n));
            }
            const len = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? 0);
            while (enc.encode(text).length < text.indexOf("\r\n\r\n") + 4 + len) {
              const n = await conn.read(buf);
              if (n === null) return;
              text += dec.decode(buf.subarray(0, n));
            }
            await script(conn, text, ++nth);
          }
        } catch {
          /* the script closed the connection */
        } finally {
          open--;
          try {
            conn.close();
          } catch { /* closed */ }
        }
      })();
    }
  })().catch(() => {});
  const port = (listener.addr as Deno.NetAddr).port;
  return {
    url: new URL(`http://127.0.0.1:${port}/v1/x?y=1`),
    accepted: () => accepted,
    maxOpen: () => maxOpen,
    close: () => listener.close(),
  };
}

interface Outcome {
  status: number | null;
  headers: Record<string, string>;
  body: string;
  failure: H1Failure | null;
  calls: string[];
}

function send(
  pool: H1Pool,
  url: URL,
  extra: Partial<H1Request> = {},
  onConnection?: (info: ConnectionInfo) => void,
): { done: Promise<Outcome>; abort: () => void } {
  const out: Outcome = { status: null, headers: {}, body: "", failure: null, calls: [] };
  const parts: Uint8Array[] = [];
  let handle: { abort(): void } | undefined;
  const done = new Promise<Outcome>((resolve) => {
    handle = pool.request({
      url,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: enc.encode('{"a":1}'),
      ...extra,
    }, {
      onConnection,
      onWritten: () => out.calls.push("written"),
      onHead: (status, headers) => {
        out.calls.push("head");
        out.status = status;
        out.headers = headers;
      },
      onBody: (bytes) => {
        out.calls.push("body");
        parts.push(bytes.slice());
      },
      onEnd: () => {
        out.calls.push("end");
        out.body = dec.decode(concat(parts));
        resolve(out);
      },
      onFail: (f) => {
        out.calls.push("fail");
        out.failure = f;
        out.body = dec.decode(concat(parts));
        resolve(out);
      },
    });
  });
  return { done, abort: () => handle!.abort() };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes `text` one piece at a time with a pause between, so the client sees every split. */
async function writeSplit(conn: Deno.Conn, text: string, pieces: number[]): Promise<void> {
  const bytes = enc.encode(text);
  let off = 0;
  for (const n of [...pieces, bytes.length]) {
    if (off >= bytes.length) break;
    await conn.write(bytes.subarray(off, Math.min(bytes.length, off + n)));
    off += n;
    await sleep(2);
  }
}

Deno.test("h1: sends method, path, host, content-length and the body", async () => {
  let seen = "";
  const s = rawServer(async (conn, req) => {
    seen = req;
    await conn.write(enc.encode("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"));
  });
  const pool = new H1Pool({ connectTimeoutMs: 2000 });
  try {
    const r = await send(pool, s.url).done;
    assert.equal(r.status, 200);
    assert.equal(r.body, "ok");
    assert.match(seen, /^POST \/v1\/x\?y=1 HTTP\/1\.1\r\n/);
    assert.match(seen, new RegExp(`\r\nhost: 127\\.0\\.0\\.1:${s.url.port}\r\n`));
    assert.match(seen, /\r\ncontent-length: 7\r\n/);
    assert.ok(seen.endsWith('\r\n\r\n{"a":1}'));
    assert.deepEqual(r.calls.filter((c) => c !== "body"), ["written", "head", "end"]);
  } finally {
    pool.close();
    s.close();
  }
});

Deno.test("h1: a chunked body split at every byte, with extensions, trailers and multi-byte UTF-8, arrives whole", async () => {
  const payload = ["data: héllo 🌍\n\n", "data: [DONE]\n\n"];
  const chunked = payload.map((p) => `${enc.encode(p).length.toString(16)};ext=1\r\n${p}\r\n`)
    .join("");
  const response =
    `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/event-stream\r\nX-Two: a\r\nx-two: b\r\n\r\n${chunked}0\r\nx-trailer: t\r\n\r\n`;
  const s = rawServer(async (conn) => {
    await writeSplit(conn, response, Array(enc.encode(response).length).fill(1));
  });
  const pool = new H1Pool({ connectTimeoutMs: 2000 });
  try {
    const r = await send(pool, s.url).done;
    assert.equal(r.failure, null);
    assert.equal(r.body, payload.join(""));
    assert.equal(r.headers["content-type"], "text/event-stream");
    assert.equal(r.headers["x-two"], "a, b");
    // Reused afterwards: the framing ended exactly at the trailer's blank line.
    const r2 = await send(pool, s.url).done;
    assert.equal(r2.body, payload.join(""));
    assert.equal(s.accepted(), 1);
  } finally {
    pool.close();
    s.close();
  }
});

Deno.test("h1: keep-alive reuses one connection; 'connection: close' and close-delimited bodies do not", async () => {
  const s = rawServer(async (conn, req) => {
    if (req.includes("/close")) {
      await conn.write(
        enc.encode("HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 1\r\n\r\nc"),
      );
      conn.close();
    } else if (req.includes("/eof")) {
      await conn.write(enc.encode("HTTP/1.0 200 OK\r\n\r\nuntil the end"));
      conn.close();
    } else {
      await conn.write(enc.encode("HTTP/1.1 200 OK\r\ncontent-length: 1\r\n\r\nk"));
    }
  });
  const pool = new H1Pool({ connectTimeoutMs: 2000 });
  const at = (path: string) => new URL(path, s.url);
  try {
    for (let i = 0; i < 3; i++) assert.equal((await send(pool, at("/keep")).done).body, "k");
    assert.equal(s.accepted(), 1);
    assert.equal((await send(pool, at("/close")).done).body, "c");
    assert.equal((await send(pool, at("/keep")).done).body, "k");
    assert.equal(s.accepted(), 2, "the connection after 'connection: close' is new");
    const eof = await send(pool, at("/eof")).done;
    assert.equal(eof.failure, null);
    assert.equal(eof.body, "until the end");
    assert.equal((await send(pool, at("/keep")).done).body, "k");
    assert.equal(s.accepted(), 3, "a close-delimited body ends its connection");
  } finally {
    pool.close();
    s.close();
  }
});

Deno.test("h1: a keep-alive connection the server closed while idle is replaced without an error", async () => {
  const s = rawServer(async (conn) => {
    // Answers as if keeping the connection, then drops it (an idle timeout, a restart).
    await conn.write(enc.encode("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"));
    await sleep(5);
    conn.close();
  });
  const pool = new H1Pool({ connectTimeoutMs: 2000 });
  try {
    assert.equal((await send(pool, s.url).done).body, "ok");
    await sleep(50);
    const r = await send(pool, s.url).done;
    assert.equal(r.failure, null);
    assert.equal(r.body, "ok");
    assert.equal(s.accepted(), 2);
  } finally {
    pool.close();
    s.close();
  }
});

Deno.test("h1: connections a server closed after its answer are never reused, however many sit idle", async () => {
  // llama-server: it keeps no connection after a streamed answer and does not say so.
  const s = rawServer(async (conn) => {
    await conn.write(
      enc.encode("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"),
    );
    conn.close();
  });
  const pool = new H1Pool({ connectTimeoutMs: 2000 });
  try {
    const first = await Promise.all([1, 2, 3].map(() => send(pool, s.url).done));
    assert.deepEqual(first.map((r) => r.body), ["ok", "ok", "ok"]);
    await sleep(30); // the three closes have arrived
    const infos: ConnectionInfo[] = [];
    const r = await send(pool, s.url, {}, (i) => infos.push(i)).done;
    assert.equal(r.failure, null);
    assert.equal(r.body, "ok");
    assert.equal(infos.length, 1, "no attempt was made on a closed connection");
    assert.equal(infos[0].reused, false);
    assert.equal(infos[0].retry, false);
    assert.ok(infos[0].connectMs > 0);
    assert.equal(s.accepted(), 4);
  } finally {
    pool.close();
    s.close();
  }
});

Deno.test("h1: a request written on a connection closed under it is sent again on a fresh one, reported as a retry", async () => {
  // The server answers, keeps the connection a moment, then closes it just as the next request
  // is written: the retry must take a new connection even while other idle ones are stale.
  let n = 0;
  const s = rawServer(async (conn, _req) => {
    n++;
    await conn.write(enc.encode("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"));
    if (n <= 2) {
      // Read the next request, then close without answering it.
      await conn.read(new Uint8Array(4096));
      conn.close();
    }
  });
  const pool = new H1Pool({ connectTimeoutMs: 2000 });
  try {
    await Promise.all([1, 2].map(() => send(pool, s.url).done));
    const infos: ConnectionInfo[] = [];
    const r = await send(pool, s.url, {}, (i) => infos.push(i)).done;
    assert.equal(r.failure, null);
    assert.equal(r.body, "ok");
    assert.deepEqual(infos.map((i) => [i.reused, i.retry]), [[true, false], [false, true]]);
  } finally {
    pool.close();
    s.close();
  }
});

Deno.test("h1: 100 Continue is skipped; 204 has no body", async () => {
  const s = rawServer(async (conn, req) => {
    if (req.includes("/nc")) {
      await conn.write(enc.encode("HTTP/1.1 204 No Content\r\n\r\n"));
    } else {
      await writeSplit(
        conn,
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\ncontent-length: 3\r\n\r\nyes",
        [10, 20],
      );
    }
  });
  const pool = new H1Pool({ connectTimeoutMs: 2000 });
  try {
    const r = await send(pool, s.url).done;
    assert.equal(r.status, 201);
    assert.equal(r.body, "yes");
    const nc = await send(pool, new URL("/nc", s.url)).done;
    assert.equal(nc.status, 204);
    assert.equal(nc.body, "");
    assert.deepEqual(nc.calls, ["written", "head", "end"]);
  } finally {
    pool.close();
    s.close();
  }
});

Deno.test("h1: a body cut short, a malformed chunk and a silent server are failures that say so", async () => {
  const s = rawServer(async (conn, req) => {
    if (req.includes("/cut")) {
      await conn.write(enc.encode("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial"));
      conn.close();
    } else if (req.includes("/bad")) {
      await conn.write(enc.encode("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n"));
    } else if (req.includes("/long")) {
      // A chunk that declares 3 bytes and carries 5: the framing is lost, not the body extended.
      await conn.write(
        enc.encode("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabcde\r\n0\r\n\r\n"),
      );
    } else if (req.includes("/stall")) {
      await conn.write(
        enc.encode("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n"),
      );
      await sleep(1000);
    } else {
      conn.close();
    }
  });
  const pool = new H1Pool({ connectTimeoutMs: 2000 });
  try {
    const cut = await send(pool, new URL("/cut", s.url)).done;
    assert.equal(cut.failure?.kind, "network");
    assert.equal(cut.failure?.inBody, true);
    assert.match(cut.failure!.message, /closed the connection before the response ended/);
    assert.equal(cut.body, "partial");

    const bad = await send(pool, new URL("/bad", s.url)).done;
    assert.equal(bad.failure?.kind, "network");
    assert.match(bad.failure!.message, /malformed chunked encoding/);

    const long = await send(pool, new URL("/long", s.url)).done;
    assert.equal(long.failure?.kind, "network");
    assert.match(long.failure!.message, /chunk data longer than its declared size/);

    const stall = await send(pool, new URL("/stall", s.url), { readTimeoutMs: 150 }).done;
    assert.equal(stall.failure?.kind, "timeout");
    assert.equal(stall.failure?.inBody, true);
    assert.match(stall.failure!.message, /no data from the server for 150 ms/);
    assert.equal(stall.body, "abc");

    const none = await send(pool, new URL("/none", s.url)).done;
    assert.equal(none.failure?.kind, "network");
    assert.equal(none.failure?.inBody, false);
    assert.match(none.failure!.message, /without answering/);
  } finally {
    pool.close();
    s.close();
  }
});

Deno.test("h1: a refused connection is a network failure naming the host", async () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  const pool = new H1Pool({ connectTimeoutMs: 2000 });
  const r = await send(pool, new URL(`http://127.0.0.1:${port}/`)).done;
  assert.equal(r.failure?.kind, "network");
  assert.match(r.failure!.message, new RegExp(`^127\\.0\\.0\\.1:${port}: `));
  assert.deepEqual(r.calls, ["fail"]);
  pool.close();
});

Deno.test("h1: maxSockets caps open connections; queued requests all complete", async () => {
  const s = rawServer(async (conn) => {
    await sleep(30);
    await conn.write(enc.encode("HTTP/1.1 200 OK\r\ncontent-length: 1\r\n\r\nq"));
  });
  const pool = new H1Pool({ connectTimeoutMs: 2000, maxSockets: 2 });
  try {
    const rs = await Promise.all(Array.from({ length: 7 }, () => send(pool, s.url).done));
    assert.deepEqual(rs.map((r) => r.body), Array(7).fill("q"));
    assert.equal(s.maxOpen(), 2);
    assert.equal(s.accepted(), 2);
  } finally {
    pool.close();
    s.close();
  }
});

Deno.test("h1: abort mid-body stops the callbacks and closes the connection", async () => {
  let serverSawClose = false;
  const s = rawServer(async (conn) => {
    await conn.write(enc.encode("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n1\r\na\r\n"));
    try {
      for (let i = 0; i < 100; i++) {
        await sleep(10);
        await conn.write(enc.encode("1\r\nb\r\n"));
      }
    } catch {
      serverSawClose = true;
      throw new Error("closed");
    }
  });
  const pool = new H1Pool({ connectTimeoutMs: 2000 });
  try {
    const req = send(pool, s.url);
    let settled = false;
    req.done.then(() => (settled = true));
    await sleep(60);
    req.abort();
    await sleep(100);
    assert.equal(settled, false, "no onEnd/onFail after abort");
    assert.ok(serverSawClose, "the server's writes failed: the socket was closed");
  } finally {
    pool.close();
    s.close();
  }
});

Deno.test("h1: abort while connecting closes the new connection once and never throws", async () => {
  const s = rawServer(async (conn) => {
    await conn.write(enc.encode("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"));
  });
  const pool = new H1Pool({ connectTimeoutMs: 2000 });
  try {
    // Abort each request before its connect resolves: the abort hook and the connect path both
    // see the new connection, and closing it twice used to throw BadResource in a promise.
    for (let i = 0; i < 20; i++) send(pool, s.url).abort();
    await sleep(100);
    const after = await send(pool, s.url).done;
    assert.equal(after.status, 200, "the pool still works");
  } finally {
    pool.close();
    s.close();
  }
});

const certs = await makeCerts();

Deno.test({
  name: certs
    ? "h1: https streams over TLS with a trusted CA and refuses an untrusted certificate"
    : "SKIP h1 over TLS: openssl is not installed (apt-get install openssl)",
  ignore: certs === null, // openssl is part of Debian's base system; only a stripped image lacks it
  async fn() {
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, cert: certs!.cert, key: certs!.key, onListen() {} },
      () =>
        new Response("data: {}\n\ndata: [DONE]\n\n", {
          headers: { "content-type": "text/event-stream" },
        }),
    );
    const url = new URL(`https://127.0.0.1:${server.addr.port}/v1/chat/completions`);
    const trusted = new H1Pool({ connectTimeoutMs: 5000, caCerts: [certs!.ca] });
    const untrusted = new H1Pool({ connectTimeoutMs: 5000 });
    try {
      const ok = await send(trusted, url).done;
      assert.equal(ok.failure, null);
      assert.equal(ok.status, 200);
      assert.equal(ok.body, "data: {}\n\ndata: [DONE]\n\n");
      assert.equal((await send(trusted, url).done).status, 200);
      const bad = await send(untrusted, url).done;
      assert.equal(bad.failure?.kind, "network");
      assert.match(bad.failure!.message, /certificate|UnknownIssuer|invalid peer/i);
      assert.match(bad.failure!.message, /Point DENO_CERT at its PEM file/);
    } finally {
      trusted.close();
      untrusted.close();
      await server.shutdown();
    }
  },
});
