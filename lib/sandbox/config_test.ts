import assert from "node:assert/strict";
import { UserError } from "../errors.ts";
import { parseBytes, resolveSandboxKeys } from "./config.ts";

const resolve = (keys: Parameters<typeof resolveSandboxKeys>[0], notes: string[] = []) =>
  resolveSandboxKeys(keys, { notes });

Deno.test("resolveSandboxKeys() takes an engine name, none, or EvalScope's object and legacy keys", () => {
  assert.deepEqual(resolve({}), { engine: "auto" });
  assert.deepEqual(resolve({ sandbox: "auto" }), { engine: "auto" });
  assert.deepEqual(resolve({ sandbox: "bwrap" }), { engine: "bwrap" });
  assert.deepEqual(resolve({ sandbox: "local" }), { engine: "local" });
  assert.equal(resolve({ sandbox: "none" }), null);
  assert.deepEqual(resolve({ sandbox: { enabled: true, engine: "docker" } }), { engine: "docker" });
  assert.deepEqual(resolve({ use_sandbox: true, sandbox_type: "docker" }), { engine: "docker" });
  assert.deepEqual(
    resolve({
      sandbox: {
        engine: "docker",
        pool_size: 3,
        default_config: { image: "python:3.12-slim", memory_limit: "1g", network_enabled: false },
      },
    }),
    {
      engine: "docker",
      concurrency: 3,
      image: "python:3.12-slim",
      limits: { memoryBytes: 1024 ** 3 },
    },
  );
});

Deno.test("resolveSandboxKeys(): enabled=false keeps the default sandbox and says so (never host execution)", () => {
  const notes: string[] = [];
  assert.deepEqual(resolve({ sandbox: { enabled: false } }, notes), { engine: "auto" });
  assert.equal(notes.length, 1);
  assert.match(notes[0], /does not run model code on the host/);
  const legacy: string[] = [];
  assert.deepEqual(resolve({ use_sandbox: false }, legacy), { engine: "auto" });
  assert.equal(legacy.length, 1);
});

Deno.test("resolveSandboxKeys() refuses a remote manager, volcengine, network and unknown engines clearly", () => {
  const refuses = (keys: Parameters<typeof resolveSandboxKeys>[0], message: RegExp) =>
    assert.throws(
      () => resolve(keys),
      (e: unknown) => e instanceof UserError && message.test(e.message) && !!e.hint,
    );
  refuses(
    { sandbox: { engine: "docker", manager_config: { base_url: "http://10.0.0.1:1234" } } },
    /^Cannot use a remote sandbox manager \(http:\/\/10\.0\.0\.1:1234\): not supported/,
  );
  refuses(
    { sandbox_manager_config: { base_url: "http://h:1" } },
    /^Cannot use a remote sandbox manager/,
  );
  refuses({ sandbox: { engine: "volcengine" } }, /^Cannot use the volcengine sandbox/);
  refuses({ sandbox: "firejail" }, /^Invalid --sandbox "firejail"/);
  refuses(
    { sandbox: { default_config: { network_enabled: true } } },
    /^Cannot enable the sandbox's network/,
  );
  refuses({ sandbox: { pool_size: 0 } }, /^Invalid sandbox.pool_size 0/);
  refuses({ sandbox: 3 }, /^Invalid --sandbox/);
});

Deno.test("parseBytes() reads docker-style sizes", () => {
  assert.equal(parseBytes("1g", "x"), 1024 ** 3);
  assert.equal(parseBytes("512m", "x"), 512 * 1024 ** 2);
  assert.equal(parseBytes("64MB", "x"), 64 * 1024 ** 2);
  assert.equal(parseBytes(1000, "x"), 1000);
  assert.throws(() => parseBytes("lots", "x"), /Invalid x "lots"/);
});
