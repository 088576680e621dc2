import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { PERCENTILE_FIELDS } from "../../lib/metrics/perf_percentiles.ts";
import { percentileLabel } from "../../lib/results/perf/evalscope_format.ts";
import { RESULT_COLUMNS } from "../../lib/results/perf/perf_db.ts";
import { capture, configFrom, simEndpoints, startSimulator, withTempDir } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

const SUMMARY_KEYS = [
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
  "Output Throughput (tok/s)",
  "Total Throughput (tok/s)",
  "Avg TTFT (ms)",
  "Avg TPOT (ms)",
  "Avg ITL (ms)",
  "Avg Output Tokens",
];

Deno.test({
  ...opts,
  name:
    "outputs: EvalScope's layout, JSON keys, a SQLite DB with JSON columns, masked args and root summaries",
  async fn() {
    const sim = await startSimulator({ ttftMs: 2, itlMs: 1, seed: 5 });
    try {
      await withTempDir(async (dir) => {
        const config = await configFrom([
          "--model",
          "org/my-model",
          "--url",
          simEndpoints(sim).chat,
          "--parallel",
          "1",
          "2",
          "--number",
          "3",
          "4",
          "--max-tokens",
          "6",
          "--prompt",
          "hi",
          "--outputs-dir",
          dir,
          "--api-key",
          "sk-supersecretvalue123",
          "--warmup-num",
          "2",
          "--percentiles",
          "10",
          "50",
          "99",
          "--slo",
          "ttft=1000ms,tpot=1000ms",
          "--enable-progress-tracker",
        ]);
        const report = await runPerfWithOutput(config, { print: capture().print });
        // <outputs>/<YYYYMMDD_HHMMSS>/<model basename>/
        assert.match(report.outputDir, new RegExp(`^${dir}/\\d{8}_\\d{6}/my-model$`));
        for (
          const f of [
            "performance_summary.txt",
            "perf_summary.json",
            "benchmark.log",
            "progress.json",
          ]
        ) {
          await Deno.stat(join(report.outputDir, f));
        }
        const root = JSON.parse(
          await Deno.readTextFile(join(report.outputDir, "perf_summary.json")),
        );
        assert.equal(root.schema, "lmeter.perf/1");
        assert.equal(root.runs.length, 2);
        assert.match(
          await Deno.readTextFile(join(report.outputDir, "performance_summary.txt")),
          /Performance Test Summary Report/,
        );

        const html = await Deno.readTextFile(join(report.outputDir, "perf_report.html"));
        assert.match(html, /parallel_2_number_4|Concurrency/);
        assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)="https?:/, "needs no network");

        const run = join(report.outputDir, "parallel_2_number_4");
        const summary = JSON.parse(await Deno.readTextFile(join(run, "benchmark_summary.json")));
        assert.deepEqual(Object.keys(summary), SUMMARY_KEYS);
        assert.equal(summary["Total Requests"], 4); // the 2 warm-up requests are excluded
        const pct = JSON.parse(await Deno.readTextFile(join(run, "benchmark_percentile.json")));
        assert.deepEqual(pct.map((r: Record<string, unknown>) => r.Percentiles), [
          "10%",
          "50%",
          "99%",
        ]);
        assert.deepEqual(Object.keys(pct[0]), [
          "Percentiles",
          ...PERCENTILE_FIELDS.map(percentileLabel),
        ]);
        const args = await Deno.readTextFile(join(run, "benchmark_args.json"));
        assert.ok(!args.includes("sk-supersecretvalue123"), "the API key must be masked");
        assert.match(args, /"api_key": "sk-\*\*\*23"/);
        const extra = JSON.parse(await Deno.readTextFile(join(run, "lmeter_summary.json")));
        assert.equal(extra.status, "complete");
        assert.equal(extra.warmup.requests, 2);
        assert.equal(extra.goodput.good, 4);

        const db = new DatabaseSync(join(run, "benchmark_data.db"));
        const cols = (db.prepare("PRAGMA table_info(result)").all() as { name: string }[]).map((
          c,
        ) => c.name);
        assert.deepEqual(cols, [...RESULT_COLUMNS]);
        const rows = db.prepare("SELECT * FROM result").all() as Record<string, unknown>[];
        assert.equal(rows.length, 4);
        const row = rows[0];
        assert.equal(JSON.parse(String(row.request)).model, "org/my-model");
        assert.ok(Array.isArray(JSON.parse(String(row.inter_token_latencies))));
        assert.equal(typeof JSON.parse(String(row.response_messages)).text, "string");
        assert.equal(row.status, "success");
        assert.equal(row.token_source, "usage");
        const meta = Object.fromEntries(
          (db.prepare("SELECT key, value FROM meta").all() as { key: string; value: string }[]).map(
            (m) => [m.key, m.value],
          ),
        );
        assert.equal(meta.schema_version, "1");
        assert.equal(meta.status, "complete");
        db.close();
      });
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  ...opts,
  name:
    "outputs: --no-timestamp and --name give <outputs>/<name>, rate runs are named rate_R.0_number_N",
  async fn() {
    const sim = await startSimulator({ ttftMs: 1, itlMs: 0, seed: 5 });
    try {
      await withTempDir(async (dir) => {
        const config = await configFrom([
          "--model",
          "m",
          "--url",
          simEndpoints(sim).chat,
          "--open-loop",
          "--rate",
          "50",
          "--number",
          "5",
          "--max-tokens",
          "4",
          "--prompt",
          "hi",
          "--outputs-dir",
          dir,
          "--no-timestamp",
          "--name",
          "nightly",
          "--seed",
          "1",
        ]);
        const report = await runPerfWithOutput(config, { print: capture().print });
        assert.equal(report.outputDir, join(dir, "nightly"));
        assert.equal(report.runs[0].name, "rate_50.0_number_5");
        assert.equal(report.runs[0].summary.concurrency, null, "open loop: no concurrency cap");
        assert.equal(report.runs[0].summary.rate, 50);
        const file = JSON.parse(
          await Deno.readTextFile(join(report.runs[0].dir, "benchmark_summary.json")),
        );
        assert.equal(file["Concurrency"], -1, "EvalScope's file says -1");
        assert.equal(report.runs[0].extras.sendLagMs.count, 5);
      });
    } finally {
      await sim.close();
    }
  },
});
