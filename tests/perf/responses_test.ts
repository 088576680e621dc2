/**
 * `--api openai_responses` end to end against the simulator's `/v1/responses`: the request body
 * (checked by the simulator, which refuses chat's names, and by its request log), TTFT at the first
 * output-text delta with the reasoning deltas before it kept apart, usage from
 * `response.completed`, and `response.failed` / a cut stream as failures.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { buildPerfConfig } from "../../lib/load/config.ts";
import { PERF_OPTIONS } from "../../lib/load/options.ts";
import { parseOptions } from "../../lib/config/schema.ts";
import { PERF_DATASETS } from "../../perf/mod.ts";
import { capture, configFrom, simEndpoints, startSimulator, withTempDir } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

const SIM = { ttftMs: 30, itlMs: 5, loremTokens: 12, reasoningTokens: 6, seed: 1 };
const PROMPT = "describe the weather";

function args(sim: { url: string }, dir: string, extra: string[] = []): string[] {
  return [
    ...["--model", "m", "--api", "openai_responses", "--url", simEndpoints(sim).chat],
    ...["--outputs-dir", dir, "--prompt", PROMPT, "--number", "6", "--parallel", "2"],
    ...["--max-tokens", "64", "--temperature", "0.5", "--no-test-connection"],
    ...extra,
  ];
}

Deno.test("--api openai_responses: the URL becomes /v1/responses, with a warning", async () => {
  const parsed = parseOptions({ name: "perf", summary: "", usage: "", options: PERF_OPTIONS }, [
    ...["--model", "m", "--api", "responses", "--url", "http://h:1/v1/chat/completions"],
    ...["--min-tokens", "5"],
  ]);
  const { config, warnings } = await buildPerfConfig(parsed.values, { datasets: PERF_DATASETS });
  assert.equal(config.url, "http://h:1/v1/responses");
  assert.equal(config.endpoint, "responses");
  assert.ok(
    warnings.some((w) => w.includes("not a Responses endpoint: using http://h:1/v1/responses")),
  );
  assert.ok(warnings.some((w) => w.includes("--min-tokens not sent")));
});

Deno.test(
  "--api openai_responses against the simulator: body, TTFT, reasoning and usage",
  opts,
  async () => {
    await using sim = await startSimulator(SIM);
    await withTempDir(async (dir) => {
      const config = await configFrom(args(sim, dir));
      const report = await runPerfWithOutput(config, { print: capture().print });
      const run = report.runs[0];
      assert.equal(run.summary.success, 6);
      // The simulator took every body (it answers 400 to chat's names) and logged what it read.
      const log = sim.requests();
      assert.equal(log.length, 6);
      for (const e of log) {
        assert.equal(e.endpoint, "/v1/responses");
        assert.equal(e.outcome, "completed");
        assert.equal(e.max_tokens, 64);
        assert.equal(e.stream, true);
        assert.equal(e.model, "m");
        assert.equal(e.last_user, PROMPT);
      }
      // Usage came from response.completed: the simulator's own counts.
      assert.equal(run.summary.avgOutputTokens, 18);
      assert.equal(run.summary.avgInputTokens, log[0].prompt_tokens);
      assert.equal(run.tokens.withUsage, 6);
      const db = new DatabaseSync(join(run.dir, "benchmark_data.db"));
      try {
        const rows = db.prepare(
          "select request, response_messages, first_chunk_latency, first_token_latency, " +
            "inter_token_latencies from result",
        ).all() as Record<string, string | number>[];
        for (const row of rows) {
          const body = JSON.parse(row.request as string);
          assert.deepEqual(body, {
            input: [{ role: "user", content: PROMPT }],
            model: "m",
            max_output_tokens: 64,
            stream: true,
            temperature: 0.5,
          });
          const msg = JSON.parse(row.response_messages as string);
          // Reasoning kept apart from the text; 6 reasoning and 12 content tokens.
          assert.ok(msg.reasoning.length > 0 && msg.text.length > 0);
          assert.ok(!msg.text.includes(msg.reasoning));
          assert.equal(msg.usage.completionTokens, 18);
          assert.equal(msg.usage.reasoningTokens, 6);
          // TTFT waits for the first output-text delta; the first reasoning delta came before it
          // (6 reasoning tokens at 5 ms each).
          assert.ok((row.first_chunk_latency as number) > (row.first_token_latency as number));
          // One gap per delta after the first token: 17.
          assert.equal(JSON.parse(row.inter_token_latencies as string).length, 17);
        }
      } finally {
        db.close();
      }
    });
  },
);

Deno.test(
  "--api openai_responses: response.failed and a cut stream are failures",
  opts,
  async () => {
    for (const [fault, kind] of [["stream_error", "stream_error"], ["cut", "cut"]]) {
      await using sim = await startSimulator({ ...SIM, faultAfterTokens: 3 });
      await withTempDir(async (dir) => {
        const config = await configFrom(args(sim, dir, ["--headers", `x-sim-fault=${fault}`]));
        const report = await runPerfWithOutput(config, { print: capture().print });
        const run = report.runs[0];
        assert.equal(run.summary.success, 0);
        assert.equal(run.extras.failuresByKind[kind], 6, fault);
        if (fault === "stream_error") {
          assert.match(run.extras.topFailures[0].reason, /simulated error in the stream/);
        }
      });
    }
  },
);
