/**
 * `--summary-format evalscope-1.6` prints and writes exactly the keys, units and table shapes of
 * EvalScope 1.0–1.6 as seed 000 shows them (its two tables, copied verbatim into
 * tests/fixtures/perf/seed_000_tables.txt). Values differ; every number is masked on both sides.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { maskText } from "./golden_mask.ts";
import { capture, configFrom, simEndpoints, withSimulator } from "./helpers.ts";

const SEED = new URL("../fixtures/perf/seed_000_tables.txt", import.meta.url);

/** The lines of the "Benchmarking summary:" and "Percentile results:" tables in `text`. */
function tables(text: string): string[] {
  const lines = text.split("\n");
  const out: string[] = [];
  for (const title of ["Benchmarking summary:", "Percentile results:"]) {
    let i = lines.indexOf(title);
    assert.ok(i >= 0, `no "${title}" in:\n${text}`);
    out.push(lines[i]);
    while (++i < lines.length && /^[+|]/.test(lines[i])) out.push(lines[i]);
  }
  return out;
}

Deno.test({
  name: "--summary-format evalscope-1.6: the seed's summary and percentile tables, keys and units",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withSimulator({ ttftMs: 20, itlMs: 5, seed: 8 }, async (sim, dir) => {
      const out = capture();
      const config = await configFrom([
        "--model",
        "lmeter-sim",
        "--url",
        simEndpoints(sim).chat,
        "--parallel",
        "2",
        "--number",
        "8",
        "--max-tokens",
        "8",
        "--prompt",
        "hi",
        "--summary-format",
        "evalscope-1.6",
        "--outputs-dir",
        dir,
      ]);
      const report = await runPerfWithOutput(config, { print: out.print });
      const seed = tables(await Deno.readTextFile(SEED)).map((l) => maskText(l, dir));
      const ours = tables(out.text()).map((l) => maskText(l, dir));
      assert.deepEqual(ours, seed);

      const run = report.runs[0];
      const summary = JSON.parse(
        await Deno.readTextFile(join(run.dir, "benchmark_summary.json")),
      );
      const seedKeys = seed.slice(0, seed.indexOf("Percentile results:"))
        .filter((l) => /^\| [A-Z]/.test(l) && !l.startsWith("| Key"))
        .map((l) => l.split("|")[1].trim());
      assert.deepEqual(Object.keys(summary), seedKeys);
      // Seconds, not ms: the same TTFT as lmeter's own summary, divided by 1000.
      const ttftS = summary["Average time to first token (s)"];
      assert.ok(Math.abs(ttftS - run.summary.avgTtftMs! / 1000) < 1e-12, `${ttftS}`);
      const percentiles = JSON.parse(
        await Deno.readTextFile(join(run.dir, "benchmark_percentile.json")),
      );
      assert.deepEqual(Object.keys(percentiles), [
        "Percentiles",
        "TTFT (s)",
        "ITL (s)",
        "TPOT (s)",
        "Latency (s)",
        "Input tokens",
        "Output tokens",
        "Output (tok/s)",
        "Total (tok/s)",
      ]);
      assert.deepEqual(percentiles.Percentiles, [
        "10%",
        "25%",
        "50%",
        "66%",
        "75%",
        "80%",
        "90%",
        "95%",
        "98%",
        "99%",
      ]);
    });
  },
});
