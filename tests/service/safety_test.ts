import assert from "node:assert/strict";
import { optionDefaults } from "../../lib/config/schema.ts";
import { serviceKinds } from "../../lib/cli/service_kinds.ts";
import { UserError } from "../../lib/errors.ts";
import { SERVICE_OPTIONS, type ServiceValues } from "../../lib/service/options.ts";
import { startService } from "../../lib/service/serve.ts";
import { removeOutputs, startTestService } from "./helpers.ts";

const TOKEN = "test-token-0123456789";

Deno.test("service refuses a non-loopback bind without a token and an allow-list, and says why", async () => {
  const outputs = await Deno.makeTempDir();
  try {
    for (
      const [token, allow] of [[undefined, []], [TOKEN, []], [undefined, ["10.0.0.5"]]] as const
    ) {
      const values = {
        ...optionDefaults(SERVICE_OPTIONS),
        host: "0.0.0.0",
        port: 0,
        outputs,
        allow_target: [...allow],
      } as ServiceValues;
      await assert.rejects(
        startService({
          values,
          token,
          kinds: serviceKinds(() => {}),
          kindOptions: { eval: [], perf: [] },
          benchmarks: () => [],
        }),
        (e) =>
          e instanceof UserError && /Cannot listen on 0\.0\.0\.0: .*attack relay/.test(e.message),
      );
    }
  } finally {
    await Deno.remove(outputs, { recursive: true });
  }
});

Deno.test("service: 401 without or with a wrong token, 400 for a task id of '..', 403 for a target off the allow-list", async () => {
  const service = await startTestService({ token: TOKEN, allow_target: ["10.0.0.5:8000"] });
  try {
    const none = await service.call("/api/v1/jobs", { headers: { authorization: "" } });
    assert.equal(none.status, 401);
    assert.match((await none.json()).error, /needs a token/);
    const wrong = await service.call("/api/v1/jobs", { headers: { authorization: "Bearer nope" } });
    assert.equal(wrong.status, 401);
    assert.match((await wrong.json()).error, /token is wrong/);
    assert.equal((await service.call("/health", { headers: { authorization: "" } })).status, 200);
    const config = { model: "m", api_url: "http://127.0.0.1:1/v1", datasets: ["gsm8k"] };
    const dots = await service.call("/api/v1/jobs", {
      body: { kind: "eval", config },
      headers: { "idempotency-key": ".." },
    });
    assert.equal(dots.status, 400);
    assert.match((await dots.json()).error, /Cannot use task id "\.\."/);
    const off = await service.call("/api/v1/jobs", { body: { kind: "eval", config } });
    assert.equal(off.status, 403);
    assert.match((await off.json()).error, /127\.0\.0\.1:1 is not an allowed target/);
    const unknown = await service.call("/api/v1/jobs", {
      body: { kind: "eval", config: { ...config, api_url: "http://10.0.0.5:8000/v1", nope: 1 } },
    });
    assert.equal(unknown.status, 400);
    assert.match((await unknown.json()).error, /unknown option "nope"/);
    const text = await service.call("/api/v1/jobs", {
      body: { kind: "eval", config },
      headers: { "content-type": "text/plain" },
    });
    assert.equal(text.status, 415);
    const preflight = await service.call("/api/v1/jobs", {
      method: "OPTIONS",
      headers: { origin: "http://evil.example" },
    });
    assert.equal(preflight.headers.get("access-control-allow-origin"), null);
    await preflight.body?.cancel();
    assert.equal((await (await service.call("/api/v1/jobs")).json()).data.length, 0);
  } finally {
    await service.shutdown();
    await removeOutputs(service);
  }
});
