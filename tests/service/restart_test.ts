/**
 * Durability: the service runs as a subprocess, is killed (SIGKILL, by its PID) while an eval and
 * a perf job run, and is started again on the same store.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { gsm8kKey, requestLog, startSim } from "../eval/helpers.ts";
import { evalConfig, perfConfig } from "./helpers.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** A service subprocess and its address. */
interface ServiceProcess {
  child: Deno.ChildProcess;
  url: string;
  /** Reads the rest of stderr (so the process can end). */
  drained: Promise<void>;
}

async function spawnService(outputs: string): Promise<ServiceProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "service", "--port", "0", "--outputs", outputs, "--max-jobs", "2"],
    env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the service ended before listening:\n${seen}`);
    seen += value;
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
    if (m) {
      const drained = (async () => {
        while (!(await reader.read()).done) { /* drain */ }
      })();
      return { child, url: m[1], drained };
    }
  }
}

async function getJob(url: string, id: string): Promise<Record<string, unknown>> {
  return await (await fetch(`${url}/api/v1/jobs/${id}`)).json();
}

async function until(fn: () => Promise<boolean>): Promise<void> {
  while (!(await fn())) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Predictions in index order without what differs between two runs of one config: the request's
 * timings and the id the server gave its response.
 */
function stablePredictions(text: string): unknown[] {
  return text.split("\n").filter((l) => l !== "").map((l) => {
    const record = JSON.parse(l);
    const { id: _id, time: _time, perf_metrics: _perf, ...output } = record.model_output;
    return { ...record, model_output: output };
  }).sort((a, b) => a.index - b.index);
}

Deno.test("service killed with SIGKILL during an eval and a perf job: after a restart the eval job resumes exactly, the perf job fails as interrupted", async () => {
  const key = await gsm8kKey((i) => i % 2 === 0);
  const slow = await startSim({ answerKey: key, ttftMs: 250 });
  const perfSim = await startSim({ ttftMs: 200 });
  const outputs = await Deno.makeTempDir({ prefix: "lmeter-service-restart-" });
  let service = await spawnService(outputs);
  try {
    const post = (kind: string, config: Record<string, unknown>, id: string) =>
      fetch(`${service.url}/api/v1/jobs`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": id },
        body: JSON.stringify({ kind, config }),
      }).then((r) => r.body?.cancel());
    await post("eval", evalConfig(slow.apiUrl, 5), "durable");
    await post("perf", perfConfig(perfSim.apiUrl, 50), "load");
    const predictions = join(outputs, "durable", "predictions", "qwen2.5", "gsm8k_main.jsonl");
    await until(async () => (await Deno.readTextFile(predictions).catch(() => "")).includes("\n"));
    await until(async () => (await getJob(service.url, "load")).status === "running");
    service.child.kill("SIGKILL");
    await service.child.status;
    await service.drained.catch(() => {});
    const before = (await Deno.readTextFile(predictions)).split("\n").filter((l) => l).length;
    assert.ok(before < 5, "killed before the eval job finished");

    service = await spawnService(outputs);
    await until(async () => (await getJob(service.url, "durable")).status === "succeeded");
    const durable = await getJob(service.url, "durable");
    assert.equal(durable.attempt, 2);
    assert.deepEqual(durable.result_counts, { total: 5, completed: 5, errored: 0 });
    const load = await getJob(service.url, "load");
    assert.equal(load.status, "failed");
    assert.equal(
      load.error,
      "interrupted; a partial load test is not the measurement you asked for",
    );
    // Nothing that finished was asked again: at most the one request in flight at the kill.
    const requests = (await requestLog(slow.logPath)).length;
    assert.ok(requests <= 5 + 1, `${requests} requests for 5 samples`);

    // An uninterrupted run of the same config gives the same predictions (timings aside).
    await fetch(`${service.url}/api/v1/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "straight" },
      body: JSON.stringify({ kind: "eval", config: evalConfig(slow.apiUrl, 5) }),
    }).then((r) => r.body?.cancel());
    await until(async () => (await getJob(service.url, "straight")).status === "succeeded");
    const straight = join(outputs, "straight", "predictions", "qwen2.5", "gsm8k_main.jsonl");
    assert.deepEqual(
      stablePredictions(await Deno.readTextFile(predictions)),
      stablePredictions(await Deno.readTextFile(straight)),
    );
  } finally {
    try {
      service.child.kill("SIGKILL");
    } catch { /* ended */ }
    await service.child.status;
    await service.drained.catch(() => {});
    await slow.close();
    await perfSim.close();
    await Deno.remove(outputs, { recursive: true });
  }
});
