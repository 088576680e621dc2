import assert from "node:assert/strict";
import { pushgatewayInstance } from "./perf_publish.ts";

Deno.test("pushgatewayInstance() is <name>_<timestamp> (EvalScope's run name), or the name without a timestamp", () => {
  assert.equal(pushgatewayInstance("/o/20260101_120000/qwen3"), "qwen3_20260101_120000");
  assert.equal(pushgatewayInstance("/o/run"), "run");
  assert.equal(pushgatewayInstance("/o/2026_x/run"), "run");
});
