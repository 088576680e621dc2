/**
 * `lmeter app` on outputs written by the real engines (the demo's evaluation and a perf sweep
 * against the simulator), not on hand-made fixtures: the runs list shows both, the eval report,
 * samples and perf pages load, and a root pointed at a single run works. Through the JSON API
 * always; in headless Chromium too when /usr/bin/chromium is installed.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startApp } from "../../lib/app/mod.ts";
import { DEMO_ROOT, demoAnswerKey, demoDataAccess } from "../../benchmarks/demo/mod.ts";
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import { runDemoEval } from "../../lib/jobs/demo_eval.ts";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { startSimulator } from "../../lib/sim/mod.ts";
import { capture, configFrom } from "../perf/helpers.ts";
import { available, launch, ready as appReady } from "./chromium.ts";

/** Writes one eval run and one perf sweep into `dir` with lmeter's engines. */
async function writeDemoOutputs(dir: string): Promise<{ evalRun: string; perfRun: string }> {
  const sim = await startSimulator({
    ttftMs: 2,
    itlMs: 0,
    answerKey: demoAnswerKey(0.8),
    models: ["lmeter-sim"],
    seed: 42,
  });
  try {
    const r = await runDemoEval({
      apiUrl: `${sim.url}/v1`,
      workDir: dir,
      output: "silent",
      demo: { registry: BENCHMARKS, datasetDir: DEMO_ROOT, data: demoDataAccess() },
    });
    const config = await configFrom([
      "--url",
      `${sim.url}/v1/chat/completions`,
      "--model",
      "lmeter-sim",
      "--parallel",
      "1",
      "2",
      "--number",
      "3",
      "6",
      "--dataset",
      "random",
      "--min-prompt-length",
      "32",
      "--max-prompt-length",
      "32",
      "--max-tokens",
      "8",
      "--outputs-dir",
      dir,
      "--name",
      "demo-perf",
    ]);
    const report = await runPerfWithOutput(config, { print: capture().print });
    return { evalRun: r.runDir, perfRun: report.outputDir };
  } finally {
    await sim.close();
  }
}

async function getJson(base: string, path: string): Promise<unknown> {
  const r = await fetch(new URL(path, base));
  assert.equal(r.status, 200, `${path}: ${r.status}`);
  return await r.json();
}

Deno.test({
  name: "lmeter app lists and opens the eval and perf runs the engines wrote",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const dir = await Deno.makeTempDir({ prefix: "lmeter-app-demo-" });
    try {
      const { evalRun, perfRun } = await writeDemoOutputs(dir);
      assert.ok(existsSync(join(evalRun, "reports", "report.html")));
      assert.ok(existsSync(join(perfRun, "perf_report.html")));

      await t.step("the API lists both runs, with the eval scores and the perf sweep", async () => {
        const app = await startApp({ outputs: dir, port: 0 });
        try {
          const base = `http://127.0.0.1:${app.port}/`;
          const runs = JSON.stringify(await getJson(base, "api/runs"));
          assert.match(runs, /"eval"/);
          assert.match(runs, /"perf"/);
          assert.match(runs, /gsm8k/);
          assert.match(runs, /demo-perf/);
        } finally {
          await app.shutdown();
        }
      });

      await t.step("a root pointed at the single eval run finds that run", async () => {
        const app = await startApp({ outputs: evalRun, port: 0 });
        try {
          const runs = JSON.stringify(await getJson(`http://127.0.0.1:${app.port}/`, "api/runs"));
          assert.match(runs, /"id":"\.","kind":"eval"/, "the root itself is the eval run");
          assert.match(runs, /gsm8k/);
        } finally {
          await app.shutdown();
        }
      });

      // Without Chromium the step is reported ignored, with its reason (.ci/run installs it).
      const browserReady = available;
      await t.step({
        name: browserReady
          ? "in Chromium: runs list, eval report, samples and perf pages render"
          : "SKIP in Chromium: /usr/bin/chromium is not installed (apt-get install chromium)",
        ignore: !browserReady,
        fn: async () => {
          const { browser, close } = await launch();
          const app = await startApp({ outputs: dir, port: 0 });
          const errors: string[] = [];
          try {
            const page = await browser.newPage();
            page.on("pageerror", (e) => errors.push(e.message));
            const ready = () => appReady(page);
            await page.goto(`http://127.0.0.1:${app.port}/`);
            await ready();
            const rows = await page.locator("table.runs tbody tr").allInnerTexts();
            assert.ok(rows.some((r) => /eval/.test(r) && /gsm8k/.test(r)), rows.join("\n"));
            assert.ok(rows.some((r) => /perf/.test(r)), rows.join("\n"));
            await page.locator("table.runs tbody tr", { hasText: "gsm8k" }).locator("a").first()
              .click();
            await ready();
            assert.match(await page.locator("h1").innerText(), /lmeter-sim/);
            assert.ok(await page.locator("svg.chart-svg rect.bar").count() >= 3);
            await page.locator('section[data-dataset="gsm8k"] a').first().click();
            await ready();
            await page.waitForSelector("#list tr.sample-row");
            assert.ok(await page.locator("#list tr.sample-row").count() > 0);
            await page.goto(`http://127.0.0.1:${app.port}/`);
            await ready();
            await page.locator("table.runs tbody tr", { hasText: "perf" }).locator("a").first()
              .click();
            await ready();
            await page.waitForSelector("canvas");
            assert.deepEqual(errors, []);
          } finally {
            await app.shutdown();
            await close();
          }
        },
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
