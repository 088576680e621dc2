/**
 * Trace replay against the simulator's block prefix cache: requests leave at the trace's times
 * (late only by the send lag the dispatcher records), and the cache hits the simulator counts are
 * exactly those the trace's hash ids imply.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { MOONCAKE_BLOCK } from "../../perf/trace.ts";
import { capture, configFrom, simEndpoints, withSimulator } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };
const BLOCK = 16;

/** A Mooncake trace: a shared root block, three branches, a tail of its own; some rows short. */
function trace(): {
  timestamp: number;
  input_length: number;
  output_length: number;
  hash_ids: number[];
}[] {
  return Array.from({ length: 20 }, (_, i) => {
    const short = i % 7 === 6;
    return {
      timestamp: 1000 + i * 100,
      input_length: short ? 300 + i : 2 * MOONCAKE_BLOCK + 1 + ((i * 37) % 400),
      output_length: 3,
      hash_ids: short ? [0] : [0, 1 + (i % 3), 10 + i],
    };
  });
}

/** Tokens row `a` shares with row `b` at the start: equal ids, each block as far as both go. */
function common(a: ReturnType<typeof trace>[number], b: ReturnType<typeof trace>[number]): number {
  const len = (r: typeof a, k: number) =>
    Math.max(0, Math.min(MOONCAKE_BLOCK, r.input_length - k * MOONCAKE_BLOCK));
  let n = 0;
  for (let k = 0; k < Math.min(a.hash_ids.length, b.hash_ids.length); k++) {
    if (a.hash_ids[k] !== b.hash_ids[k]) break;
    n += Math.min(len(a, k), len(b, k));
    if (len(a, k) !== len(b, k)) break;
  }
  return n;
}

Deno.test({
  ...opts,
  name:
    "mooncake_trace: sends follow the trace within the recorded lag; the simulator's cache hits are the ones the hash ids imply",
  async fn() {
    await withSimulator(
      { ttftMs: 1, itlMs: 0, prefixCacheBlock: BLOCK, loremTokens: 3, seed: 1 },
      async (sim, dir) => {
        const rows = trace();
        const path = join(dir, "trace.jsonl");
        // Out of order in the file: replay sorts by timestamp.
        const lines = rows.map((r) => JSON.stringify(r));
        await Deno.writeTextFile(
          path,
          [...lines.slice(10), ...lines.slice(0, 10)].join("\n") + "\n",
        );
        const speedup = 2;
        const config = await configFrom([
          "--model",
          "m",
          "--url",
          simEndpoints(sim).completions,
          "--dataset",
          "mooncake_trace",
          "--dataset-path",
          path,
          "--open-loop",
          "--trace-speedup",
          String(speedup),
          "--number",
          "20",
          "--no-test-connection",
          "--outputs-dir",
          dir,
        ]);
        const out = capture();
        const report = await runPerfWithOutput(config, { print: out.print });
        const run = report.runs[0];
        assert.equal(run.summary.success, 20, out.text());
        const db = new DatabaseSync(join(run.dir, "benchmark_data.db"), { readOnly: true });
        const got = db.prepare(
          "SELECT intended_time, start_time, prompt_tokens, cached_tokens FROM result ORDER BY intended_time",
        ).all() as {
          intended_time: number;
          start_time: number;
          prompt_tokens: number;
          cached_tokens: number;
        }[];
        db.close();
        // The intended send times are the trace's, sped up; every send is off its trace time by
        // at most the largest send lag the run reports (early only by the timer's resolution,
        // which the recorded lag counts as 0).
        const t0 = got[0].intended_time;
        got.forEach((g, i) => {
          const want = (rows[i].timestamp - rows[0].timestamp) / speedup / 1000;
          assert.ok(Math.abs(g.intended_time - t0 - want) < 1e-9, `row ${i}`);
        });
        const lags = got.map((g) => (g.start_time - g.intended_time) * 1000);
        const maxLag = run.extras.sendLagMs.max!;
        assert.ok(Math.abs(Math.max(0, ...lags) - maxLag) < 1e-3);
        for (const lag of lags) assert.ok(lag > -1 && lag <= maxLag + 1e-3, `lag ${lag} ms`);
        // Prompts have the trace's lengths, and the hits are exactly what the hash ids imply.
        got.forEach((g, i) => {
          assert.equal(g.prompt_tokens, rows[i].input_length, `row ${i}`);
          const shared = Math.max(0, ...rows.slice(0, i).map((r) => common(rows[i], r)));
          const implied = Math.floor(Math.min(shared, rows[i].input_length - 1) / BLOCK) * BLOCK;
          assert.equal(g.cached_tokens, implied, `row ${i}`);
        });
        const hits = got.reduce((a, g) => a + g.cached_tokens, 0);
        assert.equal(hits, sim.stats().prefixCacheHits);
        assert.ok(hits > 0);
      },
    );
  },
});

Deno.test({
  ...opts,
  name: "length_trace: a CSV of timestamp, input_len, output_len replays with exact prompt lengths",
  async fn() {
    await withSimulator({ ttftMs: 1, itlMs: 0, loremTokens: 2, seed: 1 }, async (sim, dir) => {
      const path = join(dir, "trace.csv");
      await Deno.writeTextFile(
        path,
        "timestamp,input_len,output_len\n0,40,2\n30,70,2\n60,25,2\n",
      );
      const config = await configFrom([
        "--model",
        "m",
        "--url",
        simEndpoints(sim).chat,
        "--dataset",
        "length_trace",
        "--dataset-path",
        path,
        "--open-loop",
        "--number",
        "3",
        "--no-test-connection",
        "--outputs-dir",
        dir,
      ]);
      const report = await runPerfWithOutput(config, { print: () => {} });
      assert.equal(report.runs[0].summary.success, 3);
      assert.deepEqual(sim.requests().map((e) => [e.prompt_tokens, e.max_tokens]), [
        [40, 2],
        [70, 2],
        [25, 2],
      ]);
      assert.equal(report.runs[0].tokens.promptVsTarget, 1);
    });
  },
});
