import assert from "node:assert/strict";
import type { Conversation } from "./dataset.ts";
import type { Dispatched, PostClient } from "./dispatch.ts";
import { runConversations, turnRequest } from "./conversation.ts";
import type { PreparedRequest } from "./request_builder.ts";
import type { Timer } from "./timer.ts";
import { fakeResult } from "./test_result.ts";

/** A virtual clock: sleeping jumps time forward. */
function virtualTimer(): Timer & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleepUntil(at: number) {
      if (at > t) {
        slept.push(at - t);
        t = at;
      }
      return Promise.resolve();
    },
  };
}

/** Answers "reply to <last user content>", failing on a user message that says "fail". */
function echoClient(): PostClient & { headers: (Record<string, string> | undefined)[] } {
  const headers: (Record<string, string> | undefined)[] = [];
  return {
    headers,
    post(_url, body, options) {
      headers.push(options?.headers);
      const messages = (body as { messages: { role: string; content: string }[] }).messages;
      const last = messages.at(-1)!.content;
      return Promise.resolve(
        fakeResult(0, { outcome: last === "fail" ? "error" : "success", text: `reply to ${last}` }),
      );
    },
  };
}

function conversations(list: Conversation[]) {
  let i = 0;
  return {
    next(): Promise<PreparedRequest | undefined> {
      const c = list[i++];
      return Promise.resolve(
        c === undefined ? undefined : {
          body: { model: "m", max_tokens: 9 },
          maxTokens: 9,
          exactOutput: false,
          targetPromptTokens: null,
          conversation: c,
        },
      );
    },
  };
}

const user = (content: string) => ({ role: "user", content });

Deno.test("turnRequest sends the context and the turn's own max_tokens", () => {
  const conv: PreparedRequest = {
    body: { model: "m", max_tokens: 9, ignore_eos: true },
    maxTokens: 9,
    exactOutput: true,
    targetPromptTokens: null,
  };
  const r = turnRequest(conv, { context: [user("a")], turn: { messages: [], maxTokens: 3 } });
  assert.deepEqual(r.body, { model: "m", max_tokens: 3, ignore_eos: true, messages: [user("a")] });
  assert.equal(r.maxTokens, 3);
  assert.equal(r.exactOutput, true);
  assert.deepEqual(conv.body.max_tokens, 9, "the shared body is not changed");
});

Deno.test("each turn carries the real replies; a failed turn ends only its conversation", async () => {
  const client = echoClient();
  const seen: Dispatched[] = [];
  const stats = await runConversations({
    client,
    url: "http://x/v1/chat/completions",
    source: conversations([
      {
        turns: [{ messages: [user("a1")] }, { messages: [user("fail")] }, {
          messages: [user("a3")],
        }],
      },
      {
        turns: [{ messages: [{ role: "system", content: "s" }, user("b1")] }, {
          messages: [user("b2")],
        }],
      },
    ]),
    parallel: 2,
    phase: "bench",
    firstTraceSeq: 4,
    sessionHeader: "x-session-id",
    timer: virtualTimer(),
    onResult: (d) => seen.push(d),
  });
  assert.equal(stats.conversations, 2);
  assert.equal(stats.dispatched, 4, "a3 is never sent");
  const byTrace = (id: string) => seen.filter((d) => d.turn?.traceId === id);
  const a = byTrace("bench-4");
  assert.deepEqual(a.map((d) => [d.turn!.turn, d.turn!.first, d.turn!.last]), [
    [1, true, false],
    [2, false, true],
  ]);
  assert.deepEqual(a[1].request.body.messages, [
    user("a1"),
    { role: "assistant", content: "reply to a1" },
    user("fail"),
  ]);
  const b = byTrace("bench-5");
  assert.deepEqual(b.map((d) => d.turn!.last), [false, true]);
  assert.deepEqual(b[1].request.body.messages, [
    { role: "system", content: "s" },
    user("b1"),
    { role: "assistant", content: "reply to b1" },
    user("b2"),
  ]);
  assert.deepEqual(
    new Set(client.headers.map((h) => h?.["x-session-id"])),
    new Set(["bench-4", "bench-5"]),
  );
});

Deno.test("--max-turns cuts conversations; tool-call delays and --rate think times are waited", async () => {
  const timer = virtualTimer();
  const seen: Dispatched[] = [];
  await runConversations({
    client: echoClient(),
    url: "u",
    source: conversations([{
      turns: [
        { messages: [user("1")] },
        { messages: [user("2")], delayS: 1.5 },
        { messages: [user("3")], delayS: 2 },
      ],
    }]),
    parallel: 1,
    phase: "warmup",
    firstTraceSeq: 0,
    maxTurns: 2,
    timer,
    onResult: (d) => seen.push(d),
  });
  assert.deepEqual(seen.map((d) => [d.turn!.traceId, d.turn!.turn, d.turn!.last]), [
    ["warmup-0", 1, false],
    ["warmup-0", 2, true],
  ]);
  assert.deepEqual(timer.slept, [1500]);
  const paced = virtualTimer();
  let draws = 0;
  await runConversations({
    client: echoClient(),
    url: "u",
    source: conversations([{ turns: [{ messages: [user("1")] }, { messages: [user("2")] }] }]),
    parallel: 1,
    phase: "bench",
    firstTraceSeq: 0,
    rate: 2,
    rng: () => (draws++, 0.5),
    timer: paced,
    onResult: () => {},
  });
  assert.equal(draws, 2, "one think time before each turn");
  assert.deepEqual(paced.slept.map((ms) => Math.round(ms * 1000) / 1000), [346.574, 346.574]);
});

Deno.test("--duration lets the conversations under way finish and starts no new one", async () => {
  const timer = virtualTimer();
  const seen: Dispatched[] = [];
  const stats = await runConversations({
    client: echoClient(),
    url: "u",
    source: conversations([
      { turns: [{ messages: [user("1")] }, { messages: [user("2")], delayS: 5 }] },
      { turns: [{ messages: [user("x")] }] },
    ]),
    parallel: 1,
    phase: "bench",
    firstTraceSeq: 0,
    durationMs: 1000,
    timer,
    onResult: (d) => seen.push(d),
  });
  assert.equal(seen.length, 2, "the first conversation's second turn is sent after the deadline");
  assert.equal(stats.conversations, 1);
  assert.equal(stats.stopReason, "duration");
});
