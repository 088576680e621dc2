import assert from "node:assert/strict";
import { maskSecrets } from "./eval_report.ts";

Deno.test("the HTML report's config fence blanks the same names as the client's masking", () => {
  const masked = maskSecrets({
    api_key: "sk-live-0123456789",
    tokenizer_path: "/models/qwen",
    headers: { cookie: "session=abc123", "x-api-token": "t0k3n-0123456789" },
  });
  assert.deepEqual(masked, {
    api_key: "***",
    tokenizer_path: "/models/qwen",
    headers: { cookie: "***", "x-api-token": "***" },
  });
});
