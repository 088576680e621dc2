/**
 * Containment of the bwrap engine, each promise of docs/sandbox.md a test against the real
 * sandbox. They skip (visibly) only where bwrap cannot make a user namespace; where bwrap is
 * missing they fail, since .ci/run installs it.
 */
import assert from "node:assert/strict";
import { TOOL_PATHS } from "./argv.ts";
import { openSandbox } from "./open.ts";
import type { Sandbox } from "./types.ts";

/**
 * Why the sandbox tests cannot run here (bwrap cannot make a user namespace), or null when they
 * can. Any other failure (bwrap missing, a broken engine) is left to fail the tests.
 */
function userNamespaceProblem(): string | null {
  try {
    const out = new Deno.Command(TOOL_PATHS.bwrap, {
      args: ["--unshare-all", "--unshare-user", "--ro-bind", "/usr", "/usr", "--", "/usr/bin/x"],
      stdout: "null",
      stderr: "piped",
    }).outputSync();
    const why = new TextDecoder().decode(out.stderr).trim().split("\n")[0];
    return /namespace|uid map|setting up uid/i.test(why) ? why : null;
  } catch {
    return null;
  }
}

const problem = userNamespaceProblem();
const ignore = problem !== null;
const name = (n: string) => ignore ? `SKIP sandbox without user namespaces (${problem}): ${n}` : n;
const root = Deno.uid() === 0;

let shared: Sandbox | undefined;
/** One sandbox (two slots) for the tests of this file; each run is still a fresh sandbox. */
async function sandbox(): Promise<Sandbox> {
  shared ??= await openSandbox({ engine: "bwrap", concurrency: 2 });
  return shared;
}

function test(n: string, fn: () => Promise<void>) {
  Deno.test({ name: name(n), ignore, fn, sanitizeResources: false, sanitizeOps: false });
}

test("bwrap: a program runs with its files, arguments and stdin, in the scratch folder", async () => {
  const sb = await sandbox();
  const r = await sb.run({
    source: [
      "import os, sys, json",
      "import helper",
      "print(json.dumps([os.getcwd(), sys.argv[1:], helper.X, sys.stdin.read()]))",
    ].join("\n"),
    files: { "helper.py": "X = 'from a file ✓'" },
    args: ["a", "b"],
    stdin: "line one\nlíne two ✓\n",
  });
  assert.equal(r.status, "ok", r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [
    "/tmp",
    ["a", "b"],
    "from a file ✓",
    "line one\nlíne two ✓\n",
  ]);
  assert.equal(r.exitCode, 0);
  assert.equal(r.truncated, false);
});

test("bwrap: exit codes and exceptions are errors, signals are kills", async () => {
  const sb = await sandbox();
  const fail = await sb.run({ source: "raise ValueError('nope')" });
  assert.equal(fail.status, "error");
  assert.equal(fail.exitCode, 1);
  // The traceback is the program's own: no frame of the bootstrap or runpy.
  assert.equal(
    fail.stderr,
    'Traceback (most recent call last):\n  File "/w/main.py", line 1, in <module>\n' +
      "    raise ValueError('nope')\nValueError: nope\n",
  );
  const syntax = await sb.run({ source: "def f(:\n    pass" });
  assert.equal(syntax.status, "error");
  assert.ok(syntax.stderr.startsWith(`  File "/w/main.py", line 1\n`), syntax.stderr);
  assert.match(syntax.stderr, /SyntaxError: /);
  const exit3 = await sb.run({ source: "import sys; sys.exit(3)" });
  assert.deepEqual([exit3.status, exit3.exitCode], ["error", 3]);
  const segv = await sb.run({ source: "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)" });
  assert.deepEqual([segv.status, segv.exitCode], ["killed", 128 + 11]);
  const argv = await sb.run({ argv: ["/usr/bin/cat", "/w/data.txt"], files: { "data.txt": "hi" } });
  assert.deepEqual([argv.status, argv.stdout], ["ok", "hi"]);
});

test("bwrap: the network is refused (only a loopback of its own)", async () => {
  const sb = await sandbox();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let accepted = false;
  const accepting = (async () => {
    for await (const conn of listener) {
      accepted = true;
      conn.close();
    }
  })();
  const r = await sb.run({
    source: [
      "import socket, json",
      "out = {'interfaces': [n for _, n in socket.if_nameindex()]}",
      "s = socket.socket()",
      "s.settimeout(2)",
      "try:",
      `    s.connect(('127.0.0.1', ${listener.addr.port}))`,
      "    out['connect'] = 'connected'",
      "except OSError as e:",
      "    out['connect'] = type(e).__name__",
      "print(json.dumps(out))",
    ].join("\n"),
  });
  listener.close();
  await accepting;
  assert.equal(r.status, "ok", r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    interfaces: ["lo"],
    connect: "ConnectionRefusedError",
  });
  assert.equal(accepted, false, "the host's listener got a connection");
});

test("bwrap: /etc/passwd and the home folder are absent; only /usr, scratch and system folders are there", async () => {
  const sb = await sandbox();
  const home = Deno.env.get("HOME") ?? "/root";
  const r = await sb.run({
    source: [
      "import os, json",
      `print(json.dumps([os.path.exists('/etc/passwd'), os.path.exists(${
        JSON.stringify(home)
      }), os.path.exists('/root'), os.path.exists('/home'), sorted(os.listdir('/'))]))`,
    ].join("\n"),
  });
  assert.equal(r.status, "ok", r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [false, false, false, false, [
    "bin",
    "dev",
    "lib",
    "lib64",
    "proc",
    "tmp",
    "usr",
    "w",
  ]]);
});

test("bwrap: writing outside the scratch folder is refused", async () => {
  const sb = await sandbox();
  const r = await sb.run({
    source: [
      "import json",
      "out = []",
      "for path in ['/usr/evil', '/usr/bin/python3', '/evil', '/dev/evil', '/proc/sys/kernel/hostname']:",
      "    try:",
      "        open(path, 'a').write('x')",
      "        out.append('written')",
      "    except OSError as e:",
      "        out.append(type(e).__name__)",
      "print(json.dumps(out))",
    ].join("\n"),
  });
  assert.equal(r.status, "ok", r.stderr);
  const results = JSON.parse(r.stdout) as string[];
  assert.equal(results.length, 5);
  assert.ok(results.every((x) => x !== "written"), r.stdout);
  await assert.rejects(Deno.stat("/usr/evil"), Deno.errors.NotFound);
});

test("bwrap: filling the scratch folder ends in ENOSPC", async () => {
  const sb = await sandbox();
  const r = await sb.run({
    scratchBytes: 4 * 1024 * 1024,
    source: [
      "import errno",
      "written = 0",
      "try:",
      "    with open('/tmp/fill', 'wb') as f:",
      "        while True:",
      "            f.write(b'x' * 65536)",
      "            f.flush()",
      "            written += 65536",
      "except OSError as e:",
      "    print(errno.errorcode[e.errno], written)",
    ].join("\n"),
  });
  assert.equal(r.status, "ok", r.stderr);
  const [code, written] = r.stdout.trim().split(" ");
  assert.equal(code, "ENOSPC");
  assert.ok(Number(written) <= 4 * 1024 * 1024, written);
});

test("bwrap: a fork bomb is stopped at the process limit", async () => {
  const sb = await sandbox();
  const r = await sb.run({
    maxProcesses: 32,
    source: [
      "import os, time, errno",
      "children = 0",
      "try:",
      "    while True:",
      "        if os.fork() == 0:",
      "            time.sleep(60)",
      "            os._exit(0)",
      "        children += 1",
      "except OSError as e:",
      "    print(errno.errorcode[e.errno], children)",
    ].join("\n"),
  });
  assert.equal(r.status, "ok", r.stderr);
  const [code, children] = r.stdout.trim().split(" ");
  assert.equal(code, "EAGAIN");
  assert.ok(Number(children) < 32, children);
});

test("bwrap: allocating beyond the memory limit is oom", async () => {
  const sb = await sandbox();
  const r = await sb.run({
    memoryBytes: 256 * 1024 * 1024,
    source: "data = bytearray(1024 * 1024 * 1024)\nprint(len(data))",
  });
  assert.equal(r.status, "oom", r.stderr);
  assert.equal(r.stdout, "");
});

test("bwrap: sleeping forever times out and no process of it survives", async () => {
  const sb = await sandbox();
  const marker = String(900_000 + Math.floor(Math.random() * 90_000));
  const r = await sb.run({
    timeoutMs: 1000,
    source: [
      "import os, sys, time",
      "for _ in range(3):",
      "    if os.fork() == 0:",
      `        os.execv('/usr/bin/sleep', ['sleep', '${marker}'])`,
      "print('started', flush=True)",
      "time.sleep(10**6)",
    ].join("\n"),
  });
  assert.equal(r.status, "timeout");
  assert.equal(r.exitCode, null);
  assert.equal(r.stdout, "started\n");
  assert.ok(r.wallMs >= 1000);
  // As root the sandbox waited until the slot's uid ran nothing; otherwise the kernel ends the
  // sandbox's pid namespace a moment after its first process dies.
  const survivors = await processesWith(marker, { waitMs: root ? 0 : 5000 });
  assert.deepEqual(survivors, []);
});

test("bwrap: a program that reads stdin sees it empty", async () => {
  const sb = await sandbox();
  const r = await sb.run({ source: "import sys\nprint(repr(sys.stdin.read()))" });
  assert.deepEqual([r.status, r.stdout], ["ok", "''\n"]);
});

test("bwrap: printing 100 MB is capped", async () => {
  const sb = await sandbox();
  const r = await sb.run({
    source: [
      "import sys",
      "chunk = 'x' * (1024 * 1024)",
      "for _ in range(100):",
      "    sys.stdout.write(chunk)",
      "sys.stderr.write('done')",
    ].join("\n"),
  });
  assert.equal(r.status, "ok", r.stderr);
  assert.equal(r.stdout.length, 1024 * 1024);
  assert.equal(r.truncated, true);
  assert.equal(r.stderr, "done");
});

test("bwrap: two programs at once run under distinct uids and do not see each other", async () => {
  const sb = await sandbox();
  const program = (tag: string) => ({
    source: [
      "import os, time, json",
      `open('/tmp/${tag}', 'w').write('${tag}')`,
      "time.sleep(0.5)",
      "print(json.dumps([os.getuid(), sorted(os.listdir('/tmp')), len(os.listdir('/proc'))]))",
    ].join("\n"),
  });
  const [a, b] = await Promise.all([sb.run(program("a")), sb.run(program("b"))]);
  assert.equal(a.status, "ok", a.stderr);
  assert.equal(b.status, "ok", b.stderr);
  const [uidA, filesA] = JSON.parse(a.stdout);
  const [uidB, filesB] = JSON.parse(b.stdout);
  assert.deepEqual(filesA, ["a"]);
  assert.deepEqual(filesB, ["b"]);
  if (root) {
    assert.notEqual(uidA, uidB);
    assert.ok(uidA >= 100_000 && uidB >= 100_000, `${uidA} ${uidB}`);
  }
});

test("bwrap: the sandbox closes after its runs", async () => {
  const sb = await sandbox();
  await sb.close();
  await assert.rejects(sb.run({ source: "" }), /closed/);
  shared = undefined;
});

/** Processes whose command line holds `marker` (polling up to `waitMs` for them to go). */
async function processesWith(marker: string, o: { waitMs: number }): Promise<string[]> {
  const deadline = performance.now() + o.waitMs;
  while (true) {
    const found: string[] = [];
    for await (const e of Deno.readDir("/proc")) {
      if (!/^\d+$/.test(e.name)) continue;
      const cmd = await Deno.readTextFile(`/proc/${e.name}/cmdline`).catch(() => "");
      const status = await Deno.readTextFile(`/proc/${e.name}/status`).catch(() => "");
      if (cmd.includes(marker) && !/\nState:\s+Z/.test(status)) found.push(`${e.name}: ${cmd}`);
    }
    if (found.length === 0 || performance.now() >= deadline) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}
