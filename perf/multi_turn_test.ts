import assert from "node:assert/strict";
import { customConversation, splitTurns } from "./multi_turn.ts";
import { trieRow, trieTurns } from "./trie.ts";

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
