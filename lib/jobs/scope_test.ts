import assert from "node:assert/strict";
import { resolve } from "node:path";
import { buildScope, programRoot } from "./scope.ts";

const noEnv = () => undefined;

Deno.test("buildScope() reads only the inputs, the outputs and lmeter's own folder; writes only the outputs", () => {
  const scope = buildScope({
    urls: ["http://127.0.0.1:8801/v1/chat/completions", undefined],
    read: ["data/rows.jsonl", undefined, ""],
    write: ["outputs/run"],
  }, noEnv);
  assert.deepEqual(scope.net, ["127.0.0.1:8801"]);
  assert.deepEqual(scope.read, [resolve("data/rows.jsonl"), resolve("outputs/run"), programRoot()]);
  assert.deepEqual(scope.write, [resolve("outputs/run")]);
});

Deno.test("buildScope() of a job without files reads only lmeter's own folder and writes nothing", () => {
  const scope = buildScope({ urls: ["http://localhost:8000/v1"] }, noEnv);
  assert.deepEqual(scope.net, ["localhost:8000", "[::1]:8000"]);
  assert.deepEqual(scope.read, [programRoot()]);
  assert.deepEqual(scope.write, []);
});
