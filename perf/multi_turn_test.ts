import assert from "node:assert/strict";
import { testContext } from "./test_context.ts";
import { join } from "node:path";
import type { DatasetItem } from "../lib/load/dataset.ts";
import {
  customConversation,
  randomMultiTurn,
  shareGptEnMultiTurn,
  splitTurns,
} from "./multi_turn.ts";
import { trieAgenticCoding, trieRow, trieTurns } from "./trie.ts";

const ctxWith = testContext;

async function first(items: AsyncIterable<DatasetItem>, n: number): Promise<DatasetItem[]> {
  const out: DatasetItem[] = [];
  for await (const item of items) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}

const m = (role: string, content: unknown = role) => ({ role, content });

Deno.test("splitTurns: EvalScope's golden cases", () => {
  // The plugin's own examples.
  assert.deepEqual(
    splitTurns([
      m("system"),
      m("user", "u1"),
      m("assistant"),
      m("user", "u2"),
      m("assistant"),
      m("user", "u3"),
    ]),
    [[m("system"), m("user", "u1")], [m("user", "u2")], [m("user", "u3")]],
  );
  const call = { role: "assistant", content: null, tool_calls: [{ id: "c" }] };
  assert.deepEqual(
    splitTurns([m("system"), m("user"), call, m("tool", "42"), m("assistant", "done")]),
    [[m("system"), m("user"), call, m("tool", "42")]],
  );
  // A reply at the end, replies in a row, consecutive user messages, a leading reply.
  assert.deepEqual(splitTurns([m("user", "u1"), m("assistant")]), [[m("user", "u1")]]);
  assert.deepEqual(
    splitTurns([
      m("assistant", "hi"),
      m("user", "u1"),
      m("user", "u2"),
      m("assistant"),
      m("assistant"),
      m("user", "u3"),
    ]),
    [[m("user", "u1"), m("user", "u2")], [m("user", "u3")]],
  );
  assert.deepEqual(splitTurns([m("assistant")]), []);
});

Deno.test("customConversation reads message arrays and {messages, tools} lines", () => {
  assert.deepEqual(customConversation([m("user", "x")]), { messages: [m("user", "x")] });
  const tools = [{ type: "function", function: { name: "f" } }];
  assert.deepEqual(customConversation({ messages: [m("user", "x")], tools }), {
    messages: [m("user", "x")],
    tools,
  });
  assert.equal(customConversation([]), null);
  assert.equal(customConversation([{ role: "user" }]), null, "a message without content");
  assert.equal(customConversation("text"), null);
});

Deno.test("a trie row becomes num_turns + 1 turns with tool sleeps and per-turn caps", () => {
  const row = trieRow({
    input_prompt_length: 30,
    num_turns: 2,
    assistant_response_length: [5, 6],
    tool_call_output_length: [7, 8],
    tool_call_latency: [0.5, 1.25],
    final_assistant_response_length: 9,
  })!;
  const turns = trieTurns(row, (n) => `<${n}>`);
  assert.deepEqual(turns, [
    { messages: [{ role: "user", content: "<30>" }], maxTokens: 5 },
    { messages: [{ role: "user", content: "<7>" }], maxTokens: 6, delayS: 0.5 },
    { messages: [{ role: "user", content: "<8>" }], maxTokens: 9, delayS: 1.25 },
  ]);
  const none = trieRow({
    input_prompt_length: 4,
    num_turns: 0,
    assistant_response_length: [],
    tool_call_output_length: [],
    tool_call_latency: [],
    final_assistant_response_length: 3,
  })!;
  assert.deepEqual(trieTurns(none, (n) => `<${n}>`), [
    { messages: [{ role: "user", content: "<4>" }], maxTokens: 3 },
  ]);
  assert.equal(
    trieRow({
      input_prompt_length: 4,
      num_turns: 2,
      assistant_response_length: [1],
      tool_call_output_length: [1, 2],
      tool_call_latency: [0, 0],
      final_assistant_response_length: 3,
    }),
    null,
    "a list shorter than num_turns",
  );
});

Deno.test("random_multi_turn: turn counts within the bounds, each turn one user message of an exact length", async () => {
  const ctx = await ctxWith({
    minPromptLength: 30,
    maxPromptLength: 30,
    turns: { min: 2, max: 3 },
  });
  const items = await first(randomMultiTurn.items(ctx), 20);
  const counts = new Set(items.map((i) => i.conversation!.turns.length));
  assert.deepEqual([...counts].sort(), [2, 3]);
  for (const turn of items.flatMap((i) => i.conversation!.turns)) {
    assert.equal(turn.messages.length, 1);
    assert.equal(turn.messages[0].role, "user");
    assert.equal(ctx.tokenizer.count(String(turn.messages[0].content)), 30);
  }
});

Deno.test("share_gpt_en_multi_turn: one turn per user message, replies dropped, cut to --max-turns", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "common_en_70k.jsonl");
    const row = {
      conversation: [
        { human: "one", assistant: "a" },
        { human: "  ", assistant: "b" },
        { human: "two", assistant: "c" },
        { human: "three", assistant: "d" },
      ],
    };
    await Deno.writeTextFile(path, JSON.stringify(row) + "\n");
    const ctx = await ctxWith({ path, turns: { min: 1, max: 2 } });
    const [item] = await first(shareGptEnMultiTurn.items(ctx), 1);
    assert.deepEqual(item.conversation, {
      turns: [
        { messages: [{ role: "user", content: "one" }] },
        { messages: [{ role: "user", content: "two" }] },
      ],
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("trie datasets synthesize each turn's text with the row's exact token lengths", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "agentic_coding_8k.jsonl");
    await Deno.writeTextFile(
      path,
      JSON.stringify({
        input_prompt_length: 120,
        num_turns: 1,
        assistant_response_length: [7],
        tool_call_output_length: [45],
        tool_call_latency: [0.25],
        final_assistant_response_length: 9,
      }) + "\nnot json\n",
    );
    const ctx = await ctxWith({ path });
    const [item] = await first(trieAgenticCoding.items(ctx), 1);
    const turns = item.conversation!.turns;
    assert.deepEqual(turns.map((t) => ctx.tokenizer.count(String(t.messages[0].content))), [
      120,
      45,
    ]);
    assert.deepEqual(turns.map((t) => [t.maxTokens, t.delayS]), [[7, undefined], [9, 0.25]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
