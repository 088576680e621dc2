import assert from "node:assert/strict";
import { limitRunner, type ProgramResult, stderrTail } from "./execution.ts";

Deno.test("limitRunner() keeps at most `concurrency` runs in flight and serves callers in order", async () => {
  let inFlight = 0;
  let most = 0;
  const started: string[] = [];
  const gates: (() => void)[] = [];
  const runs: Promise<ProgramResult>[] = [];
  const limited = limitRunner({
    run(req) {
      started.push(req.source);
      inFlight++;
      most = Math.max(most, inFlight);
      const done = (async () => {
        await new Promise<void>((go) => gates.push(go));
        inFlight--;
        return { status: "ok" as const, exitCode: 0, stdout: req.source, stderr: "", wallMs: 0 };
      })();
      // When "a" ends, a new caller arrives just after its slot is given up and before the
      // waiter woken for it resumes: it must wait, not slip into that slot.
      if (req.source === "a") {
        done.then(() =>
          queueMicrotask(() => runs.push(limited.run({ source: "late", timeoutMs: 1 })))
        );
      }
      return done;
    },
  }, 2);
  for (const source of ["a", "b", "c", "d"]) runs.push(limited.run({ source, timeoutMs: 1 }));
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(started, ["a", "b"]);
  while (gates.length > 0) {
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  }
  const out = await Promise.all(runs);
  assert.equal(most, 2);
  assert.deepEqual(started, ["a", "b", "c", "d", "late"]);
  assert.deepEqual(out.map((r) => r.stdout), ["a", "b", "c", "d", "late"]);
});

Deno.test("stderrTail() keeps the end of a long stderr", () => {
  assert.equal(stderrTail("short"), "short");
  assert.equal(stderrTail("x".repeat(10) + "END", 3), "…END");
});
