/**
 * Multi-turn runs against the simulator's block prefix cache: the cache hit rate lmeter reports is
 * the simulator's own count, every later turn is cached exactly as far as the previous prompt and
 * its real reply go, TTFT follows the uncached tokens, custom conversations are split at the
 * assistant messages, and a failed turn ends only its own conversation.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { capture, configFrom, simEndpoints, withSimulator } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

/** A row of `benchmark_data.db` as the test reads it. */
interface Row {
  body: { messages: { role: string; content: string }[] };
  text: string;
  success: number;
  prompt: number;
  cached: number | null;
  ttftS: number | null;
  turn: number;
  traceId: string;
  first: number;
  last: number;
}

function readRows(dir: string): Row[] {
  const db = new DatabaseSync(join(dir, "benchmark_data.db"), { readOnly: true });
  try {
    return db.prepare(
      `SELECT request, response_messages, success, prompt_tokens, cached_tokens,
        first_chunk_latency, input_num_turns, trace_id, is_first_turn, is_last_turn
       FROM result ORDER BY trace_id, input_num_turns`,
    ).all().map((r) => ({
      body: JSON.parse(r.request as string),
      text: JSON.parse(r.response_messages as string).text,
      success: r.success as number,
      prompt: r.prompt_tokens as number,
      cached: r.cached_tokens as number | null,
      ttftS: r.first_chunk_latency as number | null,
      turn: r.input_num_turns as number,
      traceId: r.trace_id as string,
      first: r.is_first_turn as number,
      last: r.is_last_turn as number,
    }));
  } finally {
    db.close();
  }
}

function byTrace(rows: Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) out.set(r.traceId, [...(out.get(r.traceId) ?? []), r]);
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

Deno.test({
  ...opts,
  name:
    "multi-turn: the KV cache hit rate is the simulator's count, later turns hit prompt + real reply, TTFT follows uncached tokens",
  async fn() {
    const told = { ttftMs: 2, prefillMsPerToken: 0.05, block: 16 };
    await withSimulator({
      ttftMs: told.ttftMs,
      itlMs: 0,
      prefillMsPerToken: told.prefillMsPerToken,
      prefixCacheBlock: told.block,
      loremTokens: 12,
      seed: 3,
    }, async (sim, dir) => {
      const config = await configFrom([
        "--model",
        "m",
        "--url",
        simEndpoints(sim).chat,
        "--parallel",
        "2",
        "--number",
        "6",
        "--dataset",
        "random_multi_turn",
        "--multi-turn",
        "--min-turns",
        "2",
        "--max-turns",
        "4",
        "--min-prompt-length",
        "40",
        "--max-prompt-length",
        "120",
        "--max-tokens",
        "12",
        "--session-header",
        "x-session-id",
        "--no-test-connection",
        "--seed",
        "5",
        "--outputs-dir",
        dir,
      ]);
      const out = capture();
      const report = await runPerfWithOutput(config, { print: out.print });
      const run = report.runs[0];
      const rows = readRows(run.dir);
      const traces = byTrace(rows);
      assert.equal(traces.size, 6, "--number counts conversations");
      assert.equal(run.summary.failed, 0, out.text());
      // Each conversation: turns 1..k in order, first and last flagged, 2 to 4 turns.
      for (const turns of traces.values()) {
        assert.deepEqual(turns.map((r) => r.turn), turns.map((_, i) => i + 1));
        assert.deepEqual(turns.map((r) => r.first), turns.map((_, i) => (i === 0 ? 1 : 0)));
        assert.deepEqual(
          turns.map((r) => r.last),
          turns.map((_, i) => (i === turns.length - 1 ? 1 : 0)),
        );
        assert.ok(turns.length >= 2 && turns.length <= 4);
      }
      // lmeter's hit rate is the simulator's count, token for token.
      const stats = sim.stats();
      const cached = rows.reduce((a, r) => a + r.cached!, 0);
      const prompt = rows.reduce((a, r) => a + r.prompt, 0);
      assert.equal(cached, stats.prefixCacheHits);
      assert.equal(prompt, stats.prefixCacheQueries);
      assert.ok(cached > 0);
      assert.equal(run.summary.cacheHitRatePct, Math.round((cached / prompt) * 1e4) / 100);
      assert.equal(run.summary.estimatedCacheHitRatePct, undefined, "the server reported them all");
      // The simulator's model predicts every hit: a first turn none; a later turn the whole
      // blocks of the previous prompt followed by the previous reply, which it can only find if
      // the reply sent back is the real one.
      for (const turns of traces.values()) {
        turns.forEach((r, i) => {
          const prev = turns[i - 1];
          const shared = prev ? prev.prompt + sim.tokenizer.encode(prev.text).length : 0;
          assert.equal(r.cached, Math.floor(shared / told.block) * told.block, r.traceId);
          if (prev) {
            assert.deepEqual(r.body.messages.at(-2), { role: "assistant", content: prev.text });
          }
        });
      }
      // TTFT: the model prefills only the uncached tokens, so the first turns, cached nowhere,
      // are predicted slower than the later ones. No TTFT lmeter measured is below the time the
      // simulator really took to its first write (its log's first_write_ms, 3 decimals).
      const planned = (r: Row) => told.ttftMs + told.prefillMsPerToken * (r.prompt - r.cached!);
      const log = sim.requests();
      for (const [id, turns] of traces) {
        const writes = log.filter((e) => e.session === id).map((e) => e.first_write_ms!);
        assert.equal(writes.length, turns.length);
        turns.forEach((r, i) => assert.ok(r.ttftS! * 1000 >= writes[i] - 0.001, `${id} ${r.turn}`));
      }
      const firsts = rows.filter((r) => r.first === 1);
      const later = rows.filter((r) => r.first === 0);
      assert.ok(mean(firsts.map(planned)) > mean(later.map(planned)));
      const ms = (xs: Row[]) => Math.round(mean(xs.map((r) => r.ttftS! * 1000)) * 100) / 100;
      assert.equal(run.summary.firstTurnTtftMs, ms(firsts));
      assert.equal(run.summary.subsequentTurnTtftMs, ms(later));
      assert.equal(
        run.summary.avgTurnsPerRequest,
        Math.round(mean(rows.map((r) => r.turn)) * 1e4) / 1e4,
      );
      // Sticky sessions: every request carried its conversation's id.
      assert.deepEqual(
        new Set(log.map((e) => e.session)),
        new Set(traces.keys()),
      );
      const file = JSON.parse(await Deno.readTextFile(join(run.dir, "benchmark_summary.json")));
      for (
        const key of [
          "Avg Turns/Request",
          "KV Cache Hit Rate (%)",
          "Avg First-Turn TTFT (ms)",
          "Avg Subsequent-Turn TTFT (ms)",
        ]
      ) assert.ok(key in file, key);
      const trace = JSON.parse(await Deno.readTextFile(join(run.dir, "trace_summary.json")));
      assert.equal(trace.n_traces, 6);
      assert.match(out.text(), /Per-Trace Metrics \(6 conversations\)/);
    });
  },
});

Deno.test({
  ...opts,
  name:
    "custom_multi_turn: turns split at assistant messages carry the real replies; a failed turn ends only its conversation",
  async fn() {
    // Seed 7 fails the 4th request the simulator sees (and a few later ones) with a 500.
    await withSimulator(
      { ttftMs: 1, itlMs: 0, loremTokens: 4, seed: 7, fault500Rate: 0.25 },
      async (sim, dir) => {
        const path = join(dir, "conversations.jsonl");
        const line = (k: number) =>
          JSON.stringify([
            { role: "system", content: `be brief ${k}` },
            { role: "user", content: `first ${k}` },
            { role: "assistant", content: "DATASET REPLY" },
            { role: "user", content: `second ${k}` },
            { role: "assistant", content: "DATASET REPLY" },
            { role: "user", content: `third ${k}` },
          ]);
        await Deno.writeTextFile(path, [0, 1, 2, 3].map(line).join("\n") + "\n");
        const config = await configFrom([
          "--model",
          "m",
          "--url",
          simEndpoints(sim).chat,
          "--parallel",
          "2",
          "--number",
          "4",
          "--dataset",
          "custom_multi_turn",
          "--dataset-path",
          path,
          "--multi-turn",
          "--max-tokens",
          "4",
          "--no-test-connection",
          "--outputs-dir",
          dir,
        ]);
        const report = await runPerfWithOutput(config, { print: () => {} });
        const run = report.runs[0];
        const rows = readRows(run.dir);
        const traces = byTrace(rows);
        assert.equal(traces.size, 4, "a conversation that failed still counts");
        assert.ok(run.summary.failed >= 1);
        assert.equal(run.summary.total, rows.length);
        let finished = 0;
        for (const turns of traces.values()) {
          const failedAt = turns.findIndex((r) => r.success === 0);
          if (failedAt >= 0) {
            assert.equal(failedAt, turns.length - 1, "nothing is sent after a failed turn");
            assert.equal(turns[failedAt].last, 1);
          } else if (turns.length === 3) finished++;
          const k = turns[0].body.messages[0].content.slice(-1);
          assert.deepEqual(turns[0].body.messages, [
            { role: "system", content: `be brief ${k}` },
            { role: "user", content: `first ${k}` },
          ]);
          if (turns[1]) {
            assert.deepEqual(turns[1].body.messages.slice(2), [
              { role: "assistant", content: turns[0].text },
              { role: "user", content: `second ${k}` },
            ]);
          }
          for (const r of turns) {
            assert.ok(
              !JSON.stringify(r.body).includes("DATASET REPLY"),
              "dataset replies are dropped",
            );
          }
        }
        assert.ok(finished >= 1, "the other conversations went on");
      },
    );
  },
});
