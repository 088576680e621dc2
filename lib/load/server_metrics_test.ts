import assert from "node:assert/strict";
import { UserError } from "../errors.ts";
import { serverMetricsConfig } from "./config.ts";
import { jsonLine } from "./server_metrics.ts";

const TARGET = { url: "http://gpu1:8000/v1/chat/completions", intervalS: 0.5, headers: { x: "1" } };

Deno.test("serverMetricsConfig() reads auto as /metrics on --url's host, with its key", () => {
  const c = serverMetricsConfig(["auto", "http://gpu2:9000/metrics", "auto"], {
    ...TARGET,
    apiKey: "k",
  });
  assert.deepEqual(c.urls, ["http://gpu1:8000/metrics", "http://gpu2:9000/metrics"]);
  assert.equal(c.intervalMs, 500);
  assert.deepEqual(c.headers["http://gpu1:8000/metrics"], { x: "1", authorization: "Bearer k" });
  assert.deepEqual(c.headers["http://gpu2:9000/metrics"], {});
});

Deno.test("serverMetricsConfig() refuses what is not an http(s) URL", () => {
  assert.throws(() => serverMetricsConfig(["gpu1:8000"], TARGET), UserError);
  assert.throws(() => serverMetricsConfig(["ftp://gpu1/metrics"], TARGET), /only http and https/);
});

Deno.test("jsonLine() writes one scrape, infinities and NaN as Prometheus spells them", () => {
  const line = jsonLine({
    t: 1000.12345,
    source: "u",
    samples: [{ name: "a_bucket", labels: { le: "+Inf" }, value: Infinity }, {
      name: "b",
      labels: {},
      value: NaN,
    }],
  });
  assert.ok(line.endsWith("\n"));
  assert.deepEqual(JSON.parse(line), {
    t: 1000.123,
    source: "u",
    samples: [{ name: "a_bucket", labels: { le: "+Inf" }, value: "+Inf" }, {
      name: "b",
      labels: {},
      value: "NaN",
    }],
  });
  assert.deepEqual(JSON.parse(jsonLine({ t: 1, source: "u", error: "HTTP 404" })), {
    t: 1,
    source: "u",
    error: "HTTP 404",
  });
});
