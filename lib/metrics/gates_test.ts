import assert from "node:assert/strict";
import { evaluateGates, parseGates } from "./gates.ts";
import { goodput, parseSlo } from "./goodput.ts";
import { benchmarkSummary } from "./perf_summary.ts";
import { RunData } from "./run_data.ts";
import { resolveMetric } from "./run_metrics.ts";
import { threeAndAFailure } from "./test_samples.ts";

function source() {
  const data = new RunData();
  for (const s of threeAndAFailure()) data.add(s);
  const summary = benchmarkSummary(data, { concurrency: 4, rate: -1 });
  return { data, summary };
}

Deno.test("parseGates() + evaluateGates() fire on p99 TTFT and success rate with the numbers", () => {
  const gates = parseGates("p99_ttft_ms>150, success_rate<99");
  const fired = evaluateGates(gates, source());
  assert.equal(fired.length, 2);
  assert.deepEqual(fired[0], {
    gate: "p99_ttft_ms>150",
    metric: "p99_ttft_ms",
    actual: 200, // floor(3 · 0.99) = 2 → 200
    op: ">",
    threshold: 150,
    unit: "ms",
  });
  assert.equal(fired[1].metric, "success_rate");
  assert.equal(fired[1].actual, 75);
});

Deno.test("evaluateGates() stays quiet when every condition is false", () => {
  assert.deepEqual(
    evaluateGates(parseGates("p99_ttft_ms>500,rps<1,avg_latency_s>=1"), source()),
    [],
  );
});

Deno.test("parseGates() converts a seconds threshold on a ms metric and accepts ≤/≥", () => {
  const [g] = parseGates("p50_ttft_ms>0.5s");
  assert.equal(g.value, 500);
  assert.equal(parseGates("success_rate≥99")[0].op, ">=");
});

Deno.test("parseGates() explains unknown metrics, wrong units and bad syntax", () => {
  assert.throws(() => parseGates("p99_foo>1"), /unknown metric "p99_foo"/);
  assert.throws(() => parseGates("p99_ttft_s>1"), /measured in ms, not s/);
  assert.throws(() => parseGates("p99_ttft_ms 500"), /not a condition/);
});

Deno.test("resolveMetric() knows EvalScope's SLA names without unit suffixes", () => {
  const s = source();
  const read = (n: string) => {
    const m = resolveMetric(n);
    assert.ok(typeof m !== "string", String(m));
    return m.read(s);
  };
  assert.equal(read("avg_ttft"), (100 + 200 + 50) / 3);
  assert.equal(read("p50_tpot"), 20);
  assert.equal(read("avg_latency"), (0.16 + 0.24 + 0.15) / 3);
  assert.equal(read("rps"), 12);
  assert.equal(read("tps"), 36);
  assert.equal(read("max_itl_ms"), 100);
});

Deno.test("goodput() counts successes meeting every SLO; failures never meet one", () => {
  const { data } = source();
  const slo = parseSlo("ttft=150ms,tpot=50ms,e2el=1s");
  assert.ok(typeof slo !== "string");
  const g = goodput(data, slo);
  // A: ttft 100 tpot 20 ✓; B: ttft 200 ✗; C: tpot 100 ✗.
  assert.equal(g.good, 1);
  assert.equal(g.goodPct, 25);
  assert.equal(g.goodputRps, 4); // 1 / 0.25 s
});

Deno.test("parseSlo() reads units, bare numbers as ms, and key=value objects", () => {
  assert.deepEqual(parseSlo("ttft=0.5s,tpot=20"), { ttftMs: 500, tpotMs: 20 });
  assert.deepEqual(parseSlo({ e2el: "10s" }), { e2elMs: 10_000 });
  assert.match(String(parseSlo("foo=1ms")), /unknown SLO "foo"/);
  assert.match(String(parseSlo("ttft=fast")), /not a duration/);
});

Deno.test("parseGates() gives plain records that survive structuredClone and still evaluate", () => {
  const gates = structuredClone(parseGates("p99_ttft_ms>150,success_rate<99"));
  assert.deepEqual(gates[0], {
    text: "p99_ttft_ms>150",
    metric: "p99_ttft_ms",
    unit: "ms",
    op: ">",
    value: 150,
  });
  assert.equal(evaluateGates(gates, source()).length, 2);
});
