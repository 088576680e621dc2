import assert from "node:assert/strict";
import { type SseEvent, SseParser } from "./sse_parser.ts";

const enc = new TextEncoder();

/** Feeds `text` to a fresh parser in pieces cut at the given byte offsets. */
function parseInPieces(text: string, cuts: number[]): { events: SseEvent[]; pending: unknown } {
  const bytes = enc.encode(text);
  const p = new SseParser();
  const events: SseEvent[] = [];
  let prev = 0;
  for (const c of [...cuts, bytes.length]) {
    p.push(bytes.subarray(prev, c), events);
    prev = c;
  }
  const tail = p.finish();
  events.push(...tail.events);
  return { events, pending: tail.pending };
}

Deno.test("SseParser splits events on blank lines and strips one leading space", () => {
  const { events } = parseInPieces('data: {"a":1}\n\ndata:{"b":2}\n\ndata: [DONE]\n\n', []);
  assert.deepEqual(events.map((e) => e.data), ['{"a":1}', '{"b":2}', "[DONE]"]);
});

Deno.test("SseParser handles CRLF and lone CR line ends", () => {
  const { events } = parseInPieces("data: x\r\n\r\ndata: y\r\rdata: z\n\n", []);
  assert.deepEqual(events.map((e) => e.data), ["x", "y", "z"]);
});

Deno.test("SseParser treats a CRLF split across two chunks as one line end", () => {
  const text = "data: a\r\n\r\ndata: b\r\n\r\n";
  for (let cut = 1; cut < text.length; cut++) {
    const { events } = parseInPieces(text, [cut]);
    assert.deepEqual(events.map((e) => e.data), ["a", "b"], `cut at ${cut}`);
  }
});

Deno.test("SseParser keeps a CR ending one read and the LF starting the next as one line end", () => {
  // Two line ends would make a blank line: "a" and "b" would become two events.
  const { events, pending } = parseInPieces("data: a\r\ndata: b\r\n\r\n", ["data: a\r".length]);
  assert.deepEqual(events, [{ data: "a\nb" }]);
  assert.equal(pending, null);
});

Deno.test("SseParser joins multi-line data with newlines", () => {
  const { events } = parseInPieces("data: line1\ndata: line2\ndata:\n\n", []);
  assert.equal(events[0].data, "line1\nline2\n");
});

Deno.test("SseParser skips comments and pings, keeps event and id fields", () => {
  const { events } = parseInPieces(": ping\n\n:keep-alive\nevent: delta\nid: 7\ndata: q\n\n", []);
  assert.equal(events.length, 1);
  assert.deepEqual(events[0], { data: "q", event: "delta", id: "7" });
});

Deno.test("SseParser gives the same events for every single split point, UTF-8 included", () => {
  const text = 'data: {"c":"数学 ∑ 😀 é"}\n\ndata: {"c":"ok"}\r\n\r\ndata: [DONE]\n\n';
  const whole = parseInPieces(text, []).events;
  const n = enc.encode(text).length;
  for (let cut = 1; cut < n; cut++) {
    assert.deepEqual(parseInPieces(text, [cut]).events, whole, `cut at byte ${cut}`);
  }
  assert.equal(JSON.parse(whole[0].data).c, "数学 ∑ 😀 é");
});

Deno.test("SseParser gives the same events when fed one byte at a time", () => {
  const text = 'data: {"x":"日本語"}\r\n\r\n: ping\n\ndata: [DONE]\n\n';
  const n = enc.encode(text).length;
  const cuts = Array.from({ length: n - 1 }, (_, i) => i + 1);
  assert.deepEqual(parseInPieces(text, cuts).events.map((e) => e.data), [
    '{"x":"日本語"}',
    "[DONE]",
  ]);
});

Deno.test("SseParser has no line-length limit", () => {
  const big = "x".repeat(5_000_000);
  const text = `data: {"c":"${big}"}\n\n`;
  const cuts = [];
  for (let i = 65536; i < text.length; i += 65536) cuts.push(i);
  const { events } = parseInPieces(text, cuts);
  assert.equal(events.length, 1);
  assert.equal(JSON.parse(events[0].data).c.length, big.length);
});

Deno.test("SseParser.finish returns an event cut off before its blank line as pending", () => {
  const { events, pending } = parseInPieces('data: {"a":1}\n\ndata: {"b":2}', []);
  assert.equal(events.length, 1);
  assert.deepEqual(pending, { data: '{"b":2}' });
});

Deno.test("SseParser.finish returns no pending event after a clean end", () => {
  assert.equal(parseInPieces("data: [DONE]\n\n", []).pending, null);
});

Deno.test("SseParser gives the same events for every pair of split points (plain and streaming decodes mixed)", () => {
  const text = 'data: é😀\n\ndata: {"c":"数"}\rdata: x\r\n\r\ndata: ∑\n\n';
  const whole = parseInPieces(text, []).events;
  assert.deepEqual(whole.map((e) => e.data), ["é😀", '{"c":"数"}\nx', "∑"]);
  const n = enc.encode(text).length;
  for (let a = 1; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      assert.deepEqual(parseInPieces(text, [a, b]).events, whole, `cuts at bytes ${a} and ${b}`);
    }
  }
});

Deno.test("SseParser drops the stream's leading BOM only, wherever the chunks are cut", () => {
  const text = "\uFEFFdata: a\n\n\uFEFFdata: b\n\ndata: c\n\n";
  const n = enc.encode(text).length;
  for (let cut = 0; cut < n; cut++) {
    // The second BOM is part of a field name ("\uFEFFdata"), which is not `data`: no event.
    const events = parseInPieces(text, cut === 0 ? [] : [cut]).events;
    assert.deepEqual(events.map((e) => e.data), ["a", "c"], `cut at byte ${cut}`);
  }
});
