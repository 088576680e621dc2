import assert from "node:assert/strict";
import { startKvConnectStub } from "./kv_connect_stub.ts";

/** Opens the stub with Deno's own KV Connect client, with `token` in the environment. */
async function withStubKv(
  fn: (kv: Deno.Kv, stub: ReturnType<typeof startKvConnectStub>) => Promise<void>,
  token?: string,
): Promise<void> {
  const stub = startKvConnectStub();
  const before = Deno.env.get("DENO_KV_ACCESS_TOKEN");
  Deno.env.set("DENO_KV_ACCESS_TOKEN", token ?? stub.token);
  try {
    const kv = await Deno.openKv(stub.url);
    try {
      await fn(kv, stub);
    } finally {
      kv.close();
    }
  } finally {
    if (before === undefined) Deno.env.delete("DENO_KV_ACCESS_TOKEN");
    else Deno.env.set("DENO_KV_ACCESS_TOKEN", before);
    await stub.close();
  }
}

Deno.test("the KV Connect stub serves Deno.openKv: get, set, getMany, list in key order, delete", async () => {
  await withStubKv(async (kv, stub) => {
    assert.equal(stub.requests[0], "/", "the metadata exchange comes first");
    assert.equal((await kv.get(["a"])).value, null);
    await kv.set(["a"], { text: "汉字", n: [1, 2] });
    await kv.set(["b", 2], new Uint8Array([1, 2, 3]));
    await kv.set(["b", 10], "ten");
    await kv.set(["b", "x"], 1);
    const a = await kv.get(["a"]);
    assert.deepEqual(a.value, { text: "汉字", n: [1, 2] });
    assert.match(a.versionstamp ?? "", /^[0-9a-f]{20}$/);
    const many = await kv.getMany([["b", 2], ["nothing"]]);
    assert.deepEqual(many.map((e) => e.value), [new Uint8Array([1, 2, 3]), null]);
    const listed = [];
    for await (const e of kv.list({ prefix: ["b"] })) listed.push([e.key, e.value]);
    // The same order as a local KV (bytes before strings before numbers; numbers by value).
    const local = await Deno.openKv(":memory:");
    for (const [key, value] of listed) await local.set(key as Deno.KvKey, value);
    const expected = [];
    for await (const e of local.list({ prefix: ["b"] })) expected.push([e.key, e.value]);
    local.close();
    assert.deepEqual(listed, expected);
    assert.deepEqual(listed.map(([k]) => k), [["b", "x"], ["b", 2], ["b", 10]]);
    const reversed = [];
    for await (const e of kv.list({ prefix: ["b"] }, { reverse: true, limit: 2 })) {
      reversed.push(e.key);
    }
    assert.deepEqual(reversed, [["b", 10], ["b", 2]]);
    const paged = [];
    for await (const e of kv.list({ prefix: ["b"] }, { batchSize: 1 })) paged.push(e.key);
    assert.equal(paged.length, 3);
    await kv.delete(["b", 10]);
    assert.equal((await kv.get(["b", 10])).value, null);
    assert.equal(stub.size(), 3);
  });
});

Deno.test("the KV Connect stub checks versionstamps and sums u64 values atomically", async () => {
  await withStubKv(async (kv) => {
    const empty = await kv.get(["job"]);
    assert.equal((await kv.atomic().check(empty).set(["job"], "first").commit()).ok, true);
    // The same check again: the key exists now, so the write is refused and nothing changes.
    const again = await kv.atomic().check(empty).set(["job"], "second").set(["other"], 1).commit();
    assert.equal(again.ok, false);
    assert.equal((await kv.get(["job"])).value, "first");
    assert.equal((await kv.get(["other"])).value, null);
    const held = await kv.get(["job"]);
    assert.equal((await kv.atomic().check(held).set(["job"], "third").commit()).ok, true);
    assert.equal((await kv.get(["job"])).value, "third");
    await kv.atomic().sum(["count"], 5n).commit();
    await kv.atomic().sum(["count"], 2n).max(["top"], 9n).commit();
    await kv.atomic().min(["top"], 4n).commit();
    assert.equal((await kv.get<Deno.KvU64>(["count"])).value?.value, 7n);
    assert.equal((await kv.get<Deno.KvU64>(["top"])).value?.value, 4n);
  });
});

Deno.test("the KV Connect stub forgets expired values and refuses enqueue", async () => {
  await withStubKv(async (kv) => {
    await kv.set(["gone"], 1, { expireIn: 1 });
    await kv.set(["kept"], 1);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal((await kv.get(["gone"])).value, null);
    assert.equal((await kv.get(["kept"])).value, 1);
    await assert.rejects(() => kv.enqueue({ hello: 1 }));
  });
});

Deno.test("the KV Connect stub refuses a wrong access token in the metadata exchange", async () => {
  await assert.rejects(
    () => withStubKv(() => Promise.resolve(), "wrong-token"),
    /401 Unauthorized: invalid access token/,
  );
});
