/**
 * lmeter perf against the real llama.cpp server: token counts agree with the server's own on every
 * request, TPOT agrees with its timings, no request is lost to a closed connection, and a run where
 * every request failed exits 1.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { main } from "../../lib/cli/main.ts";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { capture, configFrom, withTempDir } from "../perf/helpers.ts";
import { realServerTest, startRealServer } from "./server.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

interface Row {
  success: number;
  completion_tokens: number;
  chunk_count: number;
  time_per_output_token: number;
  response_messages: string;
  server_timings: string | null;
  new_connection: number;
}

for (const stream of [true, false]) {
  for (const parallel of [1, 2]) {
    Deno.test({
      ...opts,
      ...realServerTest(
        `real server: ${stream ? "streamed" : "non-streamed"} at --parallel ${parallel}: ` +
          "tokens equal usage and timings.predicted_n on every request; TPOT matches the server's",
      ),
      async fn() {
        const server = await startRealServer({ parallel: 2 });
        try {
          await withTempDir(async (dir) => {
            const config = await configFrom([
              "--model",
              "stories",
              "--url",
              server.chat,
              "--parallel",
              String(parallel),
              "--number",
              "8",
              "--max-tokens",
              "128",
              "--dataset",
              "random",
              "--min-prompt-length",
              "20",
              "--max-prompt-length",
              "40",
              "--extra-args",
              '{"ignore_eos": true}',
              "--outputs-dir",
              dir,
              ...(stream ? [] : ["--no-stream"]),
            ]);
            const out = capture();
            const report = await runPerfWithOutput(config, { print: out.print });
            const run = report.runs[0];
            assert.equal(run.summary.success, 8, out.text());
            const db = new DatabaseSync(join(run.dir, "benchmark_data.db"));
            const rows = db.prepare(
              "SELECT success, completion_tokens, chunk_count, time_per_output_token, " +
                "response_messages, server_timings, new_connection FROM result",
            ).all() as unknown as Row[];
            db.close();
            assert.equal(rows.length, 8);
            let tpotDiff = 0;
            for (const r of rows) {
              const usage = JSON.parse(r.response_messages).usage;
              const t = JSON.parse(r.server_timings ?? "null");
              assert.ok(t, "every answer carries timings");
              assert.equal(r.completion_tokens, 128);
              assert.equal(usage.completionTokens, 128);
              assert.equal(t.predictedN, 128);
              // role chunk + a chunk per token (two when a character spans them) + finish + usage
              if (stream) assert.ok(r.chunk_count <= 128 + 3 && r.chunk_count > 64 + 3);
              if (stream) tpotDiff += r.time_per_output_token * 1000 - t.predictedPerTokenMs;
            }
            if (stream) {
              const avg = tpotDiff / rows.length;
              console.log(`TPOT − predicted_per_token_ms averages ${avg.toFixed(4)} ms`);
              assert.ok(Math.abs(avg) <= 0.05, `TPOT − predicted_per_token_ms averages ${avg} ms`);
              // llama-server closes after every stream: every request connected anew, none failed.
              assert.equal(run.extras.newConnections, 8);
              assert.match(out.text(), /closed the connection after every answer/);
            }
          });
        } finally {
          await server.close();
        }
      },
    });
  }
}

Deno.test({
  ...opts,
  ...realServerTest(
    "real server: a run where every prompt exceeds the context exits 1, quoting the server once",
  ),
  async fn() {
    const server = await startRealServer({ parallel: 2, ctx: 256 });
    try {
      await withTempDir(async (dir) => {
        const errors: string[] = [];
        const log = console.log;
        const error = console.error;
        console.log = () => {};
        console.error = (...a: unknown[]) => errors.push(a.join(" "));
        let code;
        try {
          code = await main([
            "perf",
            "--model",
            "stories",
            "--url",
            server.chat,
            "--parallel",
            "2",
            "--number",
            "4",
            "--max-tokens",
            "8",
            "--prompt",
            "Once upon a time there was a little girl who liked to play. ".repeat(40),
            "--outputs-dir",
            dir,
            "--no-calibrate",
            "--no-test-connection",
          ]);
        } finally {
          console.log = log;
          console.error = error;
        }
        const text = errors.join("\n");
        assert.equal(code, 1, text);
        assert.match(text, /error: Cannot measure parallel_2_number_4: no request succeeded/);
        assert.equal(text.match(/exceeds the available context size/g)?.length, 1, text);
        assert.match(text, /hint: the prompts are longer than the server's context/);
      });
    } finally {
      await server.close();
    }
  },
});
