import assert from "node:assert/strict";
import { buildRequest } from "./request_builder.ts";
import { sfc32 } from "../util/random.ts";

const base = { model: "m", endpoint: "chat" as const, stream: true, maxTokens: 64, temperature: 0 };

Deno.test("buildRequest() writes EvalScope's body: only set params, usage asked when streaming", () => {
  const { body, maxTokens, exactOutput } = buildRequest(
    { prompt: "hi" },
    { ...base, minTokens: 64, stop: ["\n"], seed: 3, extraArgs: { ignore_eos: true } },
    sfc32(1),
  );
  assert.deepEqual(body, {
    model: "m",
    messages: [{ role: "user", content: "hi" }],
    max_tokens: 64,
    min_tokens: 64,
    temperature: 0,
    stop: ["\n"],
    seed: 3,
    stream: true,
    ignore_eos: true,
    stream_options: { include_usage: true },
  });
  assert.equal(maxTokens, 64);
  assert.equal(exactOutput, true);
});

Deno.test("buildRequest() sends prompt text to completions and no stream_options without streaming", () => {
  const { body } = buildRequest({ prompt: "hi" }, {
    ...base,
    endpoint: "completions",
    stream: false,
  }, sfc32(1));
  assert.equal(body.prompt, "hi");
  assert.equal(body.stream, false);
  assert.equal(body.stream_options, undefined);
});

Deno.test("buildRequest() lets a dataset body keep its own keys; flags fill the missing ones", () => {
  const { body } = buildRequest(
    { body: { messages: [], max_tokens: 5, stream: false } },
    base,
    sfc32(1),
  );
  assert.equal(body.max_tokens, 5);
  assert.equal(body.stream, false);
  assert.equal(body.model, "m");
  assert.equal(body.temperature, 0);
});

Deno.test("buildRequest() draws max_tokens per request from [lo, hi]", () => {
  const rng = sfc32(9);
  const seen = new Set<unknown>();
  for (let i = 0; i < 200; i++) {
    seen.add(buildRequest({ prompt: "x" }, { ...base, maxTokens: [3, 5] }, rng).body.max_tokens);
  }
  assert.deepEqual([...seen].sort(), [3, 4, 5]);
});

Deno.test("buildRequest() fills a query template's messages and renders a chat template for completions", () => {
  const t = buildRequest({ prompt: "q" }, {
    ...base,
    queryTemplate: { messages: [], temperature: 0.7, foo: 1 },
  }, sfc32(1));
  assert.deepEqual(t.body.messages, [{ role: "user", content: "q" }]);
  assert.equal(t.body.temperature, 0.7);
  assert.equal(t.body.foo, 1);
  const c = buildRequest({ prompt: "q" }, {
    ...base,
    endpoint: "completions",
    chatTemplate: (m) => `<user>${m[0].content}</user>`,
  }, sfc32(1));
  assert.equal(c.body.prompt, "<user>q</user>");
});

Deno.test("buildRequest() with tokenize sends the completions prompt's ids (text, messages, template)", () => {
  const tokenize = (t: string) => [...t].map((c) => c.codePointAt(0)!);
  const completions = { ...base, endpoint: "completions" as const, tokenize };
  const rng = sfc32(1);
  assert.deepEqual(buildRequest({ prompt: "ab" }, completions, rng).body.prompt, [97, 98]);
  const messages = [{ role: "user", content: "a" }, { role: "assistant", content: "b" }];
  assert.deepEqual(buildRequest({ messages }, completions, rng).body.prompt, [97, 10, 98]);
  const chatTemplate = (ms: { role: string; content: string }[]) => `<${ms[0].content}>`;
  assert.deepEqual(
    buildRequest({ prompt: "a" }, { ...completions, chatTemplate }, rng).body.prompt,
    [60, 97, 62],
  );
  assert.deepEqual(buildRequest({ promptIds: [5, 6] }, completions, rng).body.prompt, [5, 6]);
  assert.deepEqual(
    buildRequest({ prompt: "ab" }, { ...base, tokenize }, rng).body.messages,
    [{ role: "user", content: "ab" }],
    "chat endpoints keep messages",
  );
});
