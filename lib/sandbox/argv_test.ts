import assert from "node:assert/strict";
import { dockerCommand, launchCommand, launcherPath, type LaunchSpec } from "./argv.ts";
import { BOOTSTRAP } from "./bootstrap.ts";
import { SANDBOX_LIMIT_DEFAULTS } from "./types.ts";

const limits = { ...SANDBOX_LIMIT_DEFAULTS, timeoutMs: 4000, memoryBytes: 512 * 1024 * 1024 };
const spec = (o: Partial<LaunchSpec>): LaunchSpec => ({
  engine: "bwrap",
  limits,
  uid: null,
  filesBytes: 65536,
  ...o,
});

/** The value after `flag` in `args` (the first occurrence). */
function after(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
}

Deno.test("launchCommand() bwrap as root: setpriv to the slot uid, then prlimit, then bwrap with everything unshared", () => {
  const { command, args } = launchCommand(spec({ uid: 123456 }));
  assert.equal(command, "/usr/bin/setpriv");
  assert.deepEqual(args.slice(0, 5), [
    "--reuid=123456",
    "--regid=123456",
    "--clear-groups",
    "--",
    "/usr/bin/prlimit",
  ]);
  const prlimitEnd = args.indexOf("--", 5);
  assert.deepEqual(args.slice(5, prlimitEnd), [
    `--as=${512 * 1024 * 1024}`,
    "--cpu=5:6",
    "--nproc=256",
    `--fsize=${16 * 1024 * 1024}`,
    "--nofile=64",
  ]);
  const bwrap = args.slice(prlimitEnd + 1);
  assert.equal(bwrap[0], "/usr/bin/bwrap");
  for (const flag of ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent"]) {
    assert.ok(bwrap.includes(flag), flag);
  }
  assert.ok(bwrap.includes("--new-session") && bwrap.includes("--clearenv"));
  // Only /usr comes from the host, read-only; no --bind (read-write) of any host path.
  const binds = bwrap.flatMap((a, i) => a.endsWith("bind") ? [[a, bwrap[i + 1]]] : []);
  assert.deepEqual(binds, [["--ro-bind", "/usr"]]);
  assert.equal(after(bwrap, "--chdir"), "/tmp");
  const readOnly = bwrap.flatMap((a, i) => a === "--remount-ro" ? [bwrap[i + 1]] : []);
  assert.deepEqual(readOnly, ["/dev", "/"]);
  assert.ok(bwrap.indexOf("--remount-ro") > bwrap.lastIndexOf("--tmpfs"), "made read-only last");
  // Each tmpfs is size-capped: the scratch (the working folder) and the files folder.
  const tmpfs = bwrap.flatMap((a, i) =>
    a === "--tmpfs" ? [[bwrap[i - 2], bwrap[i - 1], bwrap[i + 1]]] : []
  );
  assert.deepEqual(tmpfs, [
    ["--size", String(16 * 1024 * 1024), "/dev/shm"],
    ["--size", String(16 * 1024 * 1024), "/tmp"],
    ["--size", "65536", "/w"],
  ]);
  const tail = bwrap.slice(bwrap.lastIndexOf("--") + 1);
  assert.deepEqual(tail, ["/usr/bin/python3", "-I", "-c", BOOTSTRAP, "/w"]);
});

Deno.test("launchCommand() bwrap as an ordinary user starts at prlimit (bwrap makes its own user namespace)", () => {
  const { command, args } = launchCommand(spec({ uid: null }));
  assert.equal(command, "/usr/bin/prlimit");
  assert.ok(!args.some((a) => a.startsWith("--reuid")));
  assert.ok(args.includes("--nproc=256"));
});

Deno.test("launchCommand() carries no part of the program: the argument vector is the same for any request", () => {
  // The request is not an input of launchCommand at all; only limits, uid and sizes are.
  const a = launchCommand(spec({ uid: 200000 }));
  const b = launchCommand(spec({ uid: 200000 }));
  assert.deepEqual(a, b);
  assert.ok(a.args.every((x) => !x.includes("\n") || x === BOOTSTRAP));
});

Deno.test("launchCommand() refuses numbers and names that could inject arguments", () => {
  assert.throws(() => launchCommand(spec({ limits: { ...limits, memoryBytes: -1 } })), RangeError);
  assert.throws(() => launchCommand(spec({ limits: { ...limits, timeoutMs: 1.5 } })), RangeError);
  assert.throws(() => launchCommand(spec({ uid: 0 })), RangeError);
  assert.throws(() => launchCommand(spec({ filesBytes: NaN })), RangeError);
  assert.throws(
    () => launchCommand(spec({ engine: "docker", container: "x --privileged", image: "img" })),
    RangeError,
  );
  assert.throws(
    () => launchCommand(spec({ engine: "docker", container: "c", image: "--privileged" })),
    RangeError,
  );
  assert.throws(() => dockerCommand({ action: "kill", container: "-a" }), RangeError);
});

Deno.test("launchCommand() docker: no network, read-only root, capped tmpfs, the same limits, no capabilities", () => {
  const { command, args } = launchCommand(
    spec({ engine: "docker", container: "lmeter-sandbox-1-2", image: "python:3.11-slim" }),
  );
  assert.equal(command, "/usr/bin/docker");
  assert.deepEqual(args.slice(0, 3), ["run", "--rm", "--interactive"]);
  assert.equal(after(args, "--name"), "lmeter-sandbox-1-2");
  assert.equal(after(args, "--network"), "none");
  assert.equal(after(args, "--pull"), "never");
  assert.equal(after(args, "--memory"), String(512 * 1024 * 1024));
  assert.equal(after(args, "--memory-swap"), String(512 * 1024 * 1024));
  assert.equal(after(args, "--pids-limit"), "256");
  assert.equal(after(args, "--cap-drop"), "ALL");
  assert.equal(after(args, "--security-opt"), "no-new-privileges");
  assert.equal(after(args, "--user"), "65534:65534");
  assert.ok(args.includes("--read-only"));
  assert.match(after(args, "--tmpfs")!, /^\/tmp:rw,exec,nosuid,size=16777216,mode=1777$/);
  assert.ok(!args.includes("--privileged") && !args.some((a) => a.startsWith("-v")));
  const image = args.indexOf("python:3.11-slim");
  assert.deepEqual(args.slice(image + 1), ["python3", "-I", "-c", BOOTSTRAP, "/w"]);
});

Deno.test("launchCommand() local: resource limits only, the bootstrap makes its own temporary folder", () => {
  const { command, args } = launchCommand(spec({ engine: "local" }));
  assert.equal(command, "/usr/bin/prlimit");
  assert.ok(!args.some((a) => a.startsWith("--nproc")));
  assert.deepEqual(args.slice(args.indexOf("--") + 1), [
    "/usr/bin/python3",
    "-I",
    "-c",
    BOOTSTRAP,
    "",
  ]);
});

Deno.test("launcherPath() is the first program of each engine's command line", () => {
  for (const engine of ["bwrap", "docker", "local"] as const) {
    for (const root of [true, false]) {
      const cmd = launchCommand(
        spec({
          engine,
          uid: engine === "bwrap" && root ? 100000 : null,
          container: "c",
          image: "i",
        }),
      );
      assert.equal(launcherPath(engine, { root }), cmd.command, `${engine} root=${root}`);
    }
  }
});
