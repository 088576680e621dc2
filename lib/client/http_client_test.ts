import assert from "node:assert/strict";
import { HttpClient } from "./http_client.ts";
import { NO_RETRY } from "./retry.ts";

type Handler = (req: Request, n: number) => Response | Promise<Response>;

/** A tiny server whose handler sees the request count; closed by the returned function. */
function serve(handler: Handler): { url: string; close: () => Promise<void>; count: () => number } {
  let n = 0;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => handler(req, ++n),
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}/v1/chat/completions`,
    close: () => server.shutdown(),
    count: () => n,
  };
}

/** An SSE response that writes each part as its own chunk, `gapMs` apart. */
function sse(parts: string[], gapMs = 0, endEarly = false): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(c) {
      for (const p of parts) {
        c.enqueue(enc.encode(p));
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
      if (endEarly) c.error(new Error("cut"));
      else c.close();
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: "c1", model: "m", choices: [{ index: 0, delta }], ...extra })}\n\n`;

Deno.test("HttpClient keeps reasoning apart from content and reads usage, finish reason and fingerprint", async () => {
  const s = serve(() =>
    sse([
      chunk({ role: "assistant" }),
      chunk({ reasoning_content: "think " }),
      chunk({ reasoning_content: "more" }),
      chunk({ content: "The answer" }),
      `data: ${
        JSON.stringify({
          id: "c1",
          system_fingerprint: "fp_1",
          choices: [{ index: 0, delta: { content: " is 4" }, finish_reason: "stop" }],
        })
      }\n\n`,
      `data: ${
        JSON.stringify({
          choices: [],
          usage: {
            prompt_tokens: 11,
            completion_tokens: 7,
            total_tokens: 18,
            prompt_tokens_details: { cached_tokens: 3 },
            completion_tokens_details: { reasoning_tokens: 2 },
          },
        })
      }\n\n`,
      "data: [DONE]\n\n",
    ])
  );
  const client = new HttpClient({ retry: NO_RETRY });
  try {
    const r = await client.post(s.url, { stream: true });
    assert.equal(r.outcome, "success");
    assert.equal(r.text, "The answer is 4");
    assert.equal(r.reasoning, "think more");
    assert.equal(r.finishReason, "stop");
    assert.equal(r.systemFingerprint, "fp_1");
    assert.deepEqual(r.usage, {
      promptTokens: 11,
      completionTokens: 7,
      totalTokens: 18,
      cachedTokens: 3,
      reasoningTokens: 2,
    });
    assert.equal(r.chunks, 6);
    assert.equal(r.timing.events.length, 6);
    assert.equal(r.timing.tokenEvents.length, 4);
    assert.equal(r.timing.choiceEvents.length, 5, "the usage-only event has no choices");
    assert.ok(r.timing.sent <= r.timing.written! && r.timing.written! <= r.timing.firstByte!);
    assert.ok(r.timing.firstChoiceEvent! <= r.timing.firstToken!);
    assert.ok(r.timing.sent <= r.timing.firstByte! && r.timing.firstByte! <= r.timing.lastEvent!);
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient stamps each event when it arrives", async () => {
  const s = serve(() =>
    sse([
      chunk({ content: "a" }),
      chunk({ content: "b" }),
      chunk({ content: "c" }),
      "data: [DONE]\n\n",
    ], 40)
  );
  const client = new HttpClient({ retry: NO_RETRY });
  try {
    const r = await client.post(s.url, { stream: true });
    const ev = r.timing.events;
    assert.equal(ev.length, 3);
    for (let i = 1; i < ev.length; i++) {
      const gap = ev[i] - ev[i - 1];
      assert.ok(gap > 25 && gap < 120, `gap ${gap} ms should be about 40 ms`);
    }
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient reports an error object inside the stream as an error, not a success", async () => {
  const s = serve(() =>
    sse([
      chunk({ content: "partial" }),
      `data: ${
        JSON.stringify({ error: { message: "out of KV cache", type: "server_error" } })
      }\n\n`,
    ])
  );
  const client = new HttpClient({ retry: NO_RETRY });
  try {
    const r = await client.post(s.url, { stream: true });
    assert.equal(r.outcome, "error");
    assert.equal(r.errorKind, "stream_error");
    assert.match(r.error!, /out of KV cache \(server_error\)/);
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient marks a stream that ends before [DONE] as incomplete", async () => {
  const s = serve(() => sse([chunk({ content: "a" }), chunk({ content: "b" })]));
  const client = new HttpClient({ retry: NO_RETRY });
  try {
    const r = await client.post(s.url, { stream: true });
    assert.equal(r.outcome, "incomplete");
    assert.equal(r.errorKind, "cut");
    assert.equal(r.text, "ab");
    assert.match(r.error!, /ended after 2 events without \[DONE\]/);
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient accepts a trailing [DONE] that lacks its blank line", async () => {
  const s = serve(() => sse([chunk({ content: "a" }), "data: [DONE]"]));
  const client = new HttpClient({ retry: NO_RETRY });
  try {
    const r = await client.post(s.url, { stream: true });
    assert.equal(r.outcome, "success");
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient reports a malformed event as a parse error", async () => {
  const s = serve(() => sse([chunk({ content: "a" }), "data: {not json\n\n", "data: [DONE]\n\n"]));
  const client = new HttpClient({ retry: NO_RETRY });
  try {
    const r = await client.post(s.url, { stream: true });
    assert.equal(r.outcome, "error");
    assert.equal(r.errorKind, "parse");
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient reads a non-streamed JSON answer", async () => {
  const s = serve(() =>
    Response.json({
      id: "x",
      model: "m",
      choices: [{
        index: 0,
        message: { content: "4", reasoning_content: "2+2" },
        finish_reason: "stop",
      }],
      usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
    })
  );
  const client = new HttpClient({ retry: NO_RETRY });
  try {
    const r = await client.post(s.url, { stream: false });
    assert.equal(r.outcome, "success");
    assert.equal(r.streamed, false);
    assert.equal(r.text, "4");
    assert.equal(r.reasoning, "2+2");
    assert.equal(r.usage?.completionTokens, 1);
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient retries 429 honouring Retry-After, then succeeds", async () => {
  const s = serve((_req, n) =>
    n === 1
      ? new Response(JSON.stringify({ error: { message: "slow down" } }), {
        status: 429,
        headers: { "retry-after": "0.2", "content-type": "application/json" },
      })
      : Response.json({ choices: [{ index: 0, message: { content: "ok" } }] })
  );
  const client = new HttpClient({
    retry: { maxRetries: 3, baseDelayMs: 5000, maxDelayMs: 10_000 },
  });
  try {
    const t0 = performance.now();
    const r = await client.post(s.url, {});
    const waited = performance.now() - t0;
    assert.equal(r.outcome, "success");
    assert.equal(r.attempts, 2);
    assert.ok(waited >= 180 && waited < 2000, `waited ${waited} ms for Retry-After 0.2 s`);
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient retries 5xx with backoff and gives up after maxRetries", async () => {
  const s = serve(() => new Response("boom", { status: 503 }));
  const client = new HttpClient({ retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 20 } });
  try {
    const r = await client.post(s.url, {});
    assert.equal(r.outcome, "error");
    assert.equal(r.errorKind, "http");
    assert.equal(r.httpStatus, 503);
    assert.equal(r.attempts, 3);
    assert.equal(s.count(), 3);
    assert.match(r.error!, /HTTP 503: boom/);
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient does not retry other 4xx and reports the server's message", async () => {
  const s = serve(() =>
    Response.json({ error: { message: "model 'x' does not exist" } }, { status: 404 })
  );
  const client = new HttpClient({ retry: { maxRetries: 5, baseDelayMs: 10, maxDelayMs: 20 } });
  try {
    const r = await client.post(s.url, {});
    assert.equal(r.attempts, 1);
    assert.equal(s.count(), 1);
    assert.equal(r.error, "HTTP 404: model 'x' does not exist");
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient enforces the read timeout between bytes", async () => {
  const s = serve(() => sse([chunk({ content: "a" }), chunk({ content: "b" })], 600));
  const client = new HttpClient({ retry: NO_RETRY, readTimeoutMs: 200 });
  try {
    const r = await client.post(s.url, { stream: true });
    assert.equal(r.outcome, "error");
    assert.equal(r.errorKind, "timeout");
    assert.match(r.error!, /read timeout/);
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient enforces the total timeout", async () => {
  const s = serve(() => sse(Array(10).fill(chunk({ content: "a" })), 100));
  const client = new HttpClient({ retry: NO_RETRY, totalTimeoutMs: 250 });
  try {
    const t0 = performance.now();
    const r = await client.post(s.url, { stream: true });
    assert.equal(r.errorKind, "timeout");
    assert.ok(performance.now() - t0 < 1500);
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient reports a refused connection as a network error", async () => {
  const s = serve(() => new Response("x"));
  const url = s.url;
  await s.close();
  const client = new HttpClient({ retry: NO_RETRY });
  try {
    const r = await client.post(url, {});
    assert.equal(r.outcome, "error");
    assert.equal(r.errorKind, "network");
  } finally {
    client.close();
  }
});

Deno.test("HttpClient sends the API key as a Bearer token and masks it in errors", async () => {
  const key = "sk-secret-1234567890";
  let seen = "";
  const s = serve((req) => {
    seen = req.headers.get("authorization") ?? "";
    return new Response(`bad key ${key}`, { status: 401 });
  });
  const client = new HttpClient({ apiKey: key, retry: NO_RETRY, headers: { "x-team": "a" } });
  try {
    const r = await client.post(s.url, {});
    assert.equal(seen, `Bearer ${key}`);
    assert.ok(!r.error!.includes(key), `error leaks the key: ${r.error}`);
    assert.match(r.error!, /sk-\*\*\*90/);
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient stops when its signal aborts", async () => {
  const s = serve(() => sse(Array(50).fill(chunk({ content: "a" })), 50));
  const client = new HttpClient({ retry: NO_RETRY });
  try {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    const r = await client.post(s.url, { stream: true }, { signal: ac.signal });
    assert.equal(r.errorKind, "aborted");
    assert.equal(r.outcome, "aborted");
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient asks for no compression and refuses a compressed answer with what to do", async () => {
  let asked = "";
  const s = serve((req) => {
    asked = req.headers.get("accept-encoding") ?? "";
    const gz = new Response(
      new Blob([chunk({ content: "x" }), "data: [DONE]\n\n"]).stream()
        .pipeThrough(new CompressionStream("gzip")),
    );
    return new Response(gz.body, {
      headers: { "content-type": "text/event-stream", "content-encoding": "gzip" },
    });
  });
  const client = new HttpClient({ retry: NO_RETRY });
  try {
    const r = await client.post(s.url, { stream: true });
    assert.equal(asked, "identity");
    assert.equal(r.outcome, "error");
    assert.equal(r.errorKind, "parse");
    assert.match(
      r.error!,
      /compressed its answer \(content-encoding: gzip\).*turn compression off/,
    );
  } finally {
    client.close();
    await s.close();
  }
});

Deno.test("HttpClient reads llama.cpp's timings and takes timings.cache_n as the cached prompt tokens", async () => {
  const timings = {
    cache_n: 40,
    prompt_n: 3,
    prompt_ms: 1.5,
    predicted_n: 2,
    predicted_ms: 0.9,
    predicted_per_token_ms: 0.45,
  };
  // llama-server: last token, finish chunk and usage chunk (with timings) in one write.
  const s = serve((_req, n) =>
    n === 1
      ? sse([
        chunk({ role: "assistant", content: null }),
        chunk({ content: "a" }) + chunk({ content: "b" }) + chunk({}, {}) +
        `data: ${
          JSON.stringify({
            choices: [],
            usage: { prompt_tokens: 43, completion_tokens: 2, total_tokens: 45 },
            timings,
          })
        }\n\ndata: [DONE]\n\n`,
      ])
      : Response.json({
        choices: [{ index: 0, message: { content: "ab" }, finish_reason: "length" }],
        usage: { prompt_tokens: 43, completion_tokens: 2, total_tokens: 45 },
        timings,
      })
  );
  const client = new HttpClient({ retry: NO_RETRY });
  try {
    for (const stream of [true, false]) {
      const r = await client.post(s.url, { stream });
      assert.equal(r.outcome, "success");
      assert.equal(r.usage?.cachedTokens, 40);
      assert.deepEqual(r.serverTimings, {
        cacheN: 40,
        promptN: 3,
        promptMs: 1.5,
        predictedN: 2,
        predictedMs: 0.9,
        predictedPerTokenMs: 0.45,
      });
    }
  } finally {
    client.close();
    await s.close();
  }
});
