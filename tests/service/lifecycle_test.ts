import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "../capture_console.ts";
import { FIXTURES, gsm8kKey, startSim } from "../eval/helpers.ts";
import { pollJob, removeOutputs, startTestService } from "./helpers.ts";

/** A report without what differs between two runs of one config (times, request timings). */
function stable(report: Record<string, unknown>): Record<string, unknown> {
  const { created_at: _c, perf_metrics: _p, endpoint: _e, ...rest } = report;
  return rest;
}

Deno.test("service: an eval job goes queued → running → succeeded and its result is what lmeter eval writes", async () => {
  const sim = await startSim({ answerKey: await gsm8kKey((i) => i % 2 === 0) });
  const service = await startTestService();
  const cliDir = await Deno.makeTempDir();
  try {
    const config = {
      model: "qwen2.5",
      api_url: sim.apiUrl,
      datasets: ["gsm8k"],
      limit: 3,
      dataset_dir: FIXTURES,
    };
    const res = await service.call("/api/v1/jobs", {
      body: { kind: "eval", config },
      headers: { "idempotency-key": "gsm8k-3" },
    });
    assert.equal(res.status, 202);
    assert.equal(res.headers.get("location"), "/api/v1/jobs/gsm8k-3");
    assert.equal(res.headers.get("access-control-allow-origin"), null);
    const queued = await res.json();
    assert.equal(queued.id, "gsm8k-3");
    const job = await pollJob(service, "gsm8k-3");
    assert.equal(job.status, "succeeded", JSON.stringify(job));
    assert.deepEqual(job.result_counts, { total: 3, completed: 3, errored: 0 });
    const { result } = await (await service.call("/api/v1/jobs/gsm8k-3/result")).json();
    // The same config through the CLI.
    const cli = await runCli([
      "eval",
      "--config",
      await writeConfig(cliDir, config),
      "--work-dir",
      cliDir,
      "--no-timestamp",
    ]);
    assert.equal(cli.code, 0, cli.err);
    const written = JSON.parse(
      await Deno.readTextFile(join(cliDir, "reports", "qwen2.5", "gsm8k.json")),
    );
    assert.deepEqual(stable(result.gsm8k), stable(written));
    assert.equal(result.gsm8k.score, 0.6667);
    // The log pages as EvalScope's /log does.
    const log = await (await service.call("/api/v1/jobs/gsm8k-3/log?start_line=0&page=2")).json();
    assert.equal(log.head_line, 0);
    assert.equal(log.tail_line, 2);
    assert.ok(log.total_lines >= 2);
    const report = await service.call("/api/v1/jobs/gsm8k-3/report");
    assert.equal(report.status, 200);
    assert.match(await report.text(), /<html/i);
  } finally {
    await service.shutdown();
    await sim.close();
    await removeOutputs(service);
    await Deno.remove(cliDir, { recursive: true });
  }
});

async function writeConfig(dir: string, config: Record<string, unknown>): Promise<string> {
  const path = join(dir, "..", `${dir.split("/").pop()}-config.json`);
  await Deno.writeTextFile(path, JSON.stringify(config));
  return path;
}
