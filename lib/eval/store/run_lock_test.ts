import assert from "node:assert/strict";
import { join } from "node:path";
import { UserError } from "../../errors.ts";
import { acquireRunLock } from "./run_lock.ts";

Deno.test("acquireRunLock() refuses a second holder while the first is alive, and is free again after", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "lock");
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        `const f = await Deno.open(${
          JSON.stringify(path)
        }, {create: true, write: true}); await f.lock(true); console.log("held"); await new Promise((r) => setTimeout(r, 3000));`,
      ],
      stdout: "piped",
    }).spawn();
    const reader = child.stdout.getReader();
    await reader.read(); // "held"
    await assert.rejects(
      () => acquireRunLock(path, { waitMs: 200 }),
      (e: unknown) => e instanceof UserError && /another lmeter process/.test(e.message),
    );
    child.kill("SIGKILL");
    await child.status;
    reader.releaseLock();
    await child.stdout.cancel().catch(() => {});
    const lock = await acquireRunLock(path);
    lock.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
