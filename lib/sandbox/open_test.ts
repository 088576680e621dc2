import assert from "node:assert/strict";
import { UserError } from "../errors.ts";
import { openSandbox, SANDBOX_HINT } from "./open.ts";
import { classify } from "./process.ts";

Deno.test("openSandbox() without a usable bwrap is one clear error naming --sandbox and bubblewrap", async () => {
  try {
    await openSandbox({ engine: "auto" }, { tools: { bwrap: "/nonexistent/bwrap" } });
    assert.fail("opened");
  } catch (err) {
    assert.ok(err instanceof UserError);
    assert.match(err.message, /^Cannot run code in the bwrap sandbox: /);
    assert.equal(err.hint, SANDBOX_HINT);
    assert.match(err.hint!, /--sandbox/);
    assert.match(err.hint!, /apt-get install bubblewrap/);
  }
});

Deno.test("openSandbox() docker without a daemon is a clear error", async () => {
  await assert.rejects(
    openSandbox({ engine: "docker" }, { tools: { docker: "/nonexistent/docker" } }),
    (err: unknown) =>
      err instanceof UserError &&
      /^Cannot run code in the docker sandbox: no Docker daemon answers/.test(err.message) &&
      err.hint === SANDBOX_HINT,
  );
});

Deno.test("openSandbox() local runs a program on the host and says it is unsafe", async () => {
  const warnings: string[] = [];
  const sb = await openSandbox({ engine: "local" }, { warn: (l) => warnings.push(l) });
  assert.equal(sb.engine, "local");
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /unsafe/);
  const r = await sb.run({ source: "import sys\nprint(sys.stdin.read().upper())", stdin: "hi" });
  assert.deepEqual([r.status, r.stdout], ["ok", "HI\n"]);
  const slow = await sb.run({ source: "import time\ntime.sleep(60)", timeoutMs: 300 });
  assert.equal(slow.status, "timeout");
  await sb.close();
});

Deno.test("classify() maps exit codes, signals and MemoryError to statuses", () => {
  const c = (
    exitCode: number | null,
    o: { stderr?: string; timedOut?: boolean; engine?: string } = {},
  ) =>
    classify(
      { exitCode, timedOut: o.timedOut ?? false, stderr: o.stderr ?? "" },
      o.engine ?? "bwrap",
    );
  assert.equal(c(0), "ok");
  assert.equal(c(1), "error");
  assert.equal(c(2, { stderr: "Traceback\nValueError: MemoryError is not here\n" }), "error");
  assert.equal(c(1, { stderr: "Traceback (most recent call last):\n  x\nMemoryError\n" }), "oom");
  assert.equal(c(null, { timedOut: true }), "timeout");
  assert.equal(c(128 + 24), "timeout"); // SIGXCPU: the CPU-time limit
  assert.equal(c(128 + 9), "killed");
  assert.equal(c(137, { engine: "docker" }), "oom"); // the container's cgroup limit
  assert.equal(c(0, { timedOut: true }), "timeout");
});
