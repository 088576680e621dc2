/**
 * perf against the simulator's pooling endpoints: `--api openai_embedding` and `openai_rerank`
 * send the bodies EvalScope sends (checked in the simulator's request log), and each run reports
 * its own summary: EvalScope's keys for embeddings and rerank, and no TTFT/TPOT.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { UserError } from "../../lib/errors.ts";
import type { RequestLogEntry } from "../../lib/sim/mod.ts";
import { capture, configFrom, shellWords, startSimulator, withTempDir } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

/** The summary keys of an embeddings or rerank run, in order: EvalScope's, then lmeter's. */
const POOLING_KEYS = [
  "Test Duration (s)",
  "Concurrency",
  "Request Rate (req/s)",
  "Total Requests",
  "Success Requests",
  "Failed Requests",
  "Stream Requests",
  "Non-Stream Requests",
  "Req Throughput (req/s)",
  "Avg Latency (s)",
  "Avg Input Tokens",
  "Input Throughput (tok/s)",
  "Wall Input Throughput (tok/s)",
  "Avg Items/Request",
  "Items Throughput (items/s)",
];

const readJson = async (path: string) => JSON.parse(await Deno.readTextFile(path));
const bodyOf = (e: RequestLogEntry) => e.body as Record<string, unknown>;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

Deno.test({
  ...opts,
  name:
    "perf --api openai_embedding --dataset random_embedding_batch: {model, input[4]} bodies, its own summary",
  async fn() {
    const sim = await startSimulator({ ttftMs: 5, itlMs: 0, logBodies: true, seed: 1 });
    try {
      await withTempDir(async (dir) => {
        const config = await configFrom([
          ...shellWords("--api openai_embedding --model emb --dataset random_embedding_batch"),
          ...shellWords(`--dataset-args '{"batch_size": 4}' --min-prompt-length 8`),
          ...shellWords("--max-prompt-length 16 --parallel 2 --number 6 --seed 7"),
          ...["--url", `${sim.url}/v1`, "--outputs-dir", dir, "--no-test-connection"],
        ]);
        assert.equal(config.url, `${sim.url}/v1/embeddings`);
        const out = capture();
        const report = await runPerfWithOutput(config, { print: out.print });
        const log = sim.requests();
        assert.equal(log.length, 6);
        for (const e of log) {
          assert.equal(e.endpoint, "/v1/embeddings");
          const body = bodyOf(e);
          // EvalScope's body exactly: no stream flag and no generation parameters.
          assert.deepEqual(Object.keys(body).sort(), ["input", "model"]);
          assert.equal(body.model, "emb");
          const input = body.input as string[];
          assert.equal(input.length, 4);
          for (const text of input) {
            const n = sim.tokenizer.count(text);
            assert.ok(n >= 8 && n <= 16, `${n} tokens`);
          }
          assert.equal(e.prompt_tokens, input.reduce((n, t) => n + sim.tokenizer.count(t), 0));
        }
        const run = report.runs[0];
        const s = run.summary;
        assert.equal(s.success, 6);
        assert.equal(s.nonStream, 6);
        assert.equal(s.avgItemsPerRequest, 4);
        const prompts = log.map((e) => e.prompt_tokens ?? 0);
        assert.equal(s.avgInputTokens, Math.round(mean(prompts) * 1e4) / 1e4);
        assert.equal(s.avgTtftMs, null);
        assert.equal(s.outputTps, null);
        // The random dataset aims at exact lengths: the server's counts agree, no warning.
        assert.deepEqual(run.tokens.warnings, []);
        const files = run.dir;
        const summary = await readJson(join(files, "benchmark_summary.json"));
        assert.deepEqual(Object.keys(summary), POOLING_KEYS);
        // EvalScope's Input Throughput: Σ input tokens / Σ latency, not wall time.
        const sumLatencyS = (s.avgLatencyS ?? 0) * s.success;
        const expected = prompts.reduce((a, b) => a + b, 0) / sumLatencyS;
        assert.ok(Math.abs(summary["Input Throughput (tok/s)"] - expected) / expected < 0.01);
        // Σ input tokens / Test Duration. The duration read back is rounded to 0.1 ms, which on a
        // run of a few milliseconds moves the quotient by more than 0.1%: the figure must lie
        // between the quotients of the two ends of that rounding interval.
        const inputSum = prompts.reduce((a, b) => a + b, 0);
        const wallFigure = summary["Wall Input Throughput (tok/s)"];
        const [wallLo, wallHi] = [inputSum / (s.durationS + 5e-5), inputSum / (s.durationS - 5e-5)];
        assert.ok(
          wallFigure >= wallLo * (1 - 1e-6) && wallFigure <= wallHi * (1 + 1e-6),
          `${wallFigure} outside [${wallLo}, ${wallHi}]`,
        );
        const rows = await readJson(join(files, "benchmark_percentile.json"));
        assert.deepEqual(Object.keys(rows[0]), [
          "Percentiles",
          "Latency (s)",
          "Input tokens",
          "Input (tok/s)",
          "Connect (ms)",
        ]);
        const text = out.text();
        assert.match(text, /Input Throughput \(tok\/s\)/);
        assert.doesNotMatch(text, /Avg TTFT/);
        assert.match(text, /Inp\.TPS/);
        const html = await Deno.readTextFile(join(config.outputDir, "perf_report.html"));
        assert.match(html, /Avg Inp\.TPS/);
        assert.match(html, /Input \(tok\/s\)/);
      });
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  ...opts,
  name:
    "perf --api openai_rerank --dataset random_rerank: {model, query, documents, top_n} to /v1/reranks, total_tokens as input",
  async fn() {
    const sim = await startSimulator({ ttftMs: 2, itlMs: 0, logBodies: true });
    try {
      await withTempDir(async (dir) => {
        const config = await configFrom([
          ...shellWords("--api openai_rerank --model rr --dataset random_rerank --seed 3"),
          ...shellWords(`--extra-args '{"num_documents": 3, "top_n": 2}'`),
          ...shellWords("--min-prompt-length 4 --max-prompt-length 6 --parallel 1 --number 3"),
          ...["--url", `${sim.url}/v1/reranks`, "--outputs-dir", dir],
        ]);
        assert.equal(config.url, `${sim.url}/v1/reranks`);
        const out = capture();
        const report = await runPerfWithOutput(config, { print: out.print });
        // The connection test, then the three requests; EvalScope's /reranks path reached.
        const log = sim.requests();
        assert.equal(log.length, 4);
        for (const e of log.slice(1)) {
          assert.equal(e.endpoint, "/v1/reranks");
          const body = bodyOf(e);
          assert.deepEqual(Object.keys(body).sort(), ["documents", "model", "query", "top_n"]);
          assert.equal(body.top_n, 2);
          const q = sim.tokenizer.count(body.query as string);
          assert.ok(q >= 4 && q <= 6);
          const docs = body.documents as string[];
          assert.equal(docs.length, 3);
          // document_length_ratio 5 (EvalScope's default).
          for (const d of docs) assert.equal(sim.tokenizer.count(d), 5 * q);
        }
        const s = report.runs[0].summary;
        assert.equal(s.success, 3);
        assert.equal(s.avgItemsPerRequest, 3);
        const pairs = log.slice(1).map((e) => e.prompt_tokens ?? 0);
        assert.equal(s.avgInputTokens, Math.round(mean(pairs) * 1e4) / 1e4);
        assert.deepEqual(report.runs[0].tokens.warnings, []);
        // EvalScope's --extra-args num_documents is a dataset option here, not a body key.
        assert.equal(config.datasetArgs.num_documents, 3);
        assert.deepEqual(config.body.extraArgs, { top_n: 2 });
        assert.match(out.text(), /Inp\.TPS/);
      });
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  ...opts,
  name: "perf --api rerank --dataset rerank reads a file; a base URL gets vLLM's /rerank",
  async fn() {
    const sim = await startSimulator({ ttftMs: 0, itlMs: 0, logBodies: true });
    try {
      await withTempDir(async (dir) => {
        const path = join(dir, "pairs.jsonl");
        await Deno.writeTextFile(
          path,
          [
            { query: "what is red", documents: ["red is a colour", "blue"] },
            { query: "sky", passages: [{ text: "the sky" }] },
            { query: "", documents: ["skipped: no query"] },
          ].map((v) => JSON.stringify(v)).join("\n"),
        );
        const config = await configFrom([
          ...shellWords("--api rerank --model rr --dataset rerank --parallel 1 --number 2"),
          ...["--dataset-path", path, "--no-test-connection"],
          ...["--url", `${sim.url}/v1`, "--outputs-dir", join(dir, "out")],
        ]);
        assert.equal(config.url, `${sim.url}/v1/rerank`);
        await runPerfWithOutput(config, { print: capture().print });
        assert.deepEqual(sim.requests().map(bodyOf), [
          { model: "rr", query: "what is red", documents: ["red is a colour", "blue"] },
          { model: "rr", query: "sky", documents: ["the sky"] },
        ]);
      });
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  ...opts,
  name: "perf --api embedding --dataset embedding_batch sends a .txt file's lines in batches",
  async fn() {
    const sim = await startSimulator({ ttftMs: 0, itlMs: 0, logBodies: true });
    try {
      await withTempDir(async (dir) => {
        const path = join(dir, "texts.txt");
        await Deno.writeTextFile(path, "alpha\n\nbeta\ngamma\n");
        const config = await configFrom([
          ...shellWords("--api embedding --model e --dataset embedding_batch --number 2"),
          ...shellWords(`--dataset-args '{"batch_size": 2}' --no-test-connection`),
          ...["--dataset-path", path, "--url", `${sim.url}/v1/embeddings`],
          ...["--outputs-dir", join(dir, "out")],
        ]);
        await runPerfWithOutput(config, { print: capture().print });
        assert.deepEqual(sim.requests().map((e) => bodyOf(e).input), [
          ["alpha", "beta"],
          ["gamma"],
        ]);
      });
    } finally {
      await sim.close();
    }
  },
});

Deno.test("perf refuses datasets the chosen --api cannot send", async () => {
  const refused = async (line: string, message: RegExp) => {
    await assert.rejects(configFrom(shellWords(`--model m ${line}`)), (e: unknown) => {
      assert.ok(e instanceof UserError);
      assert.match(e.message, message);
      return true;
    });
  };
  await refused("--dataset random_embedding", /makes embeddings requests/);
  await refused("--api openai_rerank --dataset openqa", /has prompts, not queries/);
  await refused(
    "--api openai_embedding --dataset random_embedding --tokenize-prompt",
    /--tokenize-prompt/,
  );
  await refused("--api openai_embedding --dataset random_rerank", /makes rerank requests/);
  await refused("--api nope", /Cannot use --api nope/);
});
