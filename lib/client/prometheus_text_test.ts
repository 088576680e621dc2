import assert from "node:assert/strict";
import { parsePromText, parsePromValue } from "./prometheus_text.ts";

// Written for this test in the shapes vLLM (prometheus_client) and OpenMetrics pages have.
const PAGE = [
  "# HELP vllm:num_requests_running Number of requests in model execution batches.",
  "# TYPE vllm:num_requests_running gauge",
  'vllm:num_requests_running{engine="0",model_name="qwen3-8b"} 3.0',
  "# HELP vllm:prompt_tokens_total Number of prefill tokens processed.",
  "# TYPE vllm:prompt_tokens_total counter",
  'vllm:prompt_tokens_total{engine="0",model_name="qwen3-8b"} 1.2345e+06',
  'vllm:prompt_tokens_created{engine="0",model_name="qwen3-8b"} 1.7e+09',
  "# TYPE vllm:time_to_first_token_seconds histogram",
  'vllm:time_to_first_token_seconds_bucket{engine="0",le="0.001",model_name="qwen3-8b"} 0.0',
  'vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="qwen3-8b"} 42.0',
  'vllm:time_to_first_token_seconds_sum{engine="0",model_name="qwen3-8b"} 3.5',
  'vllm:time_to_first_token_seconds_count{engine="0",model_name="qwen3-8b"} 42.0',
  'odd_labels{path="C:\\\\dir",quote="say \\"hi\\"",nl="a\\nb",} NaN 1700000000000',
  'with_exemplar_total{a="b"} 7 # {trace_id="abc"} 1.0 1700000000.1',
  "bare 1",
  "not a sample line",
  'bad_value{a="b"} twelve',
  "# EOF",
  "",
].join("\n");

Deno.test("parsePromText() reads names, labels, values and types", () => {
  const page = parsePromText(PAGE);
  assert.equal(page.types["vllm:num_requests_running"], "gauge");
  assert.equal(page.types["vllm:time_to_first_token_seconds"], "histogram");
  assert.deepEqual(page.samples[0], {
    name: "vllm:num_requests_running",
    labels: { engine: "0", model_name: "qwen3-8b" },
    value: 3,
  });
  assert.equal(page.samples[1].value, 1234500);
  const inf = page.samples.find((s) => s.labels.le === "+Inf");
  assert.equal(inf?.value, 42);
  assert.equal(page.samples.find((s) => s.name === "bare")?.value, 1);
});

Deno.test("parsePromText() undoes label escapes and keeps the timestamp", () => {
  const odd = parsePromText(PAGE).samples.find((s) => s.name === "odd_labels")!;
  assert.deepEqual(odd.labels, { path: "C:\\dir", quote: 'say "hi"', nl: "a\nb" });
  assert.ok(Number.isNaN(odd.value));
  assert.equal(odd.timestampMs, 1700000000000);
});

Deno.test("parsePromText() drops an exemplar and lists lines that do not parse", () => {
  const page = parsePromText(PAGE);
  const ex = page.samples.find((s) => s.name === "with_exemplar_total")!;
  assert.deepEqual(ex, { name: "with_exemplar_total", labels: { a: "b" }, value: 7 });
  assert.deepEqual(page.invalid.map((l) => l.line), [16, 17]);
});

Deno.test("parsePromText() keeps only the names it is asked for", () => {
  const page = parsePromText(PAGE, { keep: (n) => n.startsWith("vllm:time_to_first") });
  assert.equal(page.samples.length, 4);
  // A line whose name is not kept is not read further: nothing of it is invalid.
  assert.deepEqual(page.invalid, []);
});

Deno.test("parsePromValue() takes Go's float syntax and the special values", () => {
  assert.equal(parsePromValue("+Inf"), Infinity);
  assert.equal(parsePromValue("-Inf"), -Infinity);
  assert.equal(parsePromValue("1e3"), 1000);
  assert.equal(parsePromValue(".5"), 0.5);
  assert.equal(parsePromValue("0x10"), null);
  assert.equal(parsePromValue(""), null);
});
