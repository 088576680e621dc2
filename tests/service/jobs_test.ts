/**
 * The service's acceptance against the simulator, in process: idempotency, cancel with partial
 * files, perf jobs one at a time on a target, an eval and a perf job on two targets together.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { gsm8kKey, startSim } from "../eval/helpers.ts";
import {
  evalConfig,
  perfConfig,
  pollJob,
  removeOutputs,
  startTestService,
  type TestService,
} from "./helpers.ts";

async function submit(
  service: TestService,
  kind: string,
  config: Record<string, unknown>,
  id: string,
): Promise<Response> {
  return await service.call("/api/v1/jobs", {
    body: { kind, config },
    headers: { "idempotency-key": id },
  });
}

/** Milliseconds since the epoch of a job's ISO time field. */
function at(job: Record<string, unknown>, field: string): number {
  return Date.parse(String(job[field]));
}

Deno.test("service: the same id and config is the same job (200), another config is 409", async () => {
  const sim = await startSim({ answerKey: await gsm8kKey(() => true) });
  const service = await startTestService();
  try {
    const config = evalConfig(sim.apiUrl, 2);
    assert.equal((await submit(service, "eval", config, "same")).status, 202);
    const again = await submit(service, "eval", config, "same");
    assert.equal(again.status, 200);
    assert.equal(again.headers.get("location"), "/api/v1/jobs/same");
    assert.equal((await again.json()).id, "same");
    const other = await submit(service, "eval", { ...config, limit: 1 }, "same");
    assert.equal(other.status, 409);
    assert.match((await other.json()).error, /another config/);
    assert.equal((await pollJob(service, "same")).status, "succeeded");
    const list = await (await service.call("/api/v1/jobs?status=succeeded&kind=eval")).json();
    assert.deepEqual(list.data.map((j: { id: string }) => j.id), ["same"]);
    assert.equal(list.has_more, false);
  } finally {
    await service.shutdown();
    await sim.close();
    await removeOutputs(service);
  }
});

Deno.test("service: a canceled eval job is canceled within the grace period with valid partial predictions", async () => {
  const sim = await startSim({ answerKey: await gsm8kKey(() => true), ttftMs: 300 });
  const service = await startTestService({ cancel_grace: 20 });
  try {
    assert.equal((await submit(service, "eval", evalConfig(sim.apiUrl, 5), "stop-me")).status, 202);
    const predictions = join(
      service.outputs,
      "stop-me",
      "predictions",
      "qwen2.5",
      "gsm8k_main.jsonl",
    );
    // Wait for the first finished sample.
    for (;;) {
      const text = await Deno.readTextFile(predictions).catch(() => "");
      if (text.includes("\n")) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const cancel = await service.call("/api/v1/jobs/stop-me/cancel", { method: "POST" });
    assert.equal(cancel.status, 202);
    assert.equal((await cancel.json()).cancel_requested, true);
    const job = await pollJob(service, "stop-me");
    assert.equal(job.status, "canceled");
    // "canceled", not "terminated after the grace period": the job stopped and flushed by itself.
    assert.equal(job.error, "canceled");
    const lines = (await Deno.readTextFile(predictions)).split("\n").filter((l) => l !== "");
    assert.ok(lines.length >= 1 && lines.length < 5, `${lines.length} predictions`);
    for (const line of lines) assert.equal(typeof JSON.parse(line), "object");
    const result = await (await service.call("/api/v1/jobs/stop-me/result")).json();
    assert.equal(result.status, "canceled");
  } finally {
    await service.shutdown();
    await sim.close();
    await removeOutputs(service);
  }
});

Deno.test("service: three perf jobs to one target run one at a time; an eval and a perf job on two targets run together", async () => {
  const simA = await startSim({ ttftMs: 30 });
  const simB = await startSim({ answerKey: await gsm8kKey(() => true), ttftMs: 30 });
  const service = await startTestService({ max_jobs: 4 });
  try {
    for (const id of ["p1", "p2", "p3"]) {
      assert.equal((await submit(service, "perf", perfConfig(simA.apiUrl), id)).status, 202);
    }
    const perf = [];
    for (const id of ["p1", "p2", "p3"]) perf.push(await pollJob(service, id));
    for (const job of perf) {
      assert.equal(job.status, "succeeded", JSON.stringify(job));
      assert.deepEqual(job.result_counts, { total: 3, completed: 3, errored: 0 });
    }
    for (let i = 1; i < perf.length; i++) {
      assert.ok(
        at(perf[i], "started_at") >= at(perf[i - 1], "finished_at"),
        `${perf[i].id} started before ${perf[i - 1].id} finished`,
      );
    }
    // Together: a long perf job on A and an eval job on B.
    assert.equal((await submit(service, "perf", perfConfig(simA.apiUrl, 30), "long")).status, 202);
    assert.equal((await submit(service, "eval", evalConfig(simB.apiUrl, 3), "beside")).status, 202);
    const long = await pollJob(service, "long");
    const beside = await pollJob(service, "beside");
    assert.equal(long.status, "succeeded");
    assert.equal(beside.status, "succeeded");
    assert.ok(
      at(beside, "started_at") < at(long, "finished_at") &&
        at(long, "started_at") < at(beside, "finished_at"),
      "the two jobs overlap",
    );
    const result = await (await service.call("/api/v1/jobs/p1/result")).json();
    assert.deepEqual(Object.keys(result.result), ["parallel_1_number_3"]);
    assert.equal(result.result.parallel_1_number_3.metrics["Total Requests"], 3);
  } finally {
    await service.shutdown();
    await simA.close();
    await simB.close();
    await removeOutputs(service);
  }
});

/** The events of an SSE body, each `{id, event, data}`. */
async function readEvents(res: Response): Promise<{ id: string; event: string; data: string }[]> {
  const text = await res.text();
  return text.split("\n\n").filter((b) => b.trim() !== "").map((block) => {
    const field = (name: string) =>
      block.split("\n").find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? "";
    return { id: field("id"), event: field("event"), data: field("data") };
  });
}

Deno.test("service: /events streams status, progress and log until the job ends, and resumes after Last-Event-ID", async () => {
  const sim = await startSim({ answerKey: await gsm8kKey(() => true) });
  const service = await startTestService();
  try {
    assert.equal((await submit(service, "eval", evalConfig(sim.apiUrl, 2), "follow")).status, 202);
    const res = await service.call("/api/v1/jobs/follow/events");
    assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
    const events = await readEvents(res);
    const statuses = events.filter((e) => e.event === "status").map((e) => JSON.parse(e.data));
    assert.equal(statuses[statuses.length - 1].status, "succeeded");
    assert.equal(events[events.length - 1].event, "status");
    const logs = events.filter((e) => e.event === "log");
    assert.ok(logs.length > 0);
    const log = await (await service.call("/api/v1/jobs/follow/log?start_line=0&page=10000"))
      .json();
    assert.deepEqual(logs.map((e) => JSON.parse(e.data)), log.text.split("\n"));
    assert.ok(events.some((e) => e.event === "progress"));
    // Reconnecting after the second log line: the status again, and the log from the third line.
    const again = await readEvents(
      await service.call("/api/v1/jobs/follow/events", { headers: { "last-event-id": "2" } }),
    );
    assert.deepEqual(
      again.filter((e) => e.event === "log").map((e) => JSON.parse(e.data)),
      log.text.split("\n").slice(2),
    );
    assert.equal(JSON.parse(again[again.length - 1].data).status, "succeeded");
  } finally {
    await service.shutdown();
    await sim.close();
    await removeOutputs(service);
  }
});
