import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { type RequestLogEntry, startSimulator } from "./mod.ts";
import { RequestLog } from "./request_log.ts";
import { chatBody, post } from "./test_client.ts";

Deno.test("the request log writes one JSON line per generation request", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/requests.jsonl`;
    {
      await using sim = await startSimulator({
        ttftMs: 0,
        itlMs: 0,
        loremTokens: 3,
        requestLog: path,
      });
      await post(
        `${sim.url}/v1/chat/completions`,
        chatBody("first prompt", { max_tokens: 2, stream: true }),
      );
      await post(`${sim.url}/v1/completions`, { prompt: "x".repeat(500), model: "m" });
      await post(`${sim.url}/v1/chat/completions`, chatBody("bad", { n: 3 }));
      await fetch(`${sim.url}/v1/models`).then((r) => r.body?.cancel());
    }
    const lines: RequestLogEntry[] = (await Deno.readTextFile(path)).trim().split("\n").map((l) =>
      JSON.parse(l)
    );
    assert.equal(lines.length, 3);
    const [a, b, c] = lines;
    assert.equal(a.seq, 0);
    assert.equal(a.endpoint, "/v1/chat/completions");
    assert.equal(a.prompt_sha256, createHash("sha256").update("first prompt").digest("hex"));
    assert.equal(a.last_user, "first prompt");
    assert.equal(a.max_tokens, 2);
    assert.equal(a.stream, true);
    assert.equal(a.outcome, "completed");
    assert.equal(a.finish_reason, "length");
    assert.equal(a.completion_tokens, 2);
    assert.ok(!Number.isNaN(Date.parse(a.time)));
    assert.equal(b.endpoint, "/v1/completions");
    assert.equal(b.model, "m");
    assert.equal(b.last_user?.length, 200);
    assert.equal(b.stream, false);
    assert.equal(c.outcome, "invalid");
    assert.equal(c.status, 400);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the in-memory ring keeps the last entries, oldest first", async () => {
  await using sim = await startSimulator({ ttftMs: 0, itlMs: 0, loremTokens: 1, logRingSize: 3 });
  for (let i = 0; i < 5; i++) await post(`${sim.url}/v1/chat/completions`, chatBody(`p${i}`));
  assert.deepEqual(sim.requests().map((r) => r.last_user), ["p2", "p3", "p4"]);
  const viaHttp = await (await fetch(`${sim.url}/sim/requests`)).json();
  assert.deepEqual(viaHttp.map((r: RequestLogEntry) => r.seq), [2, 3, 4]);
});

Deno.test("RequestLog with ringSize 0 keeps nothing in memory", async () => {
  const log = await RequestLog.open({ ringSize: 0 });
  log.add({} as RequestLogEntry);
  assert.deepEqual(log.entries(), []);
  log.close();
});

Deno.test("the request log records when the first streamed bytes really left", async () => {
  await using sim = await startSimulator({ ttftMs: 40, itlMs: 1, loremTokens: 3 });
  await post(`${sim.url}/v1/chat/completions`, chatBody("a", { max_tokens: 2, stream: true }));
  await post(`${sim.url}/v1/chat/completions`, chatBody("b", { max_tokens: 2 }));
  const [streamed, plain] = sim.requests();
  assert.ok(
    streamed.first_write_ms !== null && streamed.first_write_ms >= 39,
    String(streamed.first_write_ms),
  );
  assert.ok(streamed.first_write_ms! <= streamed.duration_ms);
  assert.equal(plain.first_write_ms, null);
});
