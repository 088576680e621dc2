import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../../lib/cli/main.ts";
import { simEndpoints, startSimulator, withTempDir } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

async function quiet<T>(fn: () => Promise<T>): Promise<{ value: T; err: string }> {
  const errors: string[] = [];
  const origError = console.error;
  const origLog = console.log;
  console.error = (...a: unknown[]) => errors.push(a.join(" "));
  console.log = () => {};
  try {
    return { value: await fn(), err: errors.join("\n") };
  } finally {
    console.error = origError;
    console.log = origLog;
  }
}

Deno.test({
  ...opts,
  name:
    "lmeter perf --fail-on exits 1 with the condition and the measured value; 0 when it holds not",
  async fn() {
    const sim = await startSimulator({ ttftMs: 30, itlMs: 1, seed: 1 });
    try {
      await withTempDir(async (dir) => {
        const base = [
          "perf",
          "--model",
          "m",
          "--url",
          simEndpoints(sim).chat,
          "--parallel",
          "2",
          "--number",
          "4",
          "--max-tokens",
          "4",
          "--prompt",
          "hi",
          "--no-calibrate",
        ];
        // Each run its own folder: two runs in the same second share a timestamped folder.
        const out = (name: string) => ["--outputs-dir", join(dir, name)];
        const failing = await quiet(() =>
          main([...base, ...out("failing"), "--fail-on", "p99_ttft_ms>5,success_rate<99"])
        );
        assert.equal(failing.value, 1);
        assert.match(
          failing.err,
          /--fail-on: p99_ttft_ms>5 held in parallel_2_number_4 \(p99_ttft_ms = \d+(\.\d+)? ms\)/,
        );
        assert.doesNotMatch(failing.err, /success_rate<99 held/);
        const passing = await quiet(() =>
          main([...base, ...out("passing"), "--fail-on", "p99_ttft_ms>5000"])
        );
        assert.equal(passing.value, 0, passing.err);
      });
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  ...opts,
  name: "lmeter perf runs in a scoped worker with self-calibration and writes its files",
  async fn() {
    const sim = await startSimulator({ ttftMs: 5, itlMs: 1, seed: 1 });
    try {
      await withTempDir(async (dir) => {
        const { value } = await quiet(() =>
          main([
            "perf",
            "--model",
            "m",
            "--url",
            simEndpoints(sim).chat,
            "--parallel",
            "8", // the least concurrency that calibrates (CALIBRATE_MIN_PARALLEL)
            "--number",
            "8",
            "--max-tokens",
            "4",
            "--prompt",
            "hi",
            "--outputs-dir",
            dir,
            "--no-timestamp",
            "--name",
            "cal",
          ])
        );
        assert.equal(value, 0);
        const report = JSON.parse(await Deno.readTextFile(join(dir, "cal", "perf_summary.json")));
        assert.ok(report.calibration.maxEventsPerS > 0);
        assert.ok(report.calibration.costPerEventUs > 0);
        // Calibration also measures what a new connection per request costs the client.
        const fresh = report.calibration.addedTtftNewConnectionMs;
        assert.ok(fresh.avg > 0 && fresh.p99 >= fresh.p50, JSON.stringify(fresh));
        assert.ok(report.runs[0].client.ceilingUsedPct >= 0);
      });
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  ...opts,
  name: "lmeter perf stops after a bounded connection test with a clear error when nothing listens",
  async fn() {
    await withTempDir(async (dir) => {
      const { value, err } = await quiet(() =>
        main([
          "perf",
          "--model",
          "m",
          "--url",
          "http://127.0.0.1:9/v1/chat/completions",
          "--number",
          "1",
          "--prompt",
          "hi",
          "--outputs-dir",
          dir,
          "--no-calibrate",
        ])
      );
      assert.equal(value, 1);
      assert.match(
        err,
        /Cannot connect to http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions: the test request failed 3 times/,
      );
      assert.match(err, /--no-test-connection/);
    });
  },
});

Deno.test({
  ...opts,
  name:
    "lmeter perf exits 1 when no request of a run level succeeded, quoting the server once with a hint",
  async fn() {
    const sim = await startSimulator({ ttftMs: 1, itlMs: 1, seed: 1, fault500Rate: 1 });
    try {
      await withTempDir(async (dir) => {
        const out: string[] = [];
        const origLog = console.log;
        console.log = (...a: unknown[]) => out.push(a.join(" "));
        let r;
        try {
          r = await quiet(() =>
            main([
              "perf",
              "--model",
              "m",
              "--url",
              simEndpoints(sim).chat,
              "--parallel",
              "2",
              "--number",
              "4",
              "--max-tokens",
              "4",
              "--prompt",
              "hi",
              "--outputs-dir",
              dir,
              "--no-calibrate",
              "--no-test-connection",
            ])
          );
        } finally {
          console.log = origLog;
        }
        assert.equal(r.value, 1);
        assert.match(
          r.err,
          /error: Cannot measure parallel_2_number_4: no request succeeded \(.*500/,
        );
        assert.match(r.err, /hint: /);
        assert.equal(r.err.match(/HTTP 500/g)?.length, 1, r.err);
      });
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  ...opts,
  name:
    "lmeter perf exits 1 for each way the simulator can fail every request: HTTP 400, 429, cut streams, stream errors, timeouts",
  async fn() {
    const modes: { name: string; sim: Record<string, number>; flags?: string[]; says: RegExp }[] = [
      { name: "HTTP 400", sim: { maxModelLen: 8 }, says: /400/ },
      { name: "HTTP 429", sim: { fault429Rate: 1 }, says: /429/ },
      { name: "cut stream", sim: { faultCutRate: 1, faultAfterTokens: 1 }, says: /cut|closed/i },
      {
        name: "stream error",
        sim: { faultStreamErrorRate: 1, faultAfterTokens: 1 },
        says: /error/i,
      },
      {
        name: "timeout",
        sim: { faultHangRate: 1 },
        flags: ["--read-timeout", "0.3"],
        says: /time/i,
      },
    ];
    for (const mode of modes) {
      const sim = await startSimulator({ ttftMs: 1, itlMs: 1, seed: 2, ...mode.sim });
      try {
        await withTempDir(async (dir) => {
          const r = await quiet(() =>
            main([
              "perf",
              "--model",
              "m",
              "--url",
              simEndpoints(sim).chat,
              "--parallel",
              "2",
              "--number",
              "2",
              "--max-tokens",
              "16",
              "--prompt",
              "hi",
              "--outputs-dir",
              dir,
              "--no-calibrate",
              "--no-test-connection",
              ...(mode.flags ?? []),
            ])
          );
          assert.equal(r.value, 1, `${mode.name}: exit ${r.value}\n${r.err}`);
          assert.match(r.err, /no request succeeded/, mode.name);
          assert.match(r.err, mode.says, `${mode.name}: ${r.err}`);
        });
      } finally {
        await sim.close();
      }
    }
  },
});
