import assert from "node:assert/strict";
import { metricsText } from "./metrics.ts";

Deno.test("metricsText writes Prometheus text: jobs by status, queue depth, run durations", () => {
  const text = metricsText(
    { queued: 3, running: 1, interrupted: 0, succeeded: 5, failed: 1, canceled: 0 },
    [1.5, 2.5],
  );
  const lines = text.trimEnd().split("\n");
  assert.ok(lines.includes('lmeter_service_jobs{status="queued"} 3'));
  assert.ok(lines.includes('lmeter_service_jobs{status="succeeded"} 5'));
  assert.ok(lines.includes("lmeter_service_queue_depth 3"));
  assert.ok(lines.includes("lmeter_service_job_duration_seconds_sum 4"));
  assert.ok(lines.includes("lmeter_service_job_duration_seconds_count 2"));
  assert.ok(lines.includes("# TYPE lmeter_service_jobs gauge"));
  // Every sample line is `name{labels} value` or `name value`.
  for (const line of lines.filter((l) => !l.startsWith("#"))) {
    assert.match(line, /^[a-z_]+(\{status="[a-z]+"\})? \d+(\.\d+)?$/);
  }
  assert.ok(text.endsWith("\n"));
});
