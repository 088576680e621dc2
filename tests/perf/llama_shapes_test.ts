/**
 * The simulator speaking llama-server's shapes (finish chunk, usage + finish + last token in one
 * write, timings with cache_n, connection closed after each stream, /tokenize), so what the real
 * server showed is covered without its binary.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { capture, configFrom, simEndpoints, withSimulator } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

Deno.test({
  ...opts,
  name:
    "llama.cpp shapes: no request lost to closed connections, no ITL gap from coalesced chunks, timings and cache_n read",
  async fn() {
    await withSimulator(
      { ttftMs: 3, itlMs: 2, seed: 1, llamaCpp: true, prefixCache: true },
      async (sim, dir) => {
        const config = await configFrom([
          "--model",
          "m",
          "--url",
          simEndpoints(sim).chat,
          "--parallel",
          "2",
          "--number",
          "8",
          "--max-tokens",
          "8",
          "--prompt",
          "the same prompt every time",
          "--outputs-dir",
          dir,
        ]);
        const out = capture();
        const report = await runPerfWithOutput(config, { print: out.print });
        const run = report.runs[0];
        const text = out.text();
        assert.equal(run.summary.success, 8, text);
        // Every stream ended with connection: close; each request connected anew.
        assert.equal(run.extras.newConnections, 8);
        assert.match(text, /closed the connection after every answer/);
        // The finish and usage chunks came in the last token's write.
        const db = new DatabaseSync(join(run.dir, "benchmark_data.db"));
        const rows = db.prepare(
          "SELECT inter_token_latencies, server_timings, cached_tokens, completion_tokens FROM result",
        ).all() as {
          inter_token_latencies: string;
          server_timings: string;
          cached_tokens: number;
          completion_tokens: number;
        }[];
        db.close();
        for (const r of rows) {
          const gaps = JSON.parse(r.inter_token_latencies) as number[];
          // One gap per pair of tokens: none from the role chunk written with the first token,
          // none to the finish and usage chunks written with the last (EvalScope's rule gives 9).
          assert.equal(gaps.length, r.completion_tokens - 1);
          const t = JSON.parse(r.server_timings);
          assert.equal(t.predictedN, r.completion_tokens);
        }
        // The prompt repeats: after the first two (in flight together) the cache serves it.
        assert.ok(rows.filter((r) => r.cached_tokens > 0).length >= 6);
        assert.ok((run.summary.cacheHitRatePct ?? 0) > 50);
        assert.match(text, /prefix cache served/);
        assert.match(report.warnings.join("\n"), /same --prompt/);
      },
    );
  },
});

Deno.test({
  ...opts,
  name:
    "the simulator's /tokenize and /detokenize answer with its tokenizer; vLLM shapes report cached_tokens",
  async fn() {
    await withSimulator({ ttftMs: 1, itlMs: 1, seed: 1, prefixCache: true }, async (sim) => {
      const post = (path: string, body: unknown) =>
        fetch(new URL(path, sim.url), { method: "POST", body: JSON.stringify(body) }).then((r) =>
          r.json()
        );
      const { tokens } = await post("/tokenize", { content: "Hello there" });
      assert.deepEqual(tokens, sim.tokenizer.encode("Hello there"));
      assert.equal((await post("/detokenize", { tokens })).content, "Hello there");
      const ask = () =>
        post("/v1/chat/completions", {
          model: "m",
          messages: [{ role: "user", content: "again" }],
          max_tokens: 2,
        });
      assert.equal((await ask()).usage.prompt_tokens_details.cached_tokens, 0);
      const second = await ask();
      assert.equal(second.usage.prompt_tokens_details.cached_tokens, second.usage.prompt_tokens);
      assert.equal(second.timings, undefined);
    });
  },
});

Deno.test({
  ...opts,
  name: "--tokenizer-path server sizes random prompts with the target's /tokenize and /detokenize",
  async fn() {
    await withSimulator({ ttftMs: 1, itlMs: 1, seed: 2, llamaCpp: true }, async (sim, dir) => {
      const config = await configFrom([
        "--model",
        "m",
        "--url",
        simEndpoints(sim).completions,
        "--parallel",
        "2",
        "--number",
        "6",
        "--max-tokens",
        "2",
        "--dataset",
        "random",
        "--min-prompt-length",
        "40",
        "--max-prompt-length",
        "90",
        "--tokenizer-path",
        "server",
        "--outputs-dir",
        dir,
      ]);
      assert.equal(config.serverTokenizer, true);
      const out = capture();
      const report = await runPerfWithOutput(config, { print: out.print });
      const run = report.runs[0];
      assert.equal(run.summary.success, 6, out.text());
      assert.equal(run.tokens.promptVsTarget, 1, JSON.stringify(run.tokens));
      assert.ok(sim.requests().length >= 6);
    });
  },
});
