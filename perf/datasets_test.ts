import assert from "node:assert/strict";
import { testContext } from "./test_context.ts";
import { join } from "node:path";
import { UserError } from "../lib/errors.ts";
import { cycleItems } from "../lib/load/request_source.ts";
import { sfc32 } from "../lib/util/random.ts";
import { loadTokenizer, templatePromptTokens } from "../lib/tokenizer/mod.ts";
import { qwen3TokenizerDir } from "../lib/tokenizer/test_fixture.ts";
import { customItem } from "./custom.ts";
import { lineItem } from "./line_by_line.ts";
import { PERF_DATASETS } from "./mod.ts";
import { shareGptMessages } from "./share_gpt.ts";
import type { DatasetContext, DatasetItem } from "../lib/load/dataset.ts";

const ctxWith = testContext;

async function take(name: string, ctx: DatasetContext, n: number): Promise<DatasetItem[]> {
  const out: DatasetItem[] = [];
  for await (const item of PERF_DATASETS[name].items(ctx)) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}

Deno.test("random yields prompts whose re-encoded length is exactly the drawn length", async () => {
  const ctx = await ctxWith({ chat: false, minPromptLength: 1024, maxPromptLength: 1024 });
  const items = await take("random", ctx, 4);
  for (const it of items) {
    assert.equal(ctx.tokenizer.count(it.prompt ?? ""), 1024);
    assert.equal(it.targetPromptTokens, 1024);
  }
  assert.notEqual(items[0].prompt, items[1].prompt);
});

Deno.test("random takes the chat template's tokens off the length for chat endpoints", async () => {
  const ctx = await ctxWith({ chat: true, minPromptLength: 200, maxPromptLength: 200 });
  const [it] = await take("random", ctx, 1);
  const n = templatePromptTokens(ctx.tokenizer, [{ role: "user", content: it.prompt ?? "" }]);
  assert.equal(n, 200);
});

Deno.test("random shares one prefix across prompts and shifts prompts by the run offset", async () => {
  const base = { chat: false, minPromptLength: 64, maxPromptLength: 64, prefixLength: 32 };
  const a = await take("random", await ctxWith({ ...base, rng: sfc32(5) }), 2);
  const b = await take("random", await ctxWith({ ...base, rng: sfc32(5), offset: 1000 }), 2);
  const tok = (await ctxWith()).tokenizer;
  const prefixOf = (s: string) => tok.decode(tok.encode(s).slice(0, 28));
  assert.equal(prefixOf(a[0].prompt!), prefixOf(a[1].prompt!));
  assert.equal(prefixOf(a[0].prompt!), prefixOf(b[0].prompt!));
  assert.notEqual(a[0].prompt, b[0].prompt);
  assert.equal(tok.count(a[0].prompt!), 96);
});

Deno.test("random draws whole-word tokens: exact for o200k and for Qwen3's tokenizer.json", async () => {
  for (const spec of [undefined, qwen3TokenizerDir()]) {
    const tokenizer = await loadTokenizer(spec);
    const ctx = await ctxWith({
      tokenizer,
      chat: false,
      minPromptLength: 300,
      maxPromptLength: 900,
    });
    for (const it of await take("random", ctx, 6)) {
      assert.match(it.prompt!, /^( [a-z]+)+$/);
      assert.equal(tokenizer.count(it.prompt!), it.targetPromptTokens, tokenizer.name);
    }
  }
});

Deno.test("random falls back to re-encoding when the tokenizer has too few words or they do not add up", async () => {
  const base = await loadTokenizer();
  // A vocabulary cut to its first 1500 ids holds too few whole words.
  const small = { ...base, vocabSize: 1500 };
  // Counts that are not the sum of the words': the first checked prompt gives it away.
  const odd = { ...base, count: (t: string) => base.count(t) + (t.length > 40 ? 1 : 0) };
  for (const tokenizer of [small, odd]) {
    const ctx = await ctxWith({ tokenizer, chat: false, minPromptLength: 64, maxPromptLength: 64 });
    for (const it of await take("random", ctx, 3)) {
      assert.equal(tokenizer.count(it.prompt!), 64);
    }
  }
});

Deno.test("random sends token ids with --tokenize-prompt", async () => {
  const ctx = await ctxWith({
    chat: false,
    tokenizePrompt: true,
    minPromptLength: 50,
    maxPromptLength: 50,
  });
  const [it] = await take("random", ctx, 1);
  assert.equal(it.promptIds?.length, 50);
});

Deno.test("lineItem() tells text, message lists and request bodies apart", () => {
  assert.deepEqual(lineItem("hello there"), { prompt: "hello there" });
  assert.deepEqual(lineItem('[{"role":"user","content":"hi"}]'), {
    messages: [{ role: "user", content: "hi" }],
  });
  assert.deepEqual(lineItem('{"messages":[],"max_tokens":5}'), {
    body: { messages: [], max_tokens: 5 },
  });
  assert.deepEqual(lineItem("[not json"), { prompt: "[not json" });
});

Deno.test("customItem() reads strings, message lists, bodies and text fields", () => {
  assert.deepEqual(customItem("hi"), { prompt: "hi" });
  assert.deepEqual(customItem({ question: "why?" }), { prompt: "why?" });
  assert.deepEqual(customItem({ prompt: "p", max_tokens: 3 }), {
    body: { prompt: "p", max_tokens: 3 },
  });
  assert.deepEqual(customItem([{ role: "user", content: "x" }]), {
    messages: [{ role: "user", content: "x" }],
  });
  assert.equal(customItem({ id: 3 }), undefined);
});

Deno.test("shareGptMessages() converts both ShareGPT shapes and ends on a user turn", () => {
  assert.deepEqual(
    shareGptMessages({
      conversation: [{ human: "a", assistant: "b" }, { human: "c", assistant: "d" }],
    }),
    [
      { role: "user", content: "a" },
      { role: "assistant", content: "b" },
      { role: "user", content: "c" },
    ],
  );
  assert.deepEqual(
    shareGptMessages({
      conversations: [{ from: "human", value: "q" }, { from: "gpt", value: "r" }],
    }),
    [{ role: "user", content: "q" }],
  );
  assert.deepEqual(shareGptMessages({ nothing: true }), []);
});

Deno.test("speed_benchmark yields 熵 × 1/6144/14336/30720, two of each, grouped by length", async () => {
  const items = await take("speed_benchmark", await ctxWith(), 100);
  assert.equal(items.length, 8);
  assert.deepEqual(items.map((i) => i.group), [
    "1",
    "1",
    "6144",
    "6144",
    "14336",
    "14336",
    "30720",
    "30720",
  ]);
  assert.equal(items[2].prompt?.length, 6144);
  assert.ok(PERF_DATASETS.speed_benchmark.completionsOnly);
});

Deno.test("openqa reads a directory holding open_qa.jsonl and filters by character length", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const rows = ["short?", "a much longer question than the limit allows?", "mid q?"]
      .map((q) => JSON.stringify({ question: q, human_answers: [] }));
    await Deno.writeTextFile(join(dir, "open_qa.jsonl"), rows.join("\n") + "\n");
    const items = await take("openqa", await ctxWith({ path: dir, maxPromptLength: 10 }), 10);
    assert.deepEqual(items.map((i) => i.prompt), ["short?", "mid q?"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("longalpaca reads a JSON array file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "la.json");
    await Deno.writeTextFile(
      file,
      JSON.stringify([{ instruction: "do x", output: "" }, { foo: 1 }]),
    );
    const items = await take("longalpaca", await ctxWith({ path: file }), 10);
    assert.deepEqual(items, [{ prompt: "do x" }]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a line that is not JSON is skipped and reported with the file, line and parse error; all bad is an error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "p.jsonl");
    await Deno.writeTextFile(file, '"one"\n{"prompt": oops}\n\n"two"\nnot json\n');
    const items: DatasetItem[] = [];
    for await (const item of cycleItems(PERF_DATASETS.custom, await ctxWith({ path: file }))) {
      items.push(item);
      if (items.length === 4) break;
    }
    assert.deepEqual(items.map((i) => i.prompt), ["one", "two", "one", "two"]);
    assert.equal(items[0].skipped, undefined);
    assert.equal(items[1].skipped?.lines, 1);
    assert.match(items[1].skipped!.first!, /p\.jsonl line 2: not valid JSON \(.+\)/);
    assert.deepEqual(items[3].skipped, { lines: 1 }, "line 5, in the next pass; first said once");

    const bad = join(dir, "bad.jsonl");
    await Deno.writeTextFile(bad, "\nnope\n{]\n");
    await assert.rejects(
      async () => {
        for await (const _ of cycleItems(PERF_DATASETS.custom, await ctxWith({ path: bad }))) {
          // never reached
        }
      },
      (e: unknown) =>
        e instanceof UserError &&
        /^Cannot read .*bad\.jsonl line 2: not valid JSON/.test(e.message),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("line_by_line reads every non-blank line once, CRLF endings and a last line without one included", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "prompts.txt");
    await Deno.writeTextFile(
      path,
      '\uFEFFfirst\r\n\n  \nsecond\n[{"role":"user","content":"hi"}]\r\nlast',
    );
    const items = await take("line_by_line", await ctxWith({ path }), 10);
    assert.deepEqual(items, [
      { prompt: "first" },
      { prompt: "second" },
      { messages: [{ role: "user", content: "hi" }] },
      { prompt: "last" },
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
