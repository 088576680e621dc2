import assert from "node:assert/strict";
import { buildScope, hostPort } from "./scope.ts";
import { runScoped } from "./run_scoped.ts";
import type { ProbeOutput } from "../../tests/jobs/probe.ts";
import type { FileProbeOutput } from "../../tests/jobs/file_probe.ts";
import type { SandboxProbeOutput } from "../../tests/jobs/sandbox_probe.ts";
import { sandboxPermissions } from "../sandbox/mod.ts";
import { join } from "node:path";

/** The test jobs' worker entry: the probe job is not in the production job table. */
const entry = new URL("../../tests/jobs/probe_worker.ts", import.meta.url).href;

function serve(): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => Response.json({ choices: [{ index: 0, text: "ok", finish_reason: "stop" }] }),
  );
}

Deno.test("runScoped lets a job reach its target and refuses any other host with a clear error", async () => {
  const target = serve();
  const other = serve();
  try {
    const scope = buildScope({ urls: [`http://127.0.0.1:${target.addr.port}/v1`] });
    const ok = await runScoped<ProbeOutput>("probe", {
      url: `http://127.0.0.1:${target.addr.port}/v1/completions`,
    }, { scope, entry });
    assert.equal(ok.outcome, "success");
    const denied = await runScoped<ProbeOutput>("probe", {
      url: `http://127.0.0.1:${other.addr.port}/v1/completions`,
    }, { scope, entry });
    assert.equal(denied.outcome, "error");
    assert.equal(denied.errorKind, "permission");
    assert.match(denied.error ?? "", /may only reach the hosts it targets/);
    assert.match(denied.error ?? "", new RegExp(`127\\.0\\.0\\.1:${other.addr.port}`));
  } finally {
    await target.shutdown();
    await other.shutdown();
  }
});

Deno.test("runScoped lets a job read its inputs and write its outputs, and nothing else", async () => {
  const root = await Deno.makeTempDir({ prefix: "lmeter-scope-" });
  try {
    const [inputs, outputs, elsewhere] = ["in", "out", "elsewhere"].map((d) => join(root, d));
    for (const d of [inputs, outputs, elsewhere]) await Deno.mkdir(d);
    const input = join(inputs, "data.jsonl");
    const secret = join(elsewhere, "secret.txt");
    for (const f of [input, secret]) await Deno.writeTextFile(f, "x");
    const scope = buildScope({ read: [inputs], write: [outputs] });
    const r = await runScoped<FileProbeOutput>("files", {
      read: [input, join(outputs, "written.txt"), secret],
      write: [join(outputs, "written.txt"), join(inputs, "new.txt"), join(elsewhere, "new.txt")],
    }, { scope, entry });
    // Writes run after reads: the output file does not exist yet when it is read (NotFound, which
    // is not a refusal).
    assert.deepEqual(r.read, {
      [input]: "ok",
      [join(outputs, "written.txt")]: "NotFound",
      [secret]: "NotCapable",
    });
    assert.deepEqual(r.write, {
      [join(outputs, "written.txt")]: "ok",
      [join(inputs, "new.txt")]: "NotCapable",
      [join(elsewhere, "new.txt")]: "NotCapable",
    });
    assert.equal(await Deno.readTextFile(join(outputs, "written.txt")), "probe");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("runScoped terminates a job that ignores an abort once the grace period is over", async () => {
  const controller = new AbortController();
  const running = runScoped("hang", {}, {
    scope: buildScope({}),
    entry,
    signal: controller.signal,
    graceMs: 50,
  });
  controller.abort();
  await assert.rejects(
    running,
    (e: Error) => e.name === "Interrupted" && /50 ms grace/.test(e.message),
  );
});

Deno.test("hostPort fills in the scheme's default port", () => {
  assert.equal(hostPort("http://example.com/v1"), "example.com:80");
  assert.equal(hostPort("https://api.example.com/v1"), "api.example.com:443");
  assert.equal(hostPort("http://127.0.0.1:8801/v1/chat/completions"), "127.0.0.1:8801");
});

/** True when this machine can listen on the IPv6 loopback (some containers cannot). */
function hasIpv6Loopback(): boolean {
  try {
    Deno.listen({ hostname: "::1", port: 0 }).close();
    return true;
  } catch {
    return false;
  }
}

const ipv6 = hasIpv6Loopback();

Deno.test({
  name: ipv6
    ? "a job scoped to localhost reaches a server that listens on IPv6 ::1 only"
    : "SKIP IPv6 localhost scope: this machine has no IPv6 loopback (::1)",
  ignore: !ipv6,
  fn: ipv6LocalhostScope,
});

/** The ::1 check (the loopback exists whenever the test is not ignored). */
async function ipv6LocalhostScope() {
  const server = Deno.serve(
    { hostname: "::1", port: 0, onListen() {} },
    () => Response.json({ choices: [{ index: 0, text: "ok", finish_reason: "stop" }] }),
  );
  try {
    const url = `http://localhost:${server.addr.port}/v1/completions`;
    const scope = buildScope({ urls: [url] });
    assert.ok(scope.net.includes(`[::1]:${server.addr.port}`));
    const r = await runScoped<ProbeOutput>("probe", { url }, { scope, entry });
    assert.equal(r.outcome, "success", r.error);
  } finally {
    await server.shutdown();
  }
}

Deno.test("runScoped lets an eval job start only the code sandbox's launcher", async () => {
  const config = { engine: "bwrap" as const };
  const permissions = sandboxPermissions(config);
  const scope = buildScope({ read: permissions.read, run: permissions.run });
  assert.equal(scope.run?.length, 1);
  const r = await runScoped<SandboxProbeOutput>("sandbox", {
    config,
    direct: "/usr/bin/python3",
  }, { scope, entry });
  assert.deepEqual(r, { sandboxed: "ok 42", direct: "NotCapable" });
  // Without the launcher in the scope the sandbox cannot open, and says why.
  const none = await runScoped<SandboxProbeOutput>("sandbox", {
    config,
    direct: "/usr/bin/python3",
  }, { scope: buildScope({}), entry });
  assert.match(none.sandboxed, /^Cannot run code in the bwrap sandbox: /);
  assert.equal(none.direct, "NotCapable");
});
