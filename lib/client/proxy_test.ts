import assert from "node:assert/strict";
import { buildScope } from "../jobs/scope.ts";
import { HttpClient } from "./http_client.ts";
import { isLoopback, parseProxy, proxyAuthorization, proxyFor } from "./proxy.ts";
import { NO_RETRY } from "./retry.ts";
import { makeCerts } from "./test_certs.ts";

const env = (vars: Record<string, string>) => (name: string) => vars[name];
const u = (s: string) => new URL(s);

Deno.test("proxyFor() reads HTTPS_PROXY/HTTP_PROXY/ALL_PROXY, lower case first, and never proxies loopback", () => {
  const e = env({ HTTPS_PROXY: "http://upper:3128", https_proxy: "http://lower:3128" });
  assert.equal(proxyFor(u("https://api.example.com/v1"), e)?.host, "lower:3128");
  assert.equal(proxyFor(u("http://api.example.com/v1"), e), null, "http targets use HTTP_PROXY");
  assert.equal(
    proxyFor(u("http://api.example.com/v1"), env({ ALL_PROXY: "proxy:8080" }))?.href,
    "http://proxy:8080/",
  );
  for (
    const local of [
      "http://127.0.0.1:8000",
      "http://localhost:1",
      "http://[::1]:9",
      "http://a.localhost",
    ]
  ) {
    assert.equal(proxyFor(u(local), env({ HTTP_PROXY: "http://p:1" })), null, local);
  }
  assert.ok(isLoopback("127.3.4.5"));
  assert.ok(!isLoopback("128.0.0.1"));
});

Deno.test("proxyFor() honours NO_PROXY: *, exact hosts, domain suffixes and host:port", () => {
  const with_ = (noProxy: string) =>
    env({ HTTPS_PROXY: "http://p:3128", HTTP_PROXY: "http://p:3128", NO_PROXY: noProxy });
  assert.equal(proxyFor(u("https://a.example.com"), with_("*")), null);
  assert.equal(proxyFor(u("https://a.example.com"), with_("example.com")), null);
  assert.equal(proxyFor(u("https://a.example.com"), with_(".example.com")), null);
  assert.equal(proxyFor(u("https://a.example.com"), with_("*.example.com")), null);
  assert.equal(proxyFor(u("https://example.com"), with_(".example.com")), null);
  assert.notEqual(proxyFor(u("https://notexample.com"), with_("example.com")), null);
  assert.equal(proxyFor(u("http://10.0.0.5:8000"), with_("other, 10.0.0.5:8000")), null);
  assert.notEqual(proxyFor(u("http://10.0.0.5:9000"), with_("10.0.0.5:8000")), null);
  assert.equal(proxyFor(u("http://[fd00::5]:8000"), with_("[fd00::5]:8000")), null);
  assert.notEqual(proxyFor(u("http://[fd00::5]:9000"), with_("[fd00::5]:8000")), null);
  assert.equal(proxyFor(u("http://[fd00::5]:9000"), with_("fd00::5")), null);
});

Deno.test("parseProxy() refuses non-http proxies and bad URLs with what to do, credentials hidden", () => {
  assert.throws(() => parseProxy("socks5://user:secret@p:1080"), (e: Error) => {
    assert.match(e.message, /socks5:\/\/ are not supported/);
    assert.ok(!e.message.includes("secret"));
    return true;
  });
  assert.throws(() => parseProxy("http://[bad"), /not a valid URL/);
  assert.equal(
    proxyAuthorization(parseProxy("http://al%40ice:p%3Ass@p:1")),
    `Basic ${btoa("al@ice:p:ss")}`,
  );
  assert.equal(proxyAuthorization(parseProxy("http://p:1")), null);
});

Deno.test("buildScope() lets a job reach the proxy its targets go through", () => {
  const s = buildScope(
    { urls: ["https://api.example.com/v1/chat/completions", "http://127.0.0.1:8801/v1"] },
    env({ HTTPS_PROXY: "http://proxy.corp:3128" }),
  );
  assert.deepEqual(s.net.sort(), ["127.0.0.1:8801", "api.example.com:443", "proxy.corp:3128"]);
});

/** A tiny HTTP proxy: CONNECT tunnels, and absolute-form requests answered by itself. */
function startProxy(refuse?: number): { port: number; seen: string[]; close: () => void } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const seen: string[] = [];
  const dec = new TextDecoder();
  const enc = new TextEncoder();
  (async () => {
    for await (const conn of listener) {
      (async () => {
        const buf = new Uint8Array(65536);
        let head = "";
        while (!head.includes("\r\n\r\n")) {
          const n = await conn.read(buf);
          if (n === null) return conn.close();
          head += dec.decode(buf.subarray(0, n));
        }
        const first = head.split("\r\n")[0];
        const auth = /proxy-authorization: (.*)\r\n/i.exec(head)?.[1] ?? "";
        seen.push(`${first} | ${auth}`);
        const connect = /^CONNECT (\S+):(\d+) /.exec(first);
        if (connect && refuse) {
          await conn.write(enc.encode(`HTTP/1.1 ${refuse} No\r\ncontent-length: 0\r\n\r\n`));
          return conn.close();
        }
        if (connect) {
          const upstream = await Deno.connect({ hostname: connect[1], port: Number(connect[2]) });
          await conn.write(enc.encode("HTTP/1.1 200 Connection established\r\n\r\n"));
          await Promise.all([
            conn.readable.pipeTo(upstream.writable).catch(() => {}),
            upstream.readable.pipeTo(conn.writable).catch(() => {}),
          ]);
          return;
        }
        const body = JSON.stringify({ choices: [{ message: { content: `via proxy: ${first}` } }] });
        await conn.write(
          enc.encode(
            `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
          ),
        );
        conn.close();
      })().catch(() => {});
    }
  })().catch(() => {});
  return { port: (listener.addr as Deno.NetAddr).port, seen, close: () => listener.close() };
}

Deno.test("HttpClient sends plain-HTTP requests to a forward proxy in absolute form, with credentials", async () => {
  const proxy = startProxy();
  const client = new HttpClient({
    retry: NO_RETRY,
    proxy: () => parseProxy(`http://bob:pw@127.0.0.1:${proxy.port}`),
  });
  try {
    const r = await client.post("http://models.internal:8000/v1/chat/completions", {});
    assert.equal(r.outcome, "success", r.error);
    assert.equal(
      r.text,
      "via proxy: POST http://models.internal:8000/v1/chat/completions HTTP/1.1",
    );
    assert.deepEqual(proxy.seen, [
      `POST http://models.internal:8000/v1/chat/completions HTTP/1.1 | Basic ${btoa("bob:pw")}`,
    ]);
  } finally {
    client.close();
    proxy.close();
  }
});

const certs = await makeCerts();

Deno.test({
  name: certs
    ? "HttpClient tunnels HTTPS through the proxy with CONNECT; a refusing proxy is a clear error"
    : "SKIP HTTPS through a proxy: openssl is not installed (apt-get install openssl)",
  ignore: certs === null,
  fn: proxyTunnel,
});

/** The tunnel check (certs exist whenever the test is not ignored). */
async function proxyTunnel() {
  if (certs === null) throw new Error("unreachable: ignored without openssl");
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, cert: certs.cert, key: certs.key, onListen() {} },
    () =>
      new Response('data: {"choices":[{"delta":{"content":"tunnelled"}}]}\n\ndata: [DONE]\n\n', {
        headers: { "content-type": "text/event-stream" },
      }),
  );
  const proxy = startProxy();
  const client = new HttpClient({
    retry: NO_RETRY,
    caCerts: [certs.ca],
    proxy: () => parseProxy(`http://127.0.0.1:${proxy.port}`),
  });
  const refusing = startProxy(407);
  const refused = new HttpClient({
    retry: NO_RETRY,
    proxy: () => parseProxy(`http://127.0.0.1:${refusing.port}`),
  });
  try {
    const r = await client.post(`https://127.0.0.1:${server.addr.port}/v1/chat/completions`, {});
    assert.equal(r.outcome, "success", r.error);
    assert.equal(r.text, "tunnelled");
    assert.deepEqual(proxy.seen, [`CONNECT 127.0.0.1:${server.addr.port} HTTP/1.1 | `]);
    const bad = await refused.post("https://api.example.com/v1/chat/completions", {});
    assert.equal(bad.errorKind, "network");
    assert.match(
      bad.error!,
      /refused to open a tunnel to api\.example\.com:443 \(HTTP 407: it wants credentials/,
    );
  } finally {
    client.close();
    refused.close();
    proxy.close();
    await server.shutdown();
    refusing.close();
  }
}

Deno.test("lmeter perf warns when the environment sends its requests through a proxy", async () => {
  const { buildPerfConfig } = await import("../load/config.ts");
  const { PERF_DATASETS: datasets } = await import("../../perf/mod.ts");
  const { PERF_OPTIONS } = await import("../load/options.ts");
  const { parseOptions } = await import("../config/schema.ts");
  const values = (url: string) =>
    parseOptions({ name: "perf", summary: "", usage: "", options: PERF_OPTIONS }, [
      "--url",
      url,
      "--model",
      "m",
      "--prompt",
      "hi",
      "--outputs-dir",
      "/tmp/lmeter-proxy-test-unused",
    ]).values;
  const before = Deno.env.get("HTTP_PROXY");
  Deno.env.set("HTTP_PROXY", "http://proxy.corp:3128");
  try {
    const remote = await buildPerfConfig(values("http://gpu-node-7:8000/v1/chat/completions"), {
      datasets,
    });
    assert.ok(
      remote.warnings.some((w) =>
        w.includes("go through the proxy proxy.corp:3128") && w.includes("NO_PROXY=gpu-node-7")
      ),
      remote.warnings.join("\n"),
    );
    const local = await buildPerfConfig(values("http://127.0.0.1:8000/v1/chat/completions"), {
      datasets,
    });
    assert.ok(!local.warnings.some((w) => w.includes("proxy")));
  } finally {
    if (before === undefined) Deno.env.delete("HTTP_PROXY");
    else Deno.env.set("HTTP_PROXY", before);
  }
});
