/**
 * The static report renderers on the fixture outputs: content, escaping, no network references,
 * and embedded assets that match their sources.
 */
import assert from "node:assert/strict";
import { renderEvalReportHtml, renderPerfReportHtml } from "../../lib/report/html/mod.ts";
import { ASSET_INPUTS_HASH } from "../../lib/report/html/assets_gen.ts";
import { assetInputsHash } from "../../scripts/build_assets.ts";
import { fixtureEvalInput, fixturePerfInput } from "./fixture_inputs.ts";
import { summaryFromFile } from "../../lib/results/perf/evalscope_format.ts";

const NOW = () => new Date("2025-02-01T12:00:00Z");

/** Attributes or CSS that would make the browser fetch from the network. */
const NETWORK_REF =
  /(?:\s(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\/)|(?:url\(\s*["']?\s*(?:https?:)?\/\/)/i;

Deno.test("renderEvalReportHtml() shows scores, CIs, rates and subsets of every model", async () => {
  const html = renderEvalReportHtml({
    ...(await fixtureEvalInput()),
    runName: "20250105_101500",
    now: NOW,
  });
  for (
    const text of [
      "qwen-mini",
      "llama-tiny",
      "GSM8K",
      "MATH-500",
      "MMLU",
      "high_school_world_history",
    ]
  ) {
    assert.ok(html.includes(text), text);
  }
  assert.ok(html.includes("77.5%")); // qwen-mini gsm8k
  assert.ok(html.includes("[62.5, 87.7]")); // its Wilson interval from the report file
  assert.ok(html.includes("(5.0%)")); // math_500 no-answer rate 2/40
  assert.match(html, /STEM/);
  // 3 datasets × 2 models, plus subsets: math_500 2×2, mmlu 2×2, gsm8k 1×2 bars.
  assert.equal(html.match(/<rect class="bar"/g)?.length, 6 + 4 + 4 + 2);
  assert.ok(html.includes("2025-02-01 12:00"));
});

Deno.test("renderEvalReportHtml() masks secrets, escapes names and loads nothing from the network", async () => {
  const input = await fixtureEvalInput();
  input.models[0].model = '<script>alert("x")</script>';
  const html = renderEvalReportHtml({ ...input, now: NOW });
  assert.ok(!html.includes("sk-live-123"));
  assert.match(html, /api_key: (&quot;)?\*\*\*/);
  assert.ok(!html.includes('<script>alert("x")</script>'));
  assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
  assert.doesNotMatch(html, NETWORK_REF);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
});

Deno.test("renderEvalReportHtml() translates the chrome with lang zh", async () => {
  const html = renderEvalReportHtml({ ...(await fixtureEvalInput()), lang: "zh", now: NOW });
  assert.match(html, /<html lang="zh-CN">/);
  assert.ok(html.includes("评测报告"));
  assert.ok(html.includes("各数据集得分"));
});

Deno.test("renderPerfReportHtml() has the summary, advice, chart specs and inlined uPlot", async () => {
  const html = renderPerfReportHtml({ ...(await fixturePerfInput()), now: NOW });
  assert.ok(html.includes("Parallel 16 / Number 80"));
  assert.ok(html.includes("not reached its limit"));
  assert.ok(html.includes("96.3%")); // 77/80 at parallel 16
  // 6 sweep charts + per run (2 percentile charts + 1 scatter) × 3.
  assert.equal(html.match(/data-chart="/g)?.length, 6 + 3 * 3);
  assert.ok(html.includes("uplot"), "uPlot is inlined");
  assert.equal(
    html.match(/<script\b/g)?.length,
    html.match(/<\/script>/g)?.length,
    "no script is closed early by inlined code",
  );
  assert.doesNotMatch(html, NETWORK_REF);
  // The one run with workload_throughput.json gets its three windows.
  assert.equal(html.match(/Workload throughput \(tok\/s\)/g)?.length, 1);
  assert.match(
    html,
    /<td>Steady \(first 20% dropped\)<\/td><td class="num">655\.5<\/td><td class="num">524\.4<\/td><td class="num">131\.1<\/td><td class="num">1,?040\.75<\/td>/,
  );
});

Deno.test("renderPerfReportHtml() works without request points and with no runs", () => {
  const empty = renderPerfReportHtml({ runs: [], now: NOW });
  assert.ok(empty.includes("no runs with results"));
  const html = renderPerfReportHtml({
    model: "m",
    runs: [{
      name: "parallel_2_number_10",
      parallel: 2,
      rate: -1,
      number: 10,
      summary: summaryFromFile({ "Req Throughput (req/s)": 3, "Avg Latency (s)": 0.5 }),
      percentiles: [],
    }],
    now: NOW,
  });
  assert.ok(html.includes("One run only"));
});

Deno.test("the embedded browser assets were built from the current sources", async () => {
  assert.equal(
    ASSET_INPUTS_HASH,
    await assetInputsHash(),
    "lib/report/html/assets_gen.ts is stale: run `deno run --allow-all scripts/build_assets.ts`",
  );
});
