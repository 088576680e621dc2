import assert from "node:assert/strict";
import { isSecretName } from "./secret_name.ts";

Deno.test("isSecretName: secret suffixes and auth prefixes, not names that merely contain a word", () => {
  for (
    const name of [
      "api_key",
      "apikey",
      "Authorization",
      "x-auth-token",
      "X-Client-Secret",
      "db_password",
      "Cookie",
      "bearer",
      "auth_header",
    ]
  ) {
    assert.equal(isSecretName(name), true, name);
  }
  for (
    const name of ["tokenizer_path", "max_tokens", "model", "secretary_name", "cookies_enabled"]
  ) {
    assert.equal(isSecretName(name), false, name);
  }
});
