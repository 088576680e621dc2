/**
 * EvalScope clients work unchanged: the request and response shapes of EvalScope's service
 * routes (v1.4 and v1.5+, ../shared/reference/evalscope-behaviour.md §4 and next-wave-ops.md §1),
 * against lmeter's service and the simulator.
 *
 * @module
 */
import assert from "node:assert/strict";
import { gsm8kKey, startSim } from "../eval/helpers.ts";
import { evalConfig, perfConfig, removeOutputs, startTestService } from "./helpers.ts";

const keys = (v: Record<string, unknown>) => Object.keys(v).sort();

Deno.test("EvalScope v1.5+ routes: invoke (blocking and async), progress before any sample, log, report, stop, config", async () => {
  const sim = await startSim({ answerKey: await gsm8kKey(() => true) });
  const service = await startTestService();
  try {
    const task = (id: string) => ({ "evalscope-task-id": id });
    // {"percent": 0.0} before the task has written anything (a Python float, as upstream).
    const early = await service.call("/api/v1/eval/progress?task_id=not-yet");
    assert.equal(await early.text(), '{"percent":0.0}');
    const noId = await service.call("/api/v1/eval/invoke", { body: evalConfig(sim.apiUrl) });
    assert.equal(noId.status, 400);
    assert.deepEqual(await noId.json(), { error: "EvalScope-Task-Id header is required" });
    const { model: _m, ...noModel } = evalConfig(sim.apiUrl);
    const missing = await service.call("/api/v1/eval/invoke", {
      body: noModel,
      headers: task("t0"),
    });
    assert.equal(missing.status, 400);
    assert.deepEqual(await missing.json(), { error: "model is required" });

    const done = await service.call("/api/v1/eval/invoke", {
      body: evalConfig(sim.apiUrl, 2),
      headers: task("t1"),
    });
    assert.equal(done.status, 200);
    const body = await done.json();
    assert.deepEqual(keys(body), ["result", "status", "table", "task_id"]);
    assert.equal(body.status, "completed");
    assert.equal(body.task_id, "t1");
    assert.equal(body.result.gsm8k.dataset_name, "gsm8k");
    assert.equal(body.table.split("\n")[0], "| 模型 | 数据集 | 指标 | 子集 | 数量 | 得分 |");
    assert.match(body.table, /\| qwen2\.5 \| gsm8k \| AverageAccuracy \| main \| 2 \| 1 \|/);

    const progress = await (await service.call("/api/v1/eval/progress?task_id=t1")).json();
    assert.equal(progress.percent, 100);
    const log = await (await service.call("/api/v1/eval/log?task_id=t1&page=1")).json();
    assert.deepEqual(keys(log), ["head_line", "tail_line", "text", "total_lines"]);
    assert.equal(log.tail_line, log.total_lines);
    assert.match(await (await service.call("/api/v1/eval/report?task_id=t1")).text(), /<html/i);

    // Asynchronous, as EvalScope's Function Compute client asks.
    const async = await service.call("/api/v1/eval/invoke", {
      body: evalConfig(sim.apiUrl, 2),
      headers: { ...task("t2"), "x-fc-invocation-type": "Async" },
    });
    assert.equal(async.status, 202);
    assert.deepEqual(await async.json(), {
      status: "accepted",
      task_id: "t2",
      job: "/api/v1/jobs/t2",
    });
    const stopUnknown = await service.call("/api/v1/eval/stop?task_id=nobody", { method: "POST" });
    assert.equal(stopUnknown.status, 404);
    assert.deepEqual(await stopUnknown.json(), {
      error: "No running task found for task_id: nobody",
    });
    const resumeUnknown = await service.call("/api/v1/eval/resume/invoke", {
      body: evalConfig(sim.apiUrl, 2),
      headers: task("never-ran"),
    });
    assert.equal(resumeUnknown.status, 404);
    await resumeUnknown.body?.cancel();
    assert.deepEqual(await (await service.call("/api/v1/config")).json(), {
      outputs_root: service.outputs,
    });
    const perf = await service.call("/api/v1/perf/invoke", {
      body: perfConfig(sim.apiUrl, 2),
      headers: task("p1"),
    });
    assert.equal(perf.status, 200);
    const perfBody = await perf.json();
    assert.deepEqual(keys(perfBody), ["result", "status", "table", "task_id"]);
    assert.deepEqual(keys(perfBody.result.parallel_1_number_2), ["metrics", "percentiles"]);
    assert.match(perfBody.table, /^\| 运行 \|/);
  } finally {
    await service.shutdown();
    await sim.close();
    await removeOutputs(service);
  }
});

Deno.test("EvalScope v1.4 routes: POST /api/v1/eval and /api/v1/perf, params from the option schema, health, unknown paths", async () => {
  const sim = await startSim({ answerKey: await gsm8kKey(() => true) });
  const service = await startTestService();
  try {
    const evalRun = await service.call("/api/v1/eval", { body: evalConfig(sim.apiUrl, 2) });
    assert.equal(evalRun.status, 200);
    const evalBody = await evalRun.json();
    assert.deepEqual(keys(evalBody), ["message", "output_dir", "result", "status"]);
    assert.equal(evalBody.status, "success");
    assert.equal(evalBody.message, "Evaluation completed");
    const badApi = await service.call("/api/v1/perf", {
      body: { ...perfConfig(sim.apiUrl), api: "local" },
    });
    assert.equal(badApi.status, 400);
    assert.deepEqual(await badApi.json(), {
      error: "api must be one of openai, dashscope, anthropic, gemini",
    });
    const perfRun = await service.call("/api/v1/perf", { body: perfConfig(sim.apiUrl, 2) });
    const perfBody = await perfRun.json();
    assert.deepEqual(keys(perfBody), ["message", "output_dir", "results", "status"]);
    assert.equal(perfBody.message, "Performance test completed");
    const params = await (await service.call("/api/v1/eval/params")).json();
    assert.deepEqual(keys(params), ["example", "optional", "required"]);
    assert.deepEqual(Object.keys(params.required).sort(), ["api_url", "datasets", "model"]);
    assert.match(params.optional.limit, / - /);
    const perfParams = await (await service.call("/api/v1/perf/params")).json();
    assert.deepEqual(Object.keys(perfParams.required).sort(), ["model", "url"]);
    const health = await (await service.call("/health")).json();
    assert.deepEqual(keys(health), ["service", "status", "timestamp", "version"]);
    assert.equal(health.status, "ok");
    const unknown = await service.call("/api/v1/nothing");
    assert.equal(unknown.status, 404);
    const body = await unknown.json();
    assert.equal(body.error, "Endpoint not found");
    assert.ok("POST /api/v1/eval/invoke" in body.available_endpoints);
  } finally {
    await service.shutdown();
    await sim.close();
    await removeOutputs(service);
  }
});
