import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { simEndpoints, withSimulator } from "./helpers.ts";

// Enough streams that Ctrl-C lands while hundreds of connections are still being opened (where
// closing one twice used to throw BadResource and crash the job); no more than that. Needs about
// 2 x PARALLEL file descriptors (client + simulator): .ci/run raises `ulimit -n`.
const PARALLEL = 2000;
const MAIN = new URL("../../main.ts", import.meta.url).pathname;

Deno.test({
  name:
    "Ctrl-C at --parallel 2000 through the real transport: exit 130, files written, a row per completed request",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withSimulator({ ttftMs: 50, itlMs: 20, loremTokens: 20, seed: 1 }, async (sim, dir) => {
      const child = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-all",
          MAIN,
          "perf",
          "--model",
          "lmeter-sim",
          "--url",
          simEndpoints(sim).chat,
          "--parallel",
          String(PARALLEL),
          "--number",
          String(PARALLEL * 2),
          "--max-tokens",
          "20",
          "--prompt",
          "hi",
          "--no-calibrate",
          "--no-timestamp",
          "--outputs-dir",
          dir,
        ],
        env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
        stdout: "null",
        stderr: "piped",
      }).spawn();
      // Progress lines ("<run>: 100/10000 requests · …") go to stderr: interrupt after the first.
      let doneBeforeSigint = 0;
      let stderr = "";
      for await (const text of child.stderr.pipeThrough(new TextDecoderStream())) {
        stderr += text;
        const m = /: (\d+)\/\d+ requests/.exec(stderr);
        if (m && doneBeforeSigint === 0) {
          doneBeforeSigint = Number(m[1]);
          child.kill("SIGINT");
        }
      }
      const { code } = await child.status;
      assert.ok(doneBeforeSigint > 0, `no progress line before the end:\n${stderr}`);
      assert.equal(code, 130, stderr);
      assert.doesNotMatch(stderr, /BadResource|crashed/);

      const report = JSON.parse(
        await Deno.readTextFile(join(dir, "lmeter-sim", "perf_summary.json")),
      );
      assert.equal(report.status, "incomplete");
      const run = report.runs[0];
      assert.equal(run.status, "incomplete");
      for (const f of ["benchmark_summary.json", "benchmark_percentile.json"]) {
        await Deno.stat(join(run.dir, f));
      }
      const summary = JSON.parse(await Deno.readTextFile(join(run.dir, "benchmark_summary.json")));
      const db = new DatabaseSync(join(run.dir, "benchmark_data.db"), { readOnly: true });
      try {
        const status = db.prepare("SELECT value FROM meta WHERE key = 'status'").get() as {
          value: string;
        };
        assert.equal(status.value, "incomplete");
        const count = (where: string) =>
          (db.prepare(`SELECT count(*) AS n FROM result WHERE ${where}`).get() as { n: number }).n;
        const successRows = count("status = 'success'");
        assert.ok(
          successRows >= doneBeforeSigint,
          `${successRows} rows < ${doneBeforeSigint} done`,
        );
        assert.equal(successRows, summary["Success Requests"] ?? summary["Succeed requests"]);
        assert.ok(successRows <= sim.stats().outcomes.completed, "a row per request really served");
        assert.equal(count("status = 'aborted' AND start_time IS NULL"), 0, "no row for unsent");
      } finally {
        db.close();
      }
    });
  },
});
