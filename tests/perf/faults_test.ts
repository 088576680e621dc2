import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import {
  capture,
  configFrom,
  simEndpoints,
  type SimulatorOptions,
  startSimulator,
  withTempDir,
} from "./helpers.ts";

interface Row {
  status: string;
  error_kind: string | null;
  error: string | null;
  http_status: number | null;
  success: number;
}

async function runAgainst(fault: SimulatorOptions, extra: string[] = []) {
  const sim = await startSimulator({ ttftMs: 5, itlMs: 1, seed: 3, ...fault });
  try {
    return await withTempDir(async (dir) => {
      const config = await configFrom([
        "--model",
        "m",
        "--url",
        simEndpoints(sim).chat,
        "--parallel",
        "2",
        "--number",
        "6",
        "--max-tokens",
        "8",
        "--prompt",
        "hi",
        "--outputs-dir",
        dir,
        "--no-test-connection",
        ...extra,
      ]);
      const out = capture();
      const report = await runPerfWithOutput(config, { print: out.print });
      const run = report.runs[0];
      const db = new DatabaseSync(join(run.dir, "benchmark_data.db"));
      const rows = db.prepare("SELECT status, error_kind, error, http_status, success FROM result")
        .all() as unknown as Row[];
      db.close();
      return { run, rows, text: out.text() };
    });
  } finally {
    await sim.close();
  }
}

const opts = { sanitizeResources: false, sanitizeOps: false };

Deno.test({
  ...opts,
  name:
    "faults: HTTP 500 answers are failed rows with status and message, counted, and the run goes on",
  async fn() {
    const { run, rows, text } = await runAgainst({ fault500Rate: 1 });
    assert.equal(run.summary.total, 6);
    assert.equal(run.summary.failed, 6);
    assert.equal(rows.length, 6);
    for (const r of rows) {
      assert.equal(r.status, "error");
      assert.equal(r.error_kind, "http");
      assert.equal(r.http_status, 500);
      assert.match(r.error ?? "", /HTTP 500/);
    }
    assert.deepEqual(run.extras.failuresByKind, { http: 6 });
    assert.match(text, /FAILED: no request succeeded \(http 6\)/);
    // Nothing was measured: no client figures, no "best" configuration made of zeros.
    assert.doesNotMatch(text, /Client: 0 events\/s/);
    assert.doesNotMatch(text, /Highest RPS/);
    assert.match(text, /no request succeeded in any run/);
  },
});

Deno.test({
  ...opts,
  name: "faults: cut streams are recorded as incomplete with the reason",
  async fn() {
    const { run, rows } = await runAgainst({ faultCutRate: 1, faultAfterTokens: 2 });
    assert.equal(run.summary.failed, 6);
    assert.ok(
      rows.every((r) => r.status === "incomplete" && r.error_kind === "cut"),
      JSON.stringify(rows[0]),
    );
    assert.equal(run.extras.incomplete, 6);
  },
});

Deno.test({
  ...opts,
  name: "faults: in-stream error events are failures, not successes",
  async fn() {
    const { run, rows } = await runAgainst({ faultStreamErrorRate: 1, faultAfterTokens: 2 });
    assert.equal(run.summary.success, 0);
    assert.ok(rows.every((r) => r.error_kind === "stream_error"), JSON.stringify(rows[0]));
    assert.match(rows[0].error ?? "", /error/);
  },
});

Deno.test({
  ...opts,
  name: "faults: a server that never answers times out per --read-timeout and is counted",
  async fn() {
    const { run, rows } = await runAgainst({ faultHangRate: 1 }, ["--read-timeout", "0.3"]);
    assert.equal(run.summary.failed, 6);
    assert.ok(rows.every((r) => r.error_kind === "timeout"), JSON.stringify(rows[0]));
    assert.match(rows[0].error ?? "", /read timeout/);
  },
});

Deno.test({
  ...opts,
  name: "faults: a mix of faults is counted exactly and successes are still measured",
  async fn() {
    const { run, rows } = await runAgainst({
      fault500Rate: 0.2,
      faultCutRate: 0.2,
      faultMalformedRate: 0.2,
    }, [
      "--number",
      "40",
      "--parallel",
      "4",
    ]);
    const failedRows = rows.filter((r) => r.success === 0).length;
    assert.equal(rows.length, 40);
    assert.equal(run.summary.total, 40);
    assert.equal(run.summary.failed, failedRows);
    assert.ok(failedRows > 0 && failedRows < 40, `${failedRows} failures`);
    const kinds = run.extras.failuresByKind;
    assert.equal(Object.values(kinds).reduce((a, b) => a + b, 0), failedRows);
    assert.ok((run.summary.avgTtftMs ?? 0) > 0);
  },
});
