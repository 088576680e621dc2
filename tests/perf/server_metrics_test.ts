/**
 * `--server-metrics` end to end against the simulator's `/metrics`: the scrapes land in
 * `server_metrics.jsonl`, and every summarised figure equals what a plain computation over those
 * scraped series gives (counters interpolated at the window's edges, a counter reset mid-run
 * added back, histogram quantiles interpolated in their bucket); without a reset the counters
 * also equal what the simulator served; another client's requests are reported.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { specSteps } from "../../lib/sim/spec.ts";
import type { PerfReport } from "../../lib/results/perf/schema.ts";
import { capture, configFrom, simEndpoints, startSimulator, withTempDir } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

const SIM = {
  ttftMs: 30,
  itlMs: 8,
  loremTokens: 40,
  specTokens: 3,
  specAcceptRate: 0.7,
  prefixCache: true,
  seed: 3,
};

type Line = {
  t: number;
  source: string;
  samples?: { name: string; labels: Record<string, string>; value: number }[];
};

/** One counter's value per scrape: every series of that name summed. */
function counter(lines: Line[], name: string): { t: number; v: number }[] {
  return lines.filter((l) => l.samples).map((l) => ({
    t: l.t,
    v: l.samples!.filter((s) => s.name === name).reduce((a, s) => a + s.value, 0),
  }));
}

/** By hand: undo resets (a drop restarts from 0), then interpolate at both edges. */
function byHand(points: { t: number; v: number }[], start: number, end: number): number {
  let offset = 0;
  const adj = points.map((p, i) => {
    if (i > 0 && p.v < points[i - 1].v) offset += points[i - 1].v;
    return { t: p.t, v: p.v + offset };
  });
  const at = (t: number) => {
    const i = adj.findIndex((p) => p.t >= t);
    if (adj[i].t === t) return adj[i].v;
    const a = adj[i - 1];
    const b = adj[i];
    return a.v + (b.v - a.v) * ((t - a.t) / (b.t - a.t));
  };
  return at(end) - at(start);
}

const close = (a: number | null, b: number) =>
  assert.ok(a !== null && Math.abs(a - b) < 1e-3, `${a} ≠ ${b}`);

async function run(
  sim: { url: string },
  dir: string,
  during?: (stop: AbortSignal) => Promise<void>,
): Promise<{ report: PerfReport; lines: Line[]; printed: string }> {
  const config = await configFrom([
    ...["--model", "m", "--url", simEndpoints(sim).chat, "--outputs-dir", dir],
    ...["--prompt", "the same prompt every time", "--number", "12", "--parallel", "3"],
    ...["--no-test-connection", "--server-metrics", "--server-metrics-interval", "0.25"],
  ]);
  const out = capture();
  const stop = new AbortController();
  const side = during?.(stop.signal);
  const report = await runPerfWithOutput(config, { print: out.print });
  stop.abort();
  await side;
  const text = await Deno.readTextFile(join(report.runs[0].dir, "server_metrics.jsonl"));
  const lines = text.trim().split("\n").map((l) => JSON.parse(l) as Line);
  return { report, lines, printed: out.text() };
}

Deno.test("--server-metrics: the counters equal what the simulator served", opts, async () => {
  await using sim = await startSimulator(SIM);
  await withTempDir(async (dir) => {
    const { report, lines, printed } = await run(sim, dir);
    const r = report.runs[0].serverMetrics!;
    assert.ok(r, "the run has server metrics");
    const s = r.server;
    assert.equal(s.engine, "vllm");
    assert.equal(s.scrapeErrors, 0);
    assert.equal(s.scrapes, lines.length);
    assert.equal(s.increaseMethod, "interpolated");
    // The window is the run's Test Duration.
    close(s.window.durationS, report.runs[0].summary.durationS);
    // Scraped before the first send and after the last answer: the exact count.
    const log = sim.requests();
    assert.equal(log.length, 12);
    assert.equal(s.requestsAround, 12);
    assert.equal(r.client.sent, 12);
    const steps = log.map((e) =>
      specSteps(e.completion_tokens!, { k: 3, acceptRate: 0.7, seed: 3, seq: e.seq })
    );
    const first = lines[0].t;
    const last = lines[lines.length - 1].t;
    const all = (name: string) => byHand(counter(lines, name), first, last);
    assert.equal(all("vllm:generation_tokens_total"), 12 * 40);
    assert.equal(all("vllm:prefix_cache_hits_total"), 11 * log[0].prompt_tokens!);
    assert.equal(all("vllm:spec_decode_num_drafts_total"), steps.flat().length);
    assert.equal(
      all("vllm:spec_decode_num_accepted_tokens_total"),
      steps.flat().reduce((a, n) => a + n - 1, 0),
    );
    // The client's estimate sits beside the server's count, labelled as such.
    assert.ok(r.client.decodedPerIter !== null && r.client.decodedPerIter > 1);
    assert.match(printed, /Server metrics \(vllm, http:\/\/127\.0\.0\.1:\d+\/metrics\)/);
    assert.match(printed, /Server Spec Accept Rate \(%\).*\(estimate 1−1\/L\)/);
    assert.doesNotMatch(printed, /another client/);
  });
});

Deno.test(
  "--server-metrics: every figure equals the hand computation, across a counter reset",
  opts,
  async () => {
    await using sim = await startSimulator(SIM);
    await withTempDir(async (dir) => {
      // A server restart halfway: the counters drop to 0 and count again.
      const { report, lines } = await run(sim, dir, async (stop) => {
        while (!stop.aborted && sim.requests().length < 6) {
          await new Promise((r) => setTimeout(r, 2));
        }
        sim.resetMetrics();
      });
      const s = report.runs[0].serverMetrics!.server;
      assert.ok(s.counterResets >= 1, "the reset is seen");
      const { startMs: start, endMs: end } = s.window;
      const inc = (name: string) => byHand(counter(lines, name), start, end);
      close(s.requests, inc("vllm:request_success_total"));
      close(s.promptTokens, inc("vllm:prompt_tokens_total"));
      close(s.generationTokens, inc("vllm:generation_tokens_total"));
      close(s.outputTps, inc("vllm:generation_tokens_total") / ((end - start) / 1000));
      close(
        s.prefixCacheHitRatePct,
        (inc("vllm:prefix_cache_hits_total") / inc("vllm:prefix_cache_queries_total")) * 100,
      );
      const drafts = inc("vllm:spec_decode_num_drafts_total");
      const accepted = inc("vllm:spec_decode_num_accepted_tokens_total");
      close(s.specAcceptRatePct, (accepted / inc("vllm:spec_decode_num_draft_tokens_total")) * 100);
      close(s.specMeanAcceptanceLength, 1 + accepted / drafts);
      const inside = lines.filter((l) => l.t >= start && l.t <= end && l.samples);
      const gauge = (name: string) =>
        inside.map((l) => l.samples!.find((x) => x.name === name)!.value);
      close(s.kvCacheUsageMaxPct, Math.max(...gauge("vllm:kv_cache_usage_perc")) * 100);
      close(s.running!.max, Math.max(...gauge("vllm:num_requests_running")));
      // TTFT p50: the bucket increases, then the rank interpolated inside its bucket.
      const bounds = [
        ...new Set(
          lines[0].samples!.filter((x) => x.name === "vllm:time_to_first_token_seconds_bucket").map(
            (x) => x.labels.le,
          ),
        ),
      ];
      const buckets = bounds.map((le) => ({
        le: le === "+Inf" ? Infinity : Number(le),
        count: byHand(
          lines.filter((l) => l.samples).map((l) => ({
            t: l.t,
            v: l.samples!.find((x) =>
              x.name === "vllm:time_to_first_token_seconds_bucket" && x.labels.le === le
            )!.value,
          })),
          start,
          end,
        ),
      }));
      const total = buckets[buckets.length - 1].count;
      const rank = 0.5 * total;
      const b = buckets.findIndex((x) => x.count >= rank);
      const lo = b === 0 ? 0 : buckets[b - 1].le;
      const below = b === 0 ? 0 : buckets[b - 1].count;
      const p50 = lo + (buckets[b].le - lo) * ((rank - below) / (buckets[b].count - below));
      close(s.ttft!.p50Ms, p50 * 1000);
      close(s.ttft!.count, total);
    });
  },
);

Deno.test(
  "--server-metrics: another client's requests in the window are reported",
  opts,
  async () => {
    await using sim = await startSimulator(SIM);
    await withTempDir(async (dir) => {
      const { report, printed } = await run(sim, dir, async (stop) => {
        while (!stop.aborted && sim.requests().length < 3) {
          await new Promise((r) => setTimeout(r, 2));
        }
        const other = await fetch(simEndpoints(sim).chat, {
          method: "POST",
          body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "x" }] }),
        });
        await other.body?.cancel();
      });
      const r = report.runs[0].serverMetrics!;
      assert.equal(r.server.requestsAround, 13);
      assert.match(r.warnings.join("\n"), /finished 13 requests during the run, lmeter sent 12/);
      assert.match(printed, /another client's requests were on the server/);
    });
  },
);
