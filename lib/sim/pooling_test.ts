import assert from "node:assert/strict";
import { startSimulator } from "./mod.ts";
import { embeddingOf } from "./pooling.ts";

const FAST = { ttftMs: 0, itlMs: 0 };

// deno-lint-ignore no-explicit-any
type Json = any;

async function postJson(url: string, body: unknown): Promise<{ status: number; json: Json }> {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: await r.json() };
}

Deno.test("POST /v1/embeddings answers one unit vector per input with exact prompt_tokens", async () => {
  await using sim = await startSimulator({ ...FAST, embeddingDim: 8, logBodies: true });
  const tok = sim.tokenizer;
  const input = ["the river runs", "a second, longer input text"];
  const { status, json } = await postJson(`${sim.url}/v1/embeddings`, { model: "e", input });
  assert.equal(status, 200);
  assert.equal(json.object, "list");
  assert.equal(json.model, "e");
  assert.equal(json.data.length, 2);
  assert.deepEqual(json.data.map((d: { index: number }) => d.index), [0, 1]);
  const expected = tok.count(input[0]) + tok.count(input[1]);
  assert.deepEqual(json.usage, { prompt_tokens: expected, total_tokens: expected });
  const v: number[] = json.data[0].embedding;
  assert.equal(v.length, 8);
  assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-6);
  assert.deepEqual(v, Array.from(embeddingOf(input[0], 8)));
  // The same text always gets the same vector; another text another one.
  const again = await postJson(`${sim.url}/v1/embeddings`, { input: input[0] });
  assert.deepEqual(again.json.data[0].embedding, v);
  assert.notDeepEqual(json.data[1].embedding, v);
  const log = sim.requests();
  assert.equal(log.length, 2);
  assert.equal(log[0].endpoint, "/v1/embeddings");
  assert.equal(log[0].prompt_tokens, expected);
  assert.deepEqual(log[0].body, { model: "e", input });
  assert.equal(sim.stats().pooling.embeddings, 2);
});

Deno.test("POST /v1/embeddings sends base64 float32 vectors on request and refuses bad input", async () => {
  await using sim = await startSimulator({ ...FAST, embeddingDim: 4 });
  const { json } = await postJson(`${sim.url}/v1/embeddings`, {
    input: "x",
    encoding_format: "base64",
  });
  const bytes = Uint8Array.from(atob(json.data[0].embedding), (c) => c.charCodeAt(0));
  const floats = new Float32Array(bytes.buffer);
  assert.deepEqual(Array.from(floats), Array.from(embeddingOf("x", 4)));
  const bad = await postJson(`${sim.url}/v1/embeddings`, { input: [1, "a"] });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error.message, /input must be/);
});

Deno.test("POST /v1/rerank and /v1/reranks score documents by query-token overlap", async () => {
  await using sim = await startSimulator({ ...FAST, logBodies: true });
  const tok = sim.tokenizer;
  const query = " red green blue";
  const documents = [" yellow", " red green", { text: " red green blue sky" }];
  for (const path of ["/v1/rerank", "/v1/reranks"]) {
    const { status, json } = await postJson(`${sim.url}${path}`, {
      model: "r",
      query,
      documents,
      top_n: 2,
    });
    assert.equal(status, 200);
    assert.deepEqual(json.results.map((r: { index: number }) => r.index), [2, 1]);
    assert.equal(json.results[0].relevance_score, 1);
    assert.equal(json.results[1].relevance_score, 2 / 3);
    assert.equal(json.results[0].document.text, " red green blue sky");
    const q = tok.encode(query).length;
    const docs = [" yellow", " red green", " red green blue sky"]
      .reduce((n, d) => n + tok.encode(d).length, 0);
    assert.deepEqual(json.usage, { total_tokens: 3 * q + docs });
  }
  assert.deepEqual(sim.requests().map((e) => e.endpoint), ["/v1/rerank", "/v1/reranks"]);
  assert.deepEqual(sim.requests()[1].body, { model: "r", query, documents, top_n: 2 });
  assert.equal(sim.stats().pooling.rerank, 2);
  const bad = await postJson(`${sim.url}/v1/rerank`, { query, documents: [] });
  assert.equal(bad.status, 400);
});

Deno.test("a pooling answer comes ttft_ms + prefill_ms_per_token × tokens after arrival", async () => {
  await using sim = await startSimulator({ ttftMs: 30, prefillMsPerToken: 2, itlMs: 0 });
  const input = " one two three four five";
  const n = sim.tokenizer.count(input);
  await postJson(`${sim.url}/v1/embeddings`, { input });
  const [entry] = sim.requests();
  // The simulator's own record of the request: never earlier than told (timers only run late).
  assert.ok(entry.duration_ms >= 30 + 2 * n, `${entry.duration_ms} < ${30 + 2 * n}`);
});

Deno.test("bodies of generation requests are logged only with logBodies", async () => {
  const body = { model: "m", messages: [{ role: "user", content: "hi" }], max_tokens: 2 };
  for (const logBodies of [false, true]) {
    await using sim = await startSimulator({ ...FAST, logBodies });
    await postJson(`${sim.url}/v1/chat/completions`, body);
    assert.deepEqual(sim.requests()[0].body, logBodies ? body : undefined);
  }
});
