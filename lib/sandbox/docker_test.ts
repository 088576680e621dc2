/**
 * The docker engine against a real daemon. No daemon runs on CI machines or here, so these are
 * skipped with that reason; the command line they use is checked in argv_test.ts.
 */
import assert from "node:assert/strict";
import { dockerCommand } from "./argv.ts";
import { openSandbox } from "./open.ts";

function daemonAnswers(): boolean {
  const cmd = dockerCommand({ action: "probe" });
  try {
    return new Deno.Command(cmd.command, { args: cmd.args, stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

const daemon = daemonAnswers();

Deno.test({
  name: daemon
    ? "docker: a program runs without network and times out whole"
    : "SKIP docker sandbox: no Docker daemon answers on this machine",
  ignore: !daemon,
  async fn() {
    const sb = await openSandbox({ engine: "docker", concurrency: 1 });
    const r = await sb.run({
      source: "import socket\nprint([n for _, n in socket.if_nameindex()])",
    });
    assert.deepEqual([r.status, r.stdout], ["ok", "['lo']\n"]);
    const slow = await sb.run({ source: "import time\ntime.sleep(600)", timeoutMs: 2000 });
    assert.equal(slow.status, "timeout");
    await sb.close();
  },
});
