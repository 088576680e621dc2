import assert from "node:assert/strict";
import { join } from "node:path";
import { RunStore } from "./run_store.ts";

Deno.test("RunStore round-trips values over 64 KiB in chunks and lists a prefix", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "s.kv");
    const store = await RunStore.open(path);
    const big = { text: "汉字".repeat(50_000), n: 1 }; // 300 KB of UTF-8
    await Promise.all([
      store.put([{ key: ["resp", "a"], value: big }]),
      store.put([{ key: ["rev", "bench", "a"], value: { fp: "x" } }, {
        key: ["rev", "bench", "b"],
        value: { fp: "y" },
      }]),
    ]);
    await store.close();
    const again = await RunStore.open(path);
    assert.deepEqual(await again.get(["resp", "a"]), big);
    assert.equal(await again.get(["resp", "missing"]), null);
    const listed = await again.list<{ fp: string }>(["rev", "bench"]);
    assert.deepEqual([...listed.entries()].sort(), [["a", { fp: "x" }], ["b", { fp: "y" }]]);
    await again.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("RunStore commits many queued writes in batches", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const store = await RunStore.open(join(dir, "s.kv"));
    await Promise.all(
      Array.from(
        { length: 1500 },
        (_, i) => store.put([{ key: ["rev", "b", `k${i}`], value: { i } }]),
      ),
    );
    assert.equal((await store.list(["rev", "b"])).size, 1500);
    await store.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
