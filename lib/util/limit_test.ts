import assert from "node:assert/strict";
import { concurrencyLimit } from "./limit.ts";

Deno.test("concurrencyLimit() never runs more than its limit at once and runs every call in order", async () => {
  const limited = concurrencyLimit(2);
  let running = 0;
  let peak = 0;
  const started: number[] = [];
  const gates = Array.from({ length: 5 }, () => Promise.withResolvers<void>());
  const calls = gates.map((g, i) =>
    limited(async () => {
      started.push(i);
      running++;
      peak = Math.max(peak, running);
      await g.promise;
      running--;
      return i;
    })
  );
  await Promise.resolve();
  assert.deepEqual(started, [0, 1]);
  for (const g of gates) g.resolve();
  assert.deepEqual(await Promise.all(calls), [0, 1, 2, 3, 4]);
  assert.equal(peak, 2);
  assert.deepEqual(started, [0, 1, 2, 3, 4]);
});

Deno.test("concurrencyLimit() frees the slot of a call that throws", async () => {
  const limited = concurrencyLimit(1);
  await assert.rejects(limited(() => Promise.reject(new Error("boom"))), /boom/);
  assert.equal(await limited(() => Promise.resolve(7)), 7);
});
