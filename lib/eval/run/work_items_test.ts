import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { reviewKey, sampleKey } from "./work_items.ts";

const body = "9f2c".repeat(16);
const identity = { api_url: "http://127.0.0.1:8801/v1", model: "qwen2.5" };

Deno.test("sampleKey() is the SHA-256 of the sorted-key JSON of identity, body hash and attempt", () => {
  const text = `{"attempt":1,"body":"${body}",` +
    `"identity":{"api_url":"http://127.0.0.1:8801/v1","model":"qwen2.5"}}`;
  const want = createHash("sha256").update(text).digest("hex");
  assert.equal(sampleKey(identity, { body, attempt: 1 }), want);
  // The same identity written in another key order gives the same key.
  const reordered = { model: "qwen2.5", api_url: "http://127.0.0.1:8801/v1" };
  assert.equal(sampleKey(reordered, { body, attempt: 1 }), want);
});

Deno.test("sampleKey() changes with the endpoint, the model and the attempt", () => {
  const key = sampleKey(identity, { body, attempt: 0 });
  const others = [
    sampleKey({ ...identity, api_url: "http://127.0.0.1:8802/v1" }, { body, attempt: 0 }),
    sampleKey({ ...identity, model: "qwen3" }, { body, attempt: 0 }),
    sampleKey(identity, { body, attempt: 1 }),
  ];
  for (const other of others) assert.notEqual(other, key);
});

Deno.test("reviewKey() keeps apart the reviews of one request scored on different inputs", () => {
  const key = sampleKey(identity, { body, attempt: 0 });
  // Arena mode: the same question (one request) paired with two candidates' answers.
  assert.notEqual(reviewKey(key, "inputs of m1"), reviewKey(key, "inputs of m2"));
  assert.equal(reviewKey(key, "inputs of m1"), reviewKey(key, "inputs of m1"));
  assert.notEqual(
    reviewKey(key, "inputs of m1"),
    reviewKey(sampleKey(identity, { body, attempt: 1 }), "inputs of m1"),
  );
});
