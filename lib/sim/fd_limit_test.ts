import assert from "node:assert/strict";
import { defaultMaxConnections, FD_MARGIN, readFdSoftLimit, startSimulator } from "./mod.ts";
import { chatBody, post } from "./test_client.ts";

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            1024                 20000                files
Max locked memory         8388608              8388608              bytes
`;

Deno.test("readFdSoftLimit() reads the soft 'Max open files' limit", () => {
  assert.equal(readFdSoftLimit(LIMITS), 1024);
  assert.equal(readFdSoftLimit(LIMITS.replace("1024   ", "unlimited")), Number.MAX_SAFE_INTEGER);
  assert.equal(readFdSoftLimit("nothing here"), null);
  const own = readFdSoftLimit();
  assert.ok(own === null || own > 0);
});

Deno.test("defaultMaxConnections() keeps a margin of descriptors free", () => {
  assert.equal(defaultMaxConnections(1024), 1024 - FD_MARGIN);
  assert.equal(defaultMaxConnections(10), 1);
  assert.equal(defaultMaxConnections(null), 960);
});

Deno.test("the simulator reports its fd limit and default connection cap", async () => {
  await using sim = await startSimulator({ ttftMs: 0, itlMs: 0 });
  const s = sim.stats();
  assert.equal(s.fdSoftLimit, readFdSoftLimit());
  assert.equal(s.maxConnections, defaultMaxConnections(s.fdSoftLimit));
});

Deno.test("requests beyond maxConnections get a quick 503 and the server keeps serving", async () => {
  await using sim = await startSimulator({
    ttftMs: 0,
    itlMs: 40,
    loremTokens: 6,
    maxConnections: 2,
  });
  const slow = [
    post(`${sim.url}/v1/chat/completions`, chatBody("a", { stream: true })),
    post(`${sim.url}/v1/chat/completions`, chatBody("b", { stream: true })),
  ];
  // Wait (up to 5 s on a loaded box) for both to be in flight; they stream for ~240 ms.
  for (let i = 0; i < 500 && sim.stats().inFlight < 2; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(sim.stats().inFlight, 2);
  const refused = await post(`${sim.url}/v1/chat/completions`, chatBody("c"));
  assert.equal(refused.status, 503);
  assert.match(refused.headers.connection, /close/);
  assert.match(
    JSON.parse(refused.body).error.message,
    /connection cap of 2 requests in flight.*ulimit -n/,
  );
  assert.ok(refused.headersAt - refused.sent < 100);
  for (const ex of await Promise.all(slow)) assert.ok(ex.complete);
  const later = await post(`${sim.url}/v1/chat/completions`, chatBody("d"));
  assert.equal(later.status, 200);
  const s = sim.stats();
  assert.equal(s.outcomes.rejected, 1);
  assert.equal(s.maxInFlight, 2);
  assert.equal(sim.requests().filter((r) => r.outcome === "rejected")[0].status, 503);
});

const soft = readFdSoftLimit();

Deno.test({
  name: soft === null
    ? "SKIP the fd-limit cap: no finite soft limit could be read from /proc/self/limits"
    : "startSimulator() refuses a connection cap above what the fd limit allows",
  ignore: soft === null,
  fn: refusesCapAboveLimit,
});

/** The cap check (the limit is known whenever the test is not ignored). */
async function refusesCapAboveLimit() {
  await assert.rejects(
    () => startSimulator({ maxConnections: soft! }),
    /needs more file descriptors than the soft limit/,
  );
}
