import assert from "node:assert/strict";
import { canonicalJson, contentHash } from "./hash.ts";

Deno.test("canonicalJson() sorts object keys at every level, keeps array order and drops undefined", () => {
  const value = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, u: undefined };
  assert.equal(canonicalJson(value), '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
});

Deno.test("contentHash() gives equal content the same hash, whatever its key order", () => {
  const a = { model: "m", messages: [{ role: "user", content: "hi" }], max_tokens: 4 };
  const b = { max_tokens: 4, messages: [{ content: "hi", role: "user" }], model: "m" };
  assert.equal(contentHash(a), contentHash(b));
  assert.notEqual(contentHash(a), contentHash({ ...a, max_tokens: 5 }));
});
