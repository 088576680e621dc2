import assert from "node:assert/strict";
import { loadTokenizer } from "../tokenizer/mod.ts";
import { chatPromptTokens } from "../tokenizer/chat_prompt.ts";
import { startSimulator } from "./mod.ts";
import { memoEncoder, PrefixCache, promptSequence } from "./prefix_cache.ts";

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

Deno.test("PrefixCache finds whole leading blocks, never the last token's block", () => {
  const cache = new PrefixCache(4);
  assert.equal(cache.lookup(ids(0, 10)), 0);
  cache.insert(ids(0, 10)); // blocks [0..3], [4..7]
  assert.equal(cache.size, 2);
  assert.equal(cache.lookup(ids(0, 10)), 8, "10 tokens: blocks within the first 9");
  assert.equal(cache.lookup(ids(0, 8)), 4, "8 tokens: the second block holds the last token");
  assert.equal(cache.lookup(ids(0, 9)), 8);
  assert.equal(cache.lookup([0, 1, 2, 3, 99, 5, 6, 7, 8]), 4, "a changed block ends the chain");
  assert.equal(cache.lookup([...ids(4, 4), ...ids(0, 4), 0]), 0, "a block counts only in place");
});

Deno.test("PrefixCache empties itself when full, so hits stay predictable", () => {
  const cache = new PrefixCache(2, { maxBlocks: 3 });
  cache.insert(ids(0, 6));
  assert.equal(cache.lookup(ids(0, 7)), 6);
  cache.insert(ids(100, 4));
  assert.equal(cache.size, 2);
  assert.equal(cache.lookup(ids(0, 7)), 0);
});

Deno.test("promptSequence frames chat messages with exactly chatPromptTokens tokens", async () => {
  const tok = await loadTokenizer();
  const messages = [
    { role: "system", content: "Be brief." },
    { role: "user", content: "What is a river?" },
  ];
  const seq = promptSequence(
    { endpoint: "chat", messages, promptText: "", promptIds: null, enableThinking: null },
    memoEncoder(tok),
    tok,
  );
  assert.equal(seq.length, chatPromptTokens(tok, messages));
  const next = promptSequence(
    {
      endpoint: "chat",
      messages: [...messages, { role: "assistant", content: " a stream" }, {
        role: "user",
        content: "More.",
      }],
      promptText: "",
      promptIds: null,
      enableThinking: null,
    },
    memoEncoder(tok),
    tok,
  );
  const withReply = [...seq, ...tok.encode(" a stream")];
  assert.deepEqual(next.slice(0, withReply.length), withReply, "prompt + reply is a prefix");
});

Deno.test("the simulator's block cache reports cached_tokens and prefills only the rest", async () => {
  await using sim = await startSimulator({
    ttftMs: 0,
    itlMs: 0,
    prefixCacheBlock: 16,
    loremTokens: 5,
  });
  const ask = async (messages: { role: string; content: string }[]) => {
    const r = await fetch(`${sim.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "x-session-id": "s-1" },
      body: JSON.stringify({ model: "m", messages, max_tokens: 5 }),
    });
    return await r.json();
  };
  const first = [{ role: "user", content: " alpha".repeat(40) }];
  const a = await ask(first);
  assert.equal(a.usage.prompt_tokens_details.cached_tokens, 0);
  const second = [...first, { role: "assistant", content: a.choices[0].message.content }, {
    role: "user",
    content: " beta".repeat(30),
  }];
  const b = await ask(second);
  // The first prompt and its reply are cached: all their whole blocks.
  const p1 = a.usage.prompt_tokens;
  const shared = p1 + sim.tokenizer.encode(a.choices[0].message.content).length;
  assert.equal(b.usage.prompt_tokens_details.cached_tokens, Math.floor(shared / 16) * 16);
  const stats = sim.stats();
  assert.equal(stats.prefixCacheQueries, p1 + b.usage.prompt_tokens);
  assert.equal(stats.prefixCacheHits, b.usage.prompt_tokens_details.cached_tokens);
  assert.deepEqual(sim.requests().map((e) => [e.cached_tokens, e.session]), [
    [0, "s-1"],
    [b.usage.prompt_tokens_details.cached_tokens, "s-1"],
  ]);
  // Asked again, the same prompt is cached up to its last token's block.
  const again = await ask(second);
  assert.equal(
    again.usage.prompt_tokens_details.cached_tokens,
    Math.floor((b.usage.prompt_tokens - 1) / 16) * 16,
  );
});
