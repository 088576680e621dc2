import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { canonicalJson, contentHash, sha256Hex } from "./hash.ts";

Deno.test("canonicalJson() sorts keys at every level and writes no whitespace", () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } }),
    '{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}',
  );
  assert.equal(canonicalJson({ "é": 1, Z: 2, a: 3 }), '{"Z":2,"a":3,"é":1}');
});

Deno.test("canonicalJson() leaves out null and undefined object entries but keeps them in arrays", () => {
  assert.equal(canonicalJson({ a: 1, b: null, c: undefined }), '{"a":1}');
  assert.equal(canonicalJson({ a: 1, b: null }), canonicalJson({ a: 1 }));
  assert.equal(canonicalJson({ x: { y: null } }), '{"x":{}}');
  assert.equal(canonicalJson([1, null, undefined, "x"]), '[1,null,null,"x"]');
  assert.equal(canonicalJson(null), "null");
  assert.equal(canonicalJson(undefined), "null");
});

Deno.test("canonicalJson() writes numbers, bigints, dates and bytes one way", () => {
  assert.equal(canonicalJson([NaN, Infinity, -0, 1e21, 0.1]), "[null,null,0,1e+21,0.1]");
  assert.equal(canonicalJson({ n: 10n }), '{"n":10}');
  assert.equal(canonicalJson({ x: new Uint8Array([104, 105]) }), '{"x":{"$bytes":"aGk="}}');
  assert.equal(canonicalJson(new Date(0)), '"1970-01-01T00:00:00.000Z"');
  assert.equal(canonicalJson({ f: () => 1 }), '{"f":null}');
  assert.equal(canonicalJson('a"b\n'), JSON.stringify('a"b\n'));
});

Deno.test("contentHash() is sha256 of the canonical JSON, so key order and null entries do not count", () => {
  const expected = createHash("sha256").update('{"a":1,"b":[2]}').digest("hex");
  assert.equal(contentHash({ b: [2], a: 1 }), expected);
  assert.equal(contentHash({ a: 1, b: [2], c: null, d: undefined }), expected);
  assert.notEqual(contentHash({ a: 1, b: [2, null] }), expected);
  assert.equal(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
});

Deno.test("contentHash() of an eval request body and resume key is what run folders already hold", () => {
  // Computed with the eval store's former canonical JSON: bodies hold no null, so keys are unchanged.
  const body = {
    model: "qwen",
    messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "1+1=?" }],
    temperature: 0,
    max_tokens: 512,
    stream: true,
    stream_options: { include_usage: true },
  };
  const bodyHash = contentHash(body);
  assert.equal(bodyHash, "0e17ba05ae72ccfbecbbb1cf55e4fd5ae2d2732cf09b8a7cab90d218d21bb7ee");
  const identity = { api_url: "http://127.0.0.1:8801/v1", model: "qwen" };
  assert.equal(
    contentHash({ identity, body: bodyHash, attempt: 0 }),
    "32b20393a5986a4d9b3951857054d72ea26c2198c21a342a4454f95a2af861a6",
  );
});

Deno.test("contentHash() of a review fingerprint: unchanged with choices, changed once without", () => {
  // Both expected values were computed with the eval store's former canonical JSON, which kept
  // `"choices":null`; only the second changes (docs/results-format.md says what resume does then).
  assert.equal(
    contentHash({ bench: "abc", target: "A", choices: ["x", "y"] }),
    "5cf4fe95168fd3067c3b655dfd17bbd35c5f40bbf8e0d0333221b794143ed8bc",
  );
  const former = "66d66e81b99d044b120910b2f2952b97c46e2fca98f12fa443242015370e1df3";
  assert.notEqual(contentHash({ bench: "abc", target: "4", choices: null }), former);
  assert.equal(
    contentHash({ bench: "abc", target: "4", choices: null }),
    contentHash({ bench: "abc", target: "4" }),
  );
});
