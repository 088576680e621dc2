import assert from "node:assert/strict";
import { limitRunner, type ProgramResult, stderrTail } from "./execution.ts";

Deno.test("limitRunner() keeps at most `concurrency` runs in flight and serves callers in order", async () => {
  let inFlight = 0;
  let most = 0;
  const started: string[] = [];
  const gates: (() => void)[] = [];
  const limited = limitRunner({
    async run(req) {
      started.push(req.source);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise<void>((go) => gates.push(go));
      inFlight--;
      return { status: "ok", exitCode: 0, stdout: req.source, stderr: "", wallMs: 0 };
    },
  }, 2);
  const runs: Promise<ProgramResult>[] = [];
  for (const source of ["a", "b", "c", "d", "e"]) runs.push(limited.run({ source, timeoutMs: 1 }));
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(started, ["a", "b"]);
  // Finish one at a time; a caller arriving while a slot is handed over must still wait.
  while (gates.length > 0) {
    gates.shift()!();
    if (runs.length < 8) runs.push(limited.run({ source: `late${runs.length}`, timeoutMs: 1 }));
    await new Promise((r) => setTimeout(r, 0));
    assert.ok(inFlight <= 2);
  }
  const out = await Promise.all(runs);
  assert.equal(most, 2);
  assert.deepEqual(started.slice(0, 5), ["a", "b", "c", "d", "e"]);
  assert.equal(out.length, started.length);
});

Deno.test("stderrTail() keeps the end of a long stderr", () => {
  assert.equal(stderrTail("short"), "short");
  assert.equal(stderrTail("x".repeat(10) + "END", 3), "…END");
});
