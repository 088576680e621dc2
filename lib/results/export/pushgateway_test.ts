import assert from "node:assert/strict";
import { UserError } from "../../errors.ts";
import { pushgatewayPath, pushToGateway } from "./pushgateway.ts";

/** A stand-in Pushgateway on 127.0.0.1 that records each request and answers `status`. */
function stubGateway(status = 200) {
  const got: { method: string; path: string; type: string | null; body: string }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    got.push({
      method: req.method,
      path: url.pathname,
      type: req.headers.get("content-type"),
      body: await req.text(),
    });
    return new Response(status === 200 ? "" : "pushed metrics are invalid", { status });
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, got, close: () => server.shutdown() };
}

const TEXT =
  '# TYPE lmeter_perf_requests_per_second gauge\nlmeter_perf_requests_per_second{run="a"} 2\n';

Deno.test("pushToGateway() PUTs the text format to /metrics/job/lmeter/instance/<name>", async () => {
  const gw = stubGateway();
  try {
    const to = await pushToGateway(`${gw.url}/`, { text: TEXT, instance: "qwen3_20260101_120000" });
    assert.equal(to, `${gw.url}/metrics/job/lmeter/instance/qwen3_20260101_120000`);
    assert.deepEqual(gw.got, [{
      method: "PUT",
      path: "/metrics/job/lmeter/instance/qwen3_20260101_120000",
      type: "text/plain; version=0.0.4; charset=utf-8",
      body: TEXT,
    }]);
  } finally {
    await gw.close();
  }
});

Deno.test("pushgatewayPath() sends a name with '/' as base64url, as the Pushgateway reads it", () => {
  assert.equal(pushgatewayPath("a b"), "/metrics/job/lmeter/instance/a%20b");
  const path = pushgatewayPath("org/qwen3?");
  assert.equal(
    path,
    `/metrics/job/lmeter/instance@base64/${btoa("org/qwen3?").replaceAll("/", "_")}`,
  );
  assert.equal(atob(path.split("/").at(-1)!.replaceAll("_", "/")), "org/qwen3?");
});

Deno.test("pushToGateway() says why when the gateway refuses or cannot be reached", async () => {
  const gw = stubGateway(400);
  try {
    await assert.rejects(
      () => pushToGateway(gw.url, { text: TEXT, instance: "x" }),
      (e: unknown) =>
        e instanceof UserError &&
        e.message ===
          `Cannot push the metrics to the Pushgateway ${gw.url}: HTTP 400 pushed metrics are invalid`,
    );
  } finally {
    await gw.close();
  }
  await assert.rejects(
    () => pushToGateway(gw.url, { text: TEXT, instance: "x" }),
    (e: unknown) =>
      e instanceof UserError &&
      e.message.startsWith(`Cannot push the metrics to the Pushgateway ${gw.url}: `) &&
      /--pushgateway/.test(e.hint ?? ""),
  );
});
