import assert from "node:assert/strict";
import type { PerfConfig } from "../../load/config.ts";
import { summarizeRun } from "../../load/run_benchmark.ts";
import { RunData } from "../../metrics/run_data.ts";
import { streamed } from "../../metrics/test_samples.ts";
import { TokenLedger } from "../../metrics/token_reconcile.ts";
import type { PerfReport, PerfRunResult } from "../../results/perf/schema.ts";
import { percentileResultsTable, runReport, summaryTable } from "./run_tables.ts";
import {
  bestConfiguration,
  detailedMetrics,
  headroomLines,
  recommendations,
  sweepReport,
  workloadTable,
} from "./sweep_report.ts";
import { boxTable, gridTable } from "../../util/text_table.ts";

const config = {
  percentileMethod: "floor",
  percentiles: [50, 99],
  slo: undefined,
  gates: [],
} as unknown as PerfConfig;

/** `n` identical requests sent `spacing` ms apart: TTFT `ttft` ms, 3 tokens 10 ms apart. */
function run(p: number, n: number, ttft: number, spacing = 100): PerfRunResult {
  const data = new RunData();
  for (let i = 0; i < n; i++) {
    data.add(streamed({ sent: i * spacing, ttft, gaps: [10, 10], prompt: 5, completion: 3 }));
  }
  return summarizeRun({ config, calibration: null }, {
    plan: { parallel: p, number: n, rate: -1, openLoop: false },
    name: `parallel_${p}_number_${n}`,
    dir: "/x",
    index: 0,
    offset: 0,
  }, {
    data,
    ledger: new TokenLedger(),
    warm: { requests: 0, failed: 0 },
    events: n * 4,
    cpuUs: 0,
  });
}

function report(runs: PerfRunResult[]): PerfReport {
  return {
    schema: "lmeter.perf/1",
    lmeterVersion: "0",
    model: "m",
    url: "u",
    api: "openai",
    dataset: "openqa",
    startedAt: "",
    finishedAt: "",
    outputDir: "/out",
    status: "complete",
    calibration: null,
    runs,
    gateFailures: 0,
    warnings: [],
  };
}

Deno.test("detailedMetrics() prints one row per run, sorted by concurrency, units in the headers", () => {
  const text = detailedMetrics([run(4, 4, 300), run(1, 2, 100)]);
  const lines = text.split("\n");
  assert.match(lines[0], /Detailed Performance Metrics/);
  assert.match(text, /TTFT\(ms\)/);
  assert.match(text, /Lat\.\(s\)/);
  const rows = lines.filter((l) => l.startsWith("│"));
  assert.equal(rows.length, 2);
  // Concurrency 1: 2 requests 100 ms apart, each 0.12 s: wall 0.22 s → 9.09 req/s.
  assert.equal(
    rows[0],
    "│     1 │ 9.09 │   0.120 │   0.120 │  27.27 │   100.00 │   100.00 │    10.00 │    10.00 │  100.0% │",
  );
  assert.ok(rows[1].startsWith("│     4 │"));
});

Deno.test("bestConfiguration() and recommendations() follow EvalScope's rules", () => {
  // Concurrency 4: 4 requests 10 ms apart, 0.32 s each: wall 0.35 s → 11.43 req/s.
  const runs = [run(1, 2, 100), run(4, 4, 300, 10)];
  assert.deepEqual(bestConfiguration(runs), [
    ["Highest RPS", "Concurrency 4 (11.43 req/sec)"],
    ["Lowest Latency", "Concurrency 1 (0.120 seconds)"],
  ]);
  assert.deepEqual(recommendations(runs), [
    "The system seems not to have reached its performance bottleneck, try higher concurrency",
  ]);
  const slow = [run(1, 2, 10), run(4, 2, 1000)];
  assert.match(
    recommendations(slow).join("\n"),
    /Latency grew .*× from the lowest to the highest load/,
  );
});

Deno.test("sweepReport() has the panel, Basic Information totals and the headroom line", () => {
  const text = sweepReport(report([run(1, 2, 100)]));
  assert.match(text, /│ Performance Test Summary Report/);
  assert.match(text, /│ Total Generated +│ 6\.0 tokens/);
  assert.match(text, /│ Total Test Time +│ 0\.22 seconds/);
  assert.match(text, /│ Avg Output Rate +│ 27\.27 tokens\/sec/);
  assert.match(text, /Client headroom: not measured/);
});

Deno.test("run tables print every summary key and percentile row", () => {
  const r = run(2, 3, 50);
  const s = summaryTable(r);
  assert.match(s, /^Benchmarking summary:\n\+-+\+-+\+\n\| Key +\| Value +\|\n\+=+\+=+\+/);
  assert.match(s, /\| Avg TTFT \(ms\) +\| +50 \|/);
  const p = percentileResultsTable(r);
  assert.match(p, /\| Percentiles \| TTFT \(ms\) \| ITL \(ms\) \|/);
  assert.ok(p.includes("|     50%     |"));
  assert.match(runReport(r), /Run parallel_2_number_3: complete/);
});

Deno.test("tables align wide characters and multi-line headers", () => {
  const grid = gridTable(["k", "v"], [["熵", "1"]], { minPadding: 0 }).split("\n");
  assert.equal(grid[1], "| k  | v |");
  assert.equal(grid[3], "| 熵 | 1 |");
  const box = boxTable([["a"], ["Avg", "TTFT(ms)"]], [["1", "2"]]);
  assert.equal(box.split("\n")[1], "┃   ┃      Avg ┃");
  assert.equal(box.split("\n")[2], "┃ a ┃ TTFT(ms) ┃");
});

Deno.test("headroomLines() prints the ceiling and warns when a run used more than 70% of it", () => {
  const busy = run(1, 2, 100);
  busy.client.ceilingUsedPct = 82.5;
  const r = report([busy]);
  r.calibration = {
    concurrency: 64,
    maxReqPerS: 3000,
    maxEventsPerS: 150_000,
    addedTtftMs: { avg: 0.8, p50: 0.7, p99: 2.1 },
    costPerRequestUs: 120,
    costPerEventUs: 6.5,
    durationS: 2.3,
  };
  const lines = headroomLines(r).join("\n");
  assert.match(lines, /ceiling 150000 events\/s and 3000\.0 req\/s at concurrency 64/);
  assert.match(lines, /used 82\.5% of the client's ceiling/);
  assert.match(lines, /Above 70% of its ceiling/);
  busy.client.ceilingUsedPct = 40;
  assert.doesNotMatch(headroomLines(r).join("\n"), /Above 70%/);
});

Deno.test("workloadTable() prints each run's three windows in tok/s; runs without successes are left out", () => {
  const a = run(4, 4, 50);
  a.workload = {
    n_samples: 4,
    wall_time_s: 50,
    last_window_s: 30,
    warmup_frac: 0.2,
    rows: [
      { metric: "Total Prompt tok/s", overall: 120, last_window: 110.5, steady_state: 115.25 },
      { metric: "New Prompt tok/s", overall: 100, last_window: 90, steady_state: 95 },
      { metric: "Cached Prompt tok/s", overall: 20, last_window: 20.5, steady_state: 20.25 },
      { metric: "Completion tok/s", overall: 300, last_window: 310, steady_state: 305 },
    ],
  };
  const b = run(1, 2, 50); // no workload: nothing succeeded
  const table = workloadTable([a, b]);
  const lines = table.split("\n");
  assert.match(lines[0], /Workload Throughput/);
  assert.ok(table.includes("(tok/s)"));
  const body = lines.filter((l) => l.startsWith("│"));
  const cells = (l: string) => l.split("│").slice(1, -1).map((c) => c.trim());
  const rows = body.map(cells).filter((c) => /Overall|Last|Steady/.test(c[1]));
  assert.deepEqual(rows, [
    ["Concurrency 4", "Overall", "120.00", "100.00", "20.00", "300.00"],
    ["", "Last 30s", "110.50", "90.00", "20.50", "310.00"],
    ["", "Steady (drop 20%)", "115.25", "95.00", "20.25", "305.00"],
  ]);
  assert.ok(!table.includes("Concurrency 1"));
  assert.equal(workloadTable([b]), "");
  assert.ok(!sweepReport(report([b])).includes("Workload Throughput"));
  assert.ok(sweepReport(report([a, b])).includes("Workload Throughput"));
});

Deno.test("a run whose server closed after every answer warns, and the headroom shows the new-connection cost", () => {
  const data = new RunData();
  for (let i = 0; i < 8; i++) {
    const s = streamed({ sent: i * 100, ttft: 5, gaps: [1, 1], prompt: 5, completion: 3 });
    data.add({ ...s, connectMs: 0.25 + i * 0.01, newConnection: true });
  }
  const closing = summarizeRun({ config, calibration: null }, {
    plan: { parallel: 2, number: 8, rate: -1, openLoop: false },
    name: "parallel_2_number_8",
    dir: "/x",
    index: 0,
    offset: 0,
  }, { data, ledger: new TokenLedger(), warm: { requests: 0, failed: 0 }, events: 32, cpuUs: 0 });
  assert.equal(closing.extras.newConnections, 8);
  const text = runReport(closing);
  assert.match(
    text,
    /Connections: 8 of 8 requests opened a new connection \(connect avg 0\.285 ms/,
  );
  assert.match(text, /closed the connection after every answer/);
  const r = report([closing]);
  r.calibration = {
    concurrency: 16,
    maxReqPerS: 3000,
    maxEventsPerS: 150_000,
    addedTtftMs: { avg: 0.12, p50: 0.1, p99: 0.3 },
    addedTtftNewConnectionMs: { avg: 0.45, p50: 0.4, p99: 0.9 },
    costPerRequestUs: 120,
    costPerEventUs: 6.5,
    durationS: 2.3,
  };
  assert.match(
    headroomLines(r)[0],
    /with a new connection per request, as this server needs: avg 0\.45 ms/,
  );
  // A server that keeps connections: no warning, no new-connection figure.
  const kept = run(2, 8, 5);
  assert.doesNotMatch(runReport(kept), /closed the connection after every answer/);
  assert.doesNotMatch(headroomLines({ ...r, runs: [kept] })[0], /new connection/);
});

Deno.test("a run that never reached its concurrency warns in its lines, the recommendations and the headroom", () => {
  // 8 slots asked; requests ~120 ms long sent 100 ms apart: at most 2 in flight.
  const slow = run(8, 16, 100);
  assert.deepEqual(slow.extras.concurrency?.max, 2);
  const text = runReport(slow);
  assert.match(text, /Concurrency: requested 8; achieved max 2, time-weighted mean [\d.]+/);
  assert.match(
    text,
    /! requested concurrency 8 was not reached: at most 2 requests were in flight/,
  );
  assert.ok(
    recommendations([slow]).some((r) => /parallel_8_number_16: requested concurrency 8/.test(r)),
  );
  const r = report([slow]);
  r.calibration = {
    concurrency: 64,
    maxReqPerS: 3000,
    maxEventsPerS: 150_000,
    addedTtftMs: { avg: 0.8, p50: 0.7, p99: 2.1 },
    costPerRequestUs: 120,
    costPerEventUs: 6.5,
    durationS: 2.3,
  };
  assert.match(headroomLines(r).join("\n"), /the client, not the server, limited these runs/);
  assert.doesNotMatch(sweepReport(r), /No issues found/);
  // All 16 sent together: 16 in flight, no warning.
  const full = run(8, 16, 100, 0);
  assert.equal(full.extras.concurrency?.max, 16);
  assert.deepEqual(recommendations([full]), []);
});
