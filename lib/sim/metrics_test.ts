import assert from "node:assert/strict";
import { parsePromText } from "../client/prometheus_text.ts";
import { startSimulator } from "./mod.ts";
import { groupBySteps, specSteps, stepOffsets } from "./spec.ts";
import type { GenerationPlan } from "./plan.ts";
import { chatBody, jsonEvents, post } from "./test_client.ts";

/** The page's samples as `name{labels}` → value (labels sorted, `engine`/`model_name` dropped). */
async function scrape(url: string): Promise<Map<string, number>> {
  const res = await fetch(`${url}/metrics`);
  assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  const page = parsePromText(await res.text());
  assert.deepEqual(page.invalid, []);
  const out = new Map<string, number>();
  for (const s of page.samples) {
    const { engine: _e, model_name: _m, ...rest } = s.labels;
    const labels = Object.entries(rest).map(([k, v]) => `${k}=${v}`).join(",");
    out.set(labels ? `${s.name}{${labels}}` : s.name, s.value);
  }
  return out;
}

Deno.test("specSteps() splits the tokens after the first into steps of 1 to k + 1", () => {
  const steps = specSteps(40, { k: 3, acceptRate: 0.7, seed: 0, seq: 5 });
  assert.equal(steps.reduce((a, b) => a + b, 0), 39);
  assert.ok(steps.every((n) => n >= 1 && n <= 4));
  assert.ok(steps.some((n) => n > 1) && steps.length < 39);
  assert.deepEqual(specSteps(40, { k: 3, acceptRate: 0.7, seed: 0, seq: 5 }), steps);
  assert.deepEqual(specSteps(40, { k: 0, acceptRate: 0.7, seed: 0, seq: 5 }), []);
  assert.deepEqual(specSteps(5, { k: 3, acceptRate: 1, seed: 0, seq: 0 }), [4]);
  assert.deepEqual(specSteps(4, { k: 3, acceptRate: 0, seed: 0, seq: 0 }), [1, 1, 1]);
});

Deno.test("stepOffsets() and groupBySteps() make each step one piece, due together", () => {
  const offsets = Float64Array.from([10, 20, 30, 40, 50, 60]);
  assert.deepEqual([...stepOffsets(offsets, [2, 3])], [10, 20, 20, 30, 30, 30]);
  const plan = {
    reasoning: { texts: ["r"], tokens: [1] },
    content: { texts: ["a", "b", "c", "d", "e"], tokens: [1, 1, 1, 1, 1] },
  } as GenerationPlan;
  const grouped = groupBySteps(plan, [2, 3]);
  assert.deepEqual(grouped.reasoning, { texts: ["r"], tokens: [1] });
  assert.deepEqual(grouped.content, { texts: ["ab", "cde"], tokens: [2, 3] });
});

Deno.test("GET /metrics counts what the simulator served, by vLLM's names", async () => {
  await using sim = await startSimulator({
    ttftMs: 0,
    itlMs: 0,
    loremTokens: 40,
    specTokens: 3,
    specAcceptRate: 0.7,
    prefixCache: true,
  });
  const before = await scrape(sim.url);
  assert.equal(before.get("vllm:request_success_total{finished_reason=stop}"), 0);
  const chunks: number[] = [];
  for (const prompt of ["first prompt", "second prompt", "first prompt"]) {
    const ex = await post(
      `${sim.url}/v1/chat/completions`,
      chatBody(prompt, { stream: true, stream_options: { include_usage: true } }),
    );
    chunks.push(
      jsonEvents(ex).filter((e) => {
        const c = (e.choices as { delta?: { content?: string } }[])[0];
        return typeof c?.delta?.content === "string" && c.delta.content !== "";
      }).length,
    );
  }
  const log = sim.requests();
  const steps = log.map((e) =>
    specSteps(e.completion_tokens!, { k: 3, acceptRate: 0.7, seed: 0, seq: e.seq })
  );
  // One content chunk for the first token, then one per step.
  assert.deepEqual(chunks, steps.map((s) => s.length + 1));
  const m = await scrape(sim.url);
  const sum = (f: (i: number) => number) => log.reduce((a, _, i) => a + f(i), 0);
  const success = (m.get("vllm:request_success_total{finished_reason=stop}") ?? 0) +
    (m.get("vllm:request_success_total{finished_reason=length}") ?? 0);
  assert.equal(success, 3);
  assert.equal(m.get("vllm:prompt_tokens_total"), sum((i) => log[i].prompt_tokens!));
  assert.equal(m.get("vllm:generation_tokens_total"), sum((i) => log[i].completion_tokens!));
  assert.equal(m.get("vllm:prefix_cache_queries_total"), sum((i) => log[i].prompt_tokens!));
  // The third request repeats the first prompt: all its tokens come from the cache.
  assert.equal(m.get("vllm:prefix_cache_hits_total"), log[2].prompt_tokens);
  assert.equal(m.get("vllm:spec_decode_num_drafts_total"), sum((i) => steps[i].length));
  assert.equal(m.get("vllm:spec_decode_num_draft_tokens_total"), 3 * sum((i) => steps[i].length));
  assert.equal(
    m.get("vllm:spec_decode_num_accepted_tokens_total"),
    sum((i) => log[i].completion_tokens! - 1 - steps[i].length),
  );
  assert.equal(m.get("vllm:time_to_first_token_seconds_count"), 3);
  assert.equal(m.get("vllm:time_to_first_token_seconds_bucket{le=0.001}"), 3);
  assert.equal(m.get("vllm:inter_token_latency_seconds_count"), sum((i) => steps[i].length));
  assert.equal(m.get("vllm:request_queue_time_seconds_sum"), 0);
  assert.equal(m.get("vllm:num_requests_running"), 0);
  assert.equal(m.get("vllm:kv_cache_usage_perc"), 0);

  sim.resetMetrics();
  const after = await scrape(sim.url);
  assert.equal(after.get("vllm:generation_tokens_total"), 0);
  assert.equal(after.get("vllm:time_to_first_token_seconds_bucket{le=+Inf}"), 0);
});
