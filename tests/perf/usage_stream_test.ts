/**
 * perf end to end against servers that leave things out: no `usage` (counted with the local
 * tokenizer, and said so), and `--no-stream` (one body: TTFT is the latency, TPOT 0).
 */
import assert from "node:assert/strict";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import {
  capture,
  configFrom,
  shellWords,
  simEndpoints,
  startSimulator,
  withTempDir,
} from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

/** How long the usage-less server holds a non-streamed body after its headers, ms. */
const BODY_DELAY_MS = 60;

/** Eight " hello" pieces: eight o200k_base tokens, one per content event. */
const PIECES = Array.from({ length: 8 }, () => " hello");

/**
 * A chat server that never sends `usage`, streamed or not, whatever the request asks; it records
 * the bodies it was sent.
 */
function serveWithoutUsage(): {
  url: string;
  bodies: Record<string, unknown>[];
  close(): Promise<void>;
} {
  const bodies: Record<string, unknown>[] = [];
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${
      JSON.stringify({
        id: "x",
        object: "chat.completion.chunk",
        model: "m",
        choices: [{ index: 0, delta, finish_reason: finish }],
      })
    }\n\n`;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const body = await req.json();
    bodies.push(body);
    if (!body.stream) {
      // Headers at once, the body 60 ms later: a non-streamed answer's TTFT is its latency (the
      // body read), not the headers' arrival.
      const whole = JSON.stringify({
        id: "x",
        object: "chat.completion",
        model: "m",
        choices: [{
          index: 0,
          message: { role: "assistant", content: PIECES.join("") },
          finish_reason: "length",
        }],
      });
      const late = new ReadableStream<Uint8Array>({
        async start(controller) {
          await new Promise((r) => setTimeout(r, BODY_DELAY_MS));
          controller.enqueue(new TextEncoder().encode(whole));
          controller.close();
        },
      });
      return new Response(late, { headers: { "content-type": "application/json" } });
    }
    const events = [
      chunk({ role: "assistant", content: "" }, null),
      ...PIECES.map((p, i) => chunk({ content: p }, i === PIECES.length - 1 ? "length" : null)),
      "data: [DONE]\n\n",
    ];
    return new Response(events.join(""), { headers: { "content-type": "text/event-stream" } });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/v1/chat/completions`,
    bodies,
    close: () => server.shutdown(),
  };
}

for (const stream of [true, false]) {
  Deno.test({
    ...opts,
    name: `perf against a server without usage (${
      stream ? "streamed" : "--no-stream"
    }): output tokens counted locally, and a warning says so`,
    async fn() {
      const server = serveWithoutUsage();
      try {
        await withTempDir(async (dir) => {
          const config = await configFrom([
            ...shellWords("--model m --parallel 2 --number 4 --max-tokens 8 --prompt 'Say hello.'"),
            ...["--url", server.url, "--outputs-dir", dir, "--no-test-connection"],
            ...(stream ? [] : ["--no-stream"]),
          ]);
          const out = capture();
          const report = await runPerfWithOutput(config, { print: out.print });
          const run = report.runs[0];
          assert.equal(run.summary.success, 4);
          assert.equal(run.summary.avgOutputTokens, 8);
          assert.ok((run.summary.avgInputTokens ?? 0) > 0, "prompt tokens counted locally");
          assert.equal(run.tokens.withUsage, 0);
          assert.equal(run.tokens.countedLocally, 4);
          assert.match(
            out.text(),
            /4 responses had no usage; their tokens were counted with the local tokenizer/,
          );
          assert.equal(server.bodies.length, 4);
          assert.ok(server.bodies.every((b) => b.stream === stream));
          if (!stream) {
            // TTFT = latency for a non-streamed answer; the body came 60 ms after the headers.
            const latencyMs = (run.summary.avgLatencyS ?? NaN) * 1000;
            const ttft = run.summary.avgTtftMs ?? NaN;
            assert.ok(Math.abs(ttft - latencyMs) <= 0.051, `TTFT ${ttft}, latency ${latencyMs}`);
            assert.ok(ttft >= BODY_DELAY_MS - 1, `TTFT ${ttft} ms before the body was sent`);
          }
        });
      } finally {
        await server.close();
      }
    },
  });
}

Deno.test({
  ...opts,
  name: "perf --no-stream end to end: one body per request, TTFT = latency, TPOT 0, usage tokens",
  async fn() {
    // 16 tokens: the simulator answers a whole body when its last token is due, 20 + 15 × 5 ms.
    const sim = await startSimulator({ ttftMs: 20, itlMs: 5, seed: 3 });
    try {
      await withTempDir(async (dir) => {
        const config = await configFrom([
          ...shellWords("--model m --parallel 2 --number 4 --max-tokens 16 --min-tokens 16"),
          ...shellWords("--prompt 'Tell me a story.' --no-stream --no-test-connection"),
          ...["--url", simEndpoints(sim).chat, "--outputs-dir", dir],
        ]);
        const report = await runPerfWithOutput(config, { print: capture().print });
        const s = report.runs[0].summary;
        assert.equal(s.success, 4);
        assert.equal(s.stream, 0);
        assert.equal(s.nonStream, 4);
        assert.equal(s.avgOutputTokens, 16);
        assert.equal(report.runs[0].tokens.withUsage, 4);
        // docs/perf-metrics.md: TTFT is the latency for a non-streamed answer; TPOT then 0.
        // (Avg latency is rounded to 0.1 ms in seconds, avg TTFT to 0.01 ms: they agree to 0.05.)
        const latencyMs = (s.avgLatencyS ?? NaN) * 1000;
        assert.ok(
          Math.abs((s.avgTtftMs ?? NaN) - latencyMs) <= 0.051,
          `${s.avgTtftMs} ${latencyMs}`,
        );
        assert.equal(s.avgTpotMs, 0);
        // Never earlier than the simulator can answer (a lower bound holds on any machine).
        assert.ok((s.avgLatencyS ?? 0) * 1000 >= 95 - 1, `avg latency ${s.avgLatencyS} s`);
        const log = sim.requests().filter((r) => r.outcome === "completed");
        assert.equal(log.length, 4);
        assert.ok(log.every((r) => r.stream === false), JSON.stringify(log.map((r) => r.stream)));
      });
    } finally {
      await sim.close();
    }
  },
});
