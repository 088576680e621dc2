import assert from "node:assert/strict";
import { isSecretName, maskConfig, maskSecret, maskText } from "./mask.ts";

const SECRET = "s3cr3t-value-0123456789";
const MASKED = "s3c***89";

Deno.test("maskSecret() keeps 3 leading and 2 trailing characters of a long secret, none of a short one", () => {
  assert.equal(maskSecret(SECRET), MASKED);
  assert.equal(maskSecret("12345678"), "***");
  assert.equal(maskSecret(""), "");
  assert.equal(maskSecret("EMPTY"), "EMPTY");
});

Deno.test("isSecretName() knows key, authorization, token, secret, password and cookie names", () => {
  for (
    const name of [
      "api_key",
      "x-api-key",
      "Authorization",
      "x-auth-token",
      "X-Api-Token",
      "token",
      "client_secret",
      "secret",
      "password",
      "db-password",
      "cookie",
      "Cookie",
      "set-cookie",
    ]
  ) {
    assert.ok(isSecretName(name), `${name} is a secret name`);
  }
  for (const name of ["model", "tokens", "max_tokens", "secretary", "cookies_per_jar", "url"]) {
    assert.ok(!isSecretName(name), `${name} is not a secret name`);
  }
});

Deno.test("maskConfig() masks every secret-named field and header, at any depth, and nothing else", () => {
  const config = {
    model: "m",
    api_key: SECRET,
    headers: {
      "x-auth-token": SECRET,
      "X-Client-Secret": SECRET,
      "proxy-password": SECRET,
      cookie: SECRET,
      "x-trace": "Bearer " + SECRET,
      accept: "text/event-stream",
    },
    list: [{ password: SECRET }],
    max_tokens: 10,
  };
  assert.deepEqual(maskConfig(config), {
    model: "m",
    api_key: MASKED,
    headers: {
      "x-auth-token": MASKED,
      "X-Client-Secret": MASKED,
      "proxy-password": MASKED,
      cookie: MASKED,
      "x-trace": `Bearer ${MASKED}`,
      accept: "text/event-stream",
    },
    list: [{ password: MASKED }],
    max_tokens: 10,
  });
  assert.equal(config.headers.cookie, SECRET, "the input is not changed");
});

Deno.test("maskText() replaces every occurrence of each secret in a message", () => {
  const text = `401 for key ${SECRET}; retried with ${SECRET}`;
  assert.equal(maskText(text, [SECRET]), `401 for key ${MASKED}; retried with ${MASKED}`);
  assert.equal(maskText("key abc", ["abc"]), "key abc", "too short to mask without hiding words");
});
