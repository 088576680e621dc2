import assert from "node:assert/strict";
import { join } from "node:path";
import { UserError } from "../../errors.ts";
import { type KvConnectStub, startKvConnectStub } from "../../../tests/kv/kv_connect_stub.ts";
import { RunStore } from "./run_store.ts";

/** Runs `fn` with a store location: a KV file in a temp folder, or the KV Connect stub's URL. */
async function withLocation(
  kind: "file" | "remote",
  fn: (location: string, stub: KvConnectStub | null) => Promise<void>,
): Promise<void> {
  if (kind === "file") {
    const dir = await Deno.makeTempDir();
    try {
      await fn(join(dir, "s.kv"), null);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
    return;
  }
  const stub = startKvConnectStub();
  try {
    await withToken(stub.token, () => fn(stub.url, stub));
  } finally {
    await stub.close();
  }
}

/** Runs `fn` with `DENO_KV_ACCESS_TOKEN` set to `token` (or unset), then restores it. */
async function withToken(token: string | null, fn: () => Promise<void>): Promise<void> {
  const before = Deno.env.get("DENO_KV_ACCESS_TOKEN");
  if (token === null) Deno.env.delete("DENO_KV_ACCESS_TOKEN");
  else Deno.env.set("DENO_KV_ACCESS_TOKEN", token);
  try {
    await fn();
  } finally {
    if (before === undefined) Deno.env.delete("DENO_KV_ACCESS_TOKEN");
    else Deno.env.set("DENO_KV_ACCESS_TOKEN", before);
  }
}

for (const kind of ["file", "remote"] as const) {
  Deno.test(`RunStore (${kind}) round-trips values over 64 KiB in chunks and lists a prefix`, async () => {
    await withLocation(kind, async (location, stub) => {
      const store = await RunStore.open(location);
      assert.equal(store.remote, kind === "remote");
      const big = { text: "汉字".repeat(50_000), n: 1 }; // 300 KB of UTF-8
      await Promise.all([
        store.put([{ key: ["resp", "a"], value: big }]),
        store.put([{ key: ["rev", "bench", "a"], value: { fp: "x" } }, {
          key: ["rev", "bench", "b"],
          value: { fp: "y" },
        }]),
      ]);
      await store.close();
      const again = await RunStore.open(location);
      assert.deepEqual(await again.get(["resp", "a"]), big);
      assert.equal(await again.get(["resp", "missing"]), null);
      const listed = await again.list<{ fp: string }>(["rev", "bench"]);
      assert.deepEqual([...listed.entries()].sort(), [["a", { fp: "x" }], ["b", { fp: "y" }]]);
      await again.close();
      // Remote: the chunks, the head, two reviews and the format key are on the server.
      if (stub) assert.ok(stub.size() >= 9, `${stub.size()} keys`);
    });
  });

  Deno.test(`RunStore (${kind}) commits many queued writes in batches`, async () => {
    await withLocation(kind, async (location) => {
      const store = await RunStore.open(location);
      await Promise.all(
        Array.from(
          { length: 1500 },
          (_, i) => store.put([{ key: ["rev", "b", `k${i}`], value: { i } }]),
        ),
      );
      assert.equal((await store.list(["rev", "b"])).size, 1500);
      await store.close();
    });
  });
}

Deno.test("RunStore on a remote KV: a wrong token, no token and a closed port say what to do", async () => {
  const stub = startKvConnectStub();
  try {
    await withToken("not-the-token", async () => {
      const e = await RunStore.open(stub.url).catch((e) => e);
      assert.ok(e instanceof UserError);
      assert.match(
        e.message,
        /^Cannot open the run cache at http:\/\/127\.0\.0\.1:\d+: the server refused the access token \(401: invalid access token\)$/,
      );
      assert.match(e.hint ?? "", /DENO_KV_ACCESS_TOKEN.*--cache-token-file/);
      assert.equal(e.exitCode, 1);
    });
    await withToken(null, async () => {
      const e = await RunStore.open(stub.url).catch((e) => e);
      assert.ok(e instanceof UserError);
      assert.match(e.message, /: no access token$/);
    });
    const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = closed.addr.port;
    closed.close();
    await withToken(stub.token, async () => {
      const e = await RunStore.open(`http://127.0.0.1:${port}`).catch((e) => e);
      assert.ok(e instanceof UserError);
      assert.match(e.message, /: nothing answers there \(.*refused/i);
      assert.match(e.hint ?? "", /Start the denokv server/);
    });
  } finally {
    await stub.close();
  }
});

Deno.test("RunStore on a remote KV fails a write the server stops answering instead of waiting forever", async () => {
  const stub = startKvConnectStub();
  try {
    await withToken(stub.token, async () => {
      const store = await RunStore.open(stub.url, { stallMs: 300 });
      await store.put([{ key: ["rev", "b", "k"], value: 1 }]);
      stub.failWith(500); // Deno's client retries a 5xx without end
      const e = await store.put([{ key: ["rev", "b", "k2"], value: 2 }]).catch((e) => e);
      assert.ok(e instanceof UserError);
      assert.match(
        e.message,
        /^Cannot reach the run cache at http:\/\/127\.0\.0\.1:\d+: no answer for 0.3 s$/,
      );
      stub.failWith(null);
      await store.close();
    });
  } finally {
    await stub.close();
  }
});
