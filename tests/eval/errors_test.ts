import assert from "node:assert/strict";
import { UserError } from "../../lib/errors.ts";
import { evaluate, FIXTURES, startSim, withTempDir } from "./helpers.ts";

Deno.test("without --ignore-errors a failing sample stops the run and the error names it", async () => {
  const sim = await startSim({ fault500Rate: 1 });
  try {
    await withTempDir(async (dir) => {
      await assert.rejects(
        () =>
          evaluate({
            model: "qwen2.5",
            api_url: sim.apiUrl,
            datasets: ["gsm8k"],
            dataset_dir: FIXTURES,
            work_dir: dir,
            limit: 3,
            generation_config: { temperature: 0, retries: 0 },
          }),
        (e: unknown) =>
          e instanceof UserError &&
          /Cannot finish gsm8k: sample #\d+ of subset main failed: HTTP 500/.test(e.message) &&
          /--use-cache/.test(e.hint ?? ""),
      );
    });
  } finally {
    await sim.close();
  }
});

Deno.test("with --ignore-errors failed samples are counted, excluded and the report is incomplete", async () => {
  const sim = await startSim({ fault500Rate: 1 });
  try {
    await withTempDir(async (dir) => {
      const r = await evaluate({
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets: ["gsm8k"],
        dataset_dir: FIXTURES,
        work_dir: dir,
        limit: 3,
        ignore_errors: true,
        generation_config: { temperature: 0, retries: 0 },
      });
      const report = r.reports[0];
      assert.equal(report.status, "incomplete");
      assert.equal(report.execution.errored, 3);
      assert.equal(report.execution.scored, 0);
      assert.equal(report.metrics.length, 0);
    });
  } finally {
    await sim.close();
  }
});

Deno.test("a dead server fails the run with the connection error after the retries", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  await withTempDir(async (dir) => {
    await assert.rejects(
      () =>
        evaluate({
          model: "qwen2.5",
          api_url: `http://127.0.0.1:${port}/v1`,
          datasets: ["gsm8k"],
          dataset_dir: FIXTURES,
          work_dir: dir,
          limit: 1,
          generation_config: { retries: 1, retry_interval: 0.01 },
        }),
      (e: unknown) =>
        e instanceof UserError && /failed: .*127\.0\.0\.1/.test(e.message) &&
        /after 2 attempts/.test(e.message),
    );
  });
});

Deno.test("streaming answers are scored the same and record a time to first token", async () => {
  const sim = await startSim();
  try {
    await withTempDir(async (dir) => {
      const r = await evaluate({
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets: ["gsm8k"],
        dataset_dir: FIXTURES,
        work_dir: dir,
        limit: 2,
        generation_config: { stream: true, max_tokens: 8 },
      });
      assert.equal(r.reports[0].execution.scored, 2);
      assert.ok(r.reports[0].requests?.ttft !== null);
    });
  } finally {
    await sim.close();
  }
});
