import assert from "node:assert/strict";
import {
  CHAT_REPLY_PRIMER_TOKENS,
  CHAT_TOKENS_PER_MESSAGE,
  chatPromptTokens,
  loadTokenizer,
  templatePromptTokens,
  tokenPieces,
} from "./mod.ts";
import { qwen3TokenizerDir } from "./test_fixture.ts";

Deno.test("loadTokenizer() defaults to o200k_base and caches it per spec", async () => {
  const a = await loadTokenizer();
  const b = await loadTokenizer("o200k");
  const c = await loadTokenizer("o200k_base");
  assert.equal(a, b);
  assert.equal(a, c);
  assert.equal(a.name, "o200k_base");
  assert.equal(a.vocabSize, 200019);
  assert.deepEqual(a.encode("Hello world"), [13225, 2375]);
  assert.equal(a.count("Hello world"), 2);
  assert.equal(a.decode([13225, 2375]), "Hello world");
  assert.equal(a.applyChatTemplate, undefined);
});

Deno.test("o200k encode() treats special-token strings as special tokens", async () => {
  const tok = await loadTokenizer();
  const ids = tok.encode("a<|endoftext|>b");
  assert.ok(ids.includes(199999));
  assert.equal(tok.isSpecial(199999), true);
  assert.equal(tok.isSpecial(13225), false);
});

Deno.test("loadTokenizer() reads a tokenizer.json directory with its chat template", async () => {
  const dir = qwen3TokenizerDir();
  const tok = await loadTokenizer(dir);
  assert.equal(tok, await loadTokenizer(dir));
  assert.equal(tok.name, dir);
  assert.equal(tok.vocabSize, 151669);
  assert.deepEqual(tok.encode("hi"), [6023]);
  assert.equal(tok.isSpecial(151644), true); // <|im_start|>
  assert.deepEqual(tok.encode("x<|im_start|>"), [tok.encode("x")[0], 151644]);
  assert.ok(tok.applyChatTemplate !== undefined);
  const rendered = tok.applyChatTemplate([{ role: "user", content: "hi" }], {
    enableThinking: false,
  });
  assert.equal(
    rendered,
    "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n",
  );
  const open = tok.applyChatTemplate([{ role: "user", content: "hi" }], {
    addGenerationPrompt: false,
  });
  assert.equal(open, "<|im_start|>user\nhi<|im_end|>\n");
});

Deno.test("loadTokenizer() refuses a hub id that is not a local directory, and says why", async () => {
  await assert.rejects(
    () => loadTokenizer("Qwen/Qwen3-8B"),
    (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /^Cannot load tokenizer 'Qwen\/Qwen3-8B': no such directory/);
      assert.match(error.message, /cannot download tokenizers here/);
      return true;
    },
  );
});

Deno.test("loadTokenizer() refuses a directory without tokenizer.json", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(() => loadTokenizer(dir), /has no tokenizer\.json/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("chatPromptTokens() is content tokens + 5 per message + 3", async () => {
  const tok = await loadTokenizer();
  const messages = [
    { role: "system", content: "You are terse." },
    { role: "user", content: "What is 2+2?" },
  ];
  const expected = tok.count("You are terse.") + tok.count("What is 2+2?") +
    2 * CHAT_TOKENS_PER_MESSAGE + CHAT_REPLY_PRIMER_TOKENS;
  assert.equal(chatPromptTokens(tok, messages), expected);
  assert.equal(chatPromptTokens(tok, []), CHAT_REPLY_PRIMER_TOKENS);
});

Deno.test("chatPromptTokens() equals the Qwen3 template count for plain chats", async () => {
  const tok = await loadTokenizer(qwen3TokenizerDir());
  const chats = [
    [{ role: "user", content: "What is 2+2?" }],
    [
      { role: "system", content: "Answer in French.\nBe brief." },
      { role: "user", content: "Où est la gare ? 🚉 快点" },
    ],
  ];
  for (const messages of chats) {
    assert.equal(chatPromptTokens(tok, messages), templatePromptTokens(tok, messages));
  }
});

Deno.test("templatePromptTokens() falls back to the rule when there is no template", async () => {
  const tok = await loadTokenizer();
  const messages = [{ role: "user", content: "hello there" }];
  assert.equal(templatePromptTokens(tok, messages), chatPromptTokens(tok, messages));
});

Deno.test("tokenPieces() never splits a character and keeps every token counted", async () => {
  for (const tok of [await loadTokenizer(), await loadTokenizer(qwen3TokenizerDir())]) {
    const text = "Hello 世界 🎉🎉 naïve — done 👩‍👩‍👧";
    const ids = tok.encode(text);
    const pieces = tokenPieces(tok, ids);
    assert.equal(pieces.texts.join(""), text);
    assert.equal(pieces.tokens.reduce((a, b) => a + b, 0), ids.length);
    assert.equal(pieces.texts.length, pieces.tokens.length);
    for (const piece of pieces.texts) assert.ok(!piece.includes("\uFFFD"), piece);
    assert.ok(pieces.tokens.some((n) => n > 1), `${tok.name} merged no tokens`);
  }
});

Deno.test("tokenPieces() gives one piece per token for ASCII text", async () => {
  const tok = await loadTokenizer();
  const ids = tok.encode("The quick brown fox jumps over the lazy dog.");
  const pieces = tokenPieces(tok, ids);
  assert.equal(pieces.texts.length, ids.length);
  assert.deepEqual(pieces.texts, ids.map((id) => tok.decode([id])));
});

Deno.test("o200k encode()/count() give js-tiktoken's own ids on fuzzed text, code and docs", async () => {
  const { Tiktoken } = await import("js-tiktoken/lite");
  const { default: ranks } = await import("js-tiktoken/ranks/o200k_base");
  const reference = new Tiktoken(ranks);
  const tok = await loadTokenizer();
  const parts = [
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "a",
    "Z",
    "é",
    "中",
    "文",
    "😀",
    "1",
    "23",
    "456",
    "'s",
    "'LL",
    ".",
    ",",
    "!",
    "(",
    ")",
    "{",
    "-",
    "_",
    "/",
    "\\",
    "<|endoftext|>",
    "ـ",
    "ß",
    "\u0301",
    "   \n",
    " \n\n ",
    "Hello",
    "WORLD",
    "don't",
    "I'm",
    "----",
    "    ",
  ];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const texts: string[] = [];
  for (let i = 0; i < 3000; i++) {
    let s = "";
    for (let k = 1 + Math.floor(next() * 30); k > 0; k--) {
      s += parts[Math.floor(next() * parts.length)];
    }
    texts.push(s);
  }
  const root = new URL("../../", import.meta.url).pathname;
  texts.push("| a | b |\n| " + "-".repeat(300) + " | --- |\n");
  for (const f of ["README.md", "lib/client/h1.ts"]) {
    texts.push(await Deno.readTextFile(root + f));
  }
  for (const text of texts) {
    const want = reference.encode(text, "all");
    // Twice: the first pass fills the pre-token cache, the second reads from it.
    for (let pass = 0; pass < 2; pass++) {
      assert.deepEqual(tok.encode(text), want, JSON.stringify(text.slice(0, 80)));
      assert.equal(tok.count(text), want.length);
    }
  }
});
