import assert from "node:assert/strict";
import { buildRequestBody, OpenAiBackend } from "./model_backend.ts";
import type { GenerationSettings } from "../config/generation_config.ts";

const generation: GenerationSettings = {
  body: { temperature: 0, max_tokens: 4 },
  stream: false,
  timeoutMs: null,
  retries: 0,
  retryBaseMs: 10,
  headers: {},
  query: {},
};

Deno.test("the completions endpoint sends a base model the raw prompt text, never chat messages", async () => {
  const seen: { path: string; body: Record<string, unknown> }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    seen.push({ path: new URL(req.url).pathname, body: await req.json() });
    return Response.json({
      choices: [{ index: 0, text: " Paris.", finish_reason: "stop" }],
      usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 },
    });
  });
  const apiUrl = `http://127.0.0.1:${server.addr.port}/v1`;
  const backend = new OpenAiBackend({
    apiUrl,
    apiKey: "EMPTY",
    model: "base",
    generation,
    endpoint: "completions",
  });
  try {
    const body = buildRequestBody([
      { role: "system", content: "Answer briefly." },
      { role: "user", content: "The capital of France is" },
    ], { model: "base", generation });
    const g = await backend.generate(body, { signal: new AbortController().signal });
    assert.equal(g.outcome, "success");
    assert.equal(g.text, " Paris.");
    assert.equal(seen[0].path, "/v1/completions");
    assert.equal(seen[0].body.prompt, "Answer briefly.\n\nThe capital of France is");
    assert.equal(seen[0].body.messages, undefined);
    assert.equal(seen[0].body.max_tokens, 4);
    assert.equal(backend.identity.api_url, `${apiUrl}/completions`);
  } finally {
    backend.close();
    await server.shutdown();
  }
});
