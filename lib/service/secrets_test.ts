import assert from "node:assert/strict";
import { joinSecrets, splitSecrets } from "./secrets.ts";

Deno.test("splitSecrets removes secret values at any depth and joinSecrets puts them back", () => {
  const config = {
    model: "m",
    api_key: "sk-1",
    headers: { Authorization: "Bearer x", "x-trace": "1" },
    judge_model_args: { api_key: "sk-2", model_id: "j" },
    empty_key: { api_key: "" },
  };
  const { config: stored, secrets } = splitSecrets(config);
  assert.deepEqual(stored, {
    model: "m",
    headers: { "x-trace": "1" },
    judge_model_args: { model_id: "j" },
    empty_key: { api_key: "" },
  });
  assert.deepEqual(secrets.map((s) => s.path.join(".")), [
    "api_key",
    "headers.Authorization",
    "judge_model_args.api_key",
  ]);
  assert.ok(!JSON.stringify(stored).includes("sk-"));
  assert.deepEqual(joinSecrets(stored, secrets), config);
});
