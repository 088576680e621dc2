/**
 * `lmeter app` and the static reports in a real browser (Debian's Chromium, driven by
 * playwright-core): runs list, report, Fail samples, one sample, compare, perf, a single-run
 * root, Chinese chrome, an arena run's page, and both HTML reports opened with every network request blocked.
 *
 * Skips when /usr/bin/chromium is absent (.ci/run installs it). Screenshots go to a temp folder,
 * or to docs/screenshots/ with LMETER_SCREENSHOTS=1.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { startApp } from "../../lib/app/mod.ts";
import { renderEvalReportHtml, renderPerfReportHtml } from "../../lib/report/html/mod.ts";
import { fixtureEvalInput, fixturePerfInput } from "./fixture_inputs.ts";
import { evaluate, startSim } from "../eval/helpers.ts";
import { heatColorHex } from "../../lib/report/eval/needle_grid.ts";
import { available, launch, ready, until } from "./chromium.ts";
import { ARENA_JUDGE_GEN, withArenaRuns } from "../eval/arena_fixture.ts";

const OUT = new URL("../fixtures/app/outputs", import.meta.url).pathname;
const ROOT = new URL("../..", import.meta.url).pathname;

/** Counts canvases with more than 200 painted pixels (evaluated in the page). */
const DRAWN_CANVASES = `(() => {
  let drawn = 0;
  for (const c of document.querySelectorAll("canvas")) {
    if (c.width === 0 || c.height === 0) continue;
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    if (painted > 200) drawn++;
  }
  return drawn;
})()`;

async function drawnCanvases(page: Page): Promise<number> {
  return await page.evaluate(DRAWN_CANVASES) as number;
}

Deno.test({
  name: available
    ? "lmeter app and the static reports work in headless Chromium"
    : "SKIP browser tests: /usr/bin/chromium is not installed (apt-get install chromium)",
  ignore: !available,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const shots = Deno.env.get("LMETER_SCREENSHOTS")
      ? join(ROOT, "docs", "screenshots")
      : await Deno.makeTempDir({ prefix: "lmeter-shots-" });
    await Deno.mkdir(shots, { recursive: true });
    const { browser, close } = await launch();
    const app = await startApp({ outputs: OUT, port: 0 });
    const errors: string[] = [];
    const page = await browser.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    const base = `http://127.0.0.1:${app.port}/`;
    try {
      await t.step(
        "the runs list shows both eval models and both perf sweeps, and filters",
        async () => {
          await page.goto(base);
          await ready(page);
          assert.equal(await page.locator("table.runs tbody tr").count(), 4);
          await page.screenshot({ path: join(shots, "runs.png") });
          await page.fill("#run-search", "llama");
          assert.equal(await page.locator("table.runs tbody tr").count(), 1);
          await page.fill("#run-search", "");
        },
      );

      await t.step("a report shows scores with CI bars and links to predictions", async () => {
        await page.locator('table.runs tr[data-key="20250105_101500::qwen-mini"] a').click();
        await ready(page);
        assert.match(await page.locator("h1").innerText(), /qwen-mini/);
        assert.ok(await page.locator("svg.chart-svg rect.bar").count() >= 3);
        assert.ok(await page.locator("svg.chart-svg line.whisker").count() >= 9);
        await page.screenshot({ path: join(shots, "report.png"), fullPage: true });
      });

      await t.step("predictions: Fail filter, a sample with LaTeX, keyboard paging", async () => {
        await page.locator('section[data-dataset="math_500"] a', { hasText: "Level 1" }).click();
        await ready(page);
        await page.locator('[data-seg="filter"] button[data-value="fail"]').click();
        await until(
          page,
          `document.querySelector('[data-seg="filter"] button.active')?.textContent?.startsWith("Fail")`,
        );
        const label = await page.locator('[data-seg="filter"] button.active').innerText();
        const fails = Number(/\((\d+)\)/.exec(label)![1]);
        await until(page, `document.querySelectorAll("#list tr.sample-row").length === ${fails}`);
        assert.equal(await page.locator("#list .badge.pass").count(), 0);
        const second = page.locator("#list tr.sample-row").nth(1);
        const index = await second.getAttribute("data-index");
        await second.click();
        await until(
          page,
          `/Index ${index} /.test(document.querySelector("#detail h3")?.textContent ?? "")`,
        );
        await page.waitForSelector("#detail .extracted .katex");
        assert.ok(await page.locator("#detail .gold .katex").count() > 0, "gold answer typeset");
        assert.match(await page.locator("#detail").innerText(), /Simplify|Compute/);
        await page.screenshot({ path: join(shots, "predictions.png") });
        // All 20 samples are one page of 20; gsm8k has 40 → two pages.
        await page.selectOption("#subset", { label: "gsm8k / main" });
        await page.locator('[data-seg="filter"] button[data-value="all"]').click();
        await until(page, `/of 2/.test(document.querySelector(".page-label")?.textContent ?? "")`);
        await page.locator("body").press("ArrowRight");
        await until(
          page,
          `/2 of 2/.test(document.querySelector(".page-label")?.textContent ?? "")`,
        );
        await page.locator("body").press("ArrowDown");
        await until(page, `/index=21/.test(location.hash)`);
        await page.fill("#search", "7");
        await until(page, `document.querySelectorAll("#list tr.sample-row").length === 1`);
      });

      await t.step(
        "compare: two models with paired statistics and side-by-side samples",
        async () => {
          await page.goto(base);
          await ready(page);
          await page.locator('input[data-key="20250105_101500::qwen-mini"]').check();
          await page.locator('input[data-key="20250105_101500::llama-tiny"]').check();
          await page.locator("#compare-btn").click();
          await ready(page);
          await page.waitForSelector(".paired-stats");
          const stats = await page.locator(".paired-stats").innerText();
          assert.match(stats, /McNemar exact p/);
          assert.match(stats, /paired bootstrap 95% CI/);
          const aOnly = page.locator('[data-seg="pair-filter"] button[data-value="aOnly"]');
          const n = Number(/\((\d+)\)/.exec(await aOnly.innerText())![1]);
          assert.ok(n > 0);
          await aOnly.click();
          await until(
            page,
            `document.querySelectorAll("tr.pair-row").length === ${Math.min(n, 15)}`,
          );
          assert.equal(await page.locator("tr.pair-row .badge.fail").count(), Math.min(n, 15));
          const pair = page.locator("tr.pair-row").nth(1);
          const pairIndex = await pair.getAttribute("data-index");
          await pair.click();
          await until(page, `document.querySelectorAll("#pair-detail h3").length === 2`);
          assert.match(await page.locator("#pair-detail").innerText(), /A · qwen-mini/);
          assert.equal(
            await page.locator("tr.pair-row.selected").getAttribute("data-index"),
            pairIndex,
          );
          await page.screenshot({ path: join(shots, "compare.png"), fullPage: true });
        },
      );

      await t.step(
        "perf: charts against load, and the request scatter of an opened run",
        async () => {
          await page.goto(`${base}#/perf?id=${encodeURIComponent("20250106_090000/qwen-mini")}`);
          await ready(page);
          await until(page, `${DRAWN_CANVASES} >= 8`);
          const before = await drawnCanvases(page);
          assert.ok(before >= 8, `${before} charts drawn`);
          await page.locator('details[data-run="parallel_4_number_40"] summary').click();
          await page.waitForSelector(
            'details[data-run="parallel_4_number_40"] .requests-slot canvas',
          );
          await until(page, `${DRAWN_CANVASES} > ${before}`);
          assert.match(await page.locator(".recommendations").innerText(), /not reached its limit/);
          await page.screenshot({ path: join(shots, "perf.png"), fullPage: true });
          await page.goto(
            `${base}#/perf-compare?a=${encodeURIComponent("20250106_090000/qwen-mini")}&b=${
              encodeURIComponent("20250107_090000/qwen-mini")
            }`,
          );
          await ready(page);
          await until(page, `${DRAWN_CANVASES} >= 5`);
          await page.screenshot({ path: join(shots, "perf-compare.png"), fullPage: true });
        },
      );

      await t.step("a root that is one eval run, and the Chinese UI", async () => {
        const one = await startApp({ outputs: join(OUT, "20250105_101500"), port: 0, lang: "zh" });
        try {
          await page.goto(`http://127.0.0.1:${one.port}/`);
          await ready(page);
          assert.equal(await page.locator("table.runs tbody tr").count(), 2);
          assert.match(await page.locator("h1").innerText(), /运行列表/);
          await page.locator("table.runs tbody tr a").first().click();
          await ready(page);
          assert.ok(await page.locator("svg.chart-svg rect.bar").count() > 0);
          assert.match(await page.locator("main").innerText(), /各数据集得分/);
        } finally {
          await one.shutdown();
        }
      });

      await t.step(
        "report.html and perf_report.html render their charts with the network blocked",
        async () => {
          const dir = await Deno.makeTempDir({ prefix: "lmeter-static-" });
          try {
            const now = () => new Date("2025-02-01T12:00:00Z");
            await Deno.writeTextFile(
              join(dir, "report.html"),
              renderEvalReportHtml({ ...(await fixtureEvalInput()), now }),
            );
            await Deno.writeTextFile(
              join(dir, "perf_report.html"),
              renderPerfReportHtml({ ...(await fixturePerfInput()), now }),
            );
            const offline = await browser.newPage();
            const blocked: string[] = [];
            offline.on("pageerror", (e) => errors.push(e.message));
            await offline.route("**/*", (route) => {
              const url = route.request().url();
              if (url.startsWith("file:")) return route.continue();
              blocked.push(url);
              return route.abort();
            });
            await offline.goto(`file://${join(dir, "report.html")}`);
            const widths = await offline.evaluate(
              `[...document.querySelectorAll("svg.chart-svg rect.bar")].map((r) => r.getBBox().width)`,
            ) as number[];
            assert.equal(widths.length, 16);
            assert.ok(widths.every((w) => w > 0));
            await offline.screenshot({ path: join(shots, "static-report.png"), fullPage: true });
            await offline.goto(`file://${join(dir, "perf_report.html")}`);
            await until(offline, `${DRAWN_CANVASES} >= 9`);
            const drawn = await drawnCanvases(offline);
            assert.ok(drawn >= 6 + 3, `${drawn} charts drawn offline`);
            await offline.screenshot({
              path: join(shots, "static-perf-report.png"),
              fullPage: true,
            });
            assert.deepEqual(blocked, [], "the reports asked for nothing beyond their own file");
            await offline.close();
          } finally {
            await Deno.remove(dir, { recursive: true });
          }
        },
      );

      assert.deepEqual(errors, [], "no script errors in any page");
    } finally {
      await page.close().catch(() => {});
      await app.shutdown();
      await close();
    }
  },
});

Deno.test({
  name: available
    ? "a needle run's heatmap in the app and in report.html (headless Chromium)"
    : "SKIP needle heatmap browser test: /usr/bin/chromium is not installed",
  ignore: !available,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const sim = await startSim({
      models: ["long-model"],
      answerKey: [{
        match: "sit in Dolores Park on a sunny day",
        answer: "Eat a sandwich and sit in Dolores Park on a sunny day.",
        wrong_answer: "The text does not say.",
        p_correct: 0.5,
      }],
    });
    const dir = await Deno.makeTempDir({ prefix: "lmeter-needle-app-" });
    const { browser, close } = await launch();
    try {
      const result = await evaluate({
        model: "long-model",
        api_url: sim.apiUrl,
        api_key: "EMPTY",
        eval_type: "service",
        datasets: ["needle_haystack"],
        dataset_args: {
          needle_haystack: {
            dataset_id: new URL("../fixtures/needle/", import.meta.url).pathname,
            subset_list: ["english"],
            extra_params: {
              context_lengths_min: 300,
              context_lengths_max: 1200,
              context_lengths_num_intervals: 4,
              document_depth_percent_intervals: 5,
            },
          },
        },
        work_dir: dir,
      });
      const html = join(result.runDir, "reports", "report.html");
      await Deno.writeTextFile(
        html,
        renderEvalReportHtml({ models: [{ model: "long-model", reports: result.reports }] }),
      );
      const errors: string[] = [];
      // Every rect's colour is its score's, and hovering shows the cell's name and score.
      const check = async (page: Page) => {
        const cells = await page.evaluate(`[...document.querySelectorAll(
          "figure.needle-heatmap rect[data-cell]")].map((r) => ({
            cell: r.dataset.cell, score: Number(r.dataset.score), fill: r.getAttribute("fill"),
            width: r.getBBox().width, tip: r.querySelector("title").textContent }))`) as {
          cell: string;
          score: number;
          fill: string;
          width: number;
          tip: string;
        }[];
        assert.equal(cells.length, 20);
        const scores = new Set(cells.map((c) => c.score));
        assert.ok(scores.has(0) && scores.has(1), "the answer key gets some cells right, not all");
        for (const c of cells) {
          assert.equal(c.fill, heatColorHex(c.score), c.cell);
          assert.ok(c.width > 0);
          assert.ok(c.tip.startsWith(`${c.cell} · english: `), c.tip);
        }
        await page.hover('figure.needle-heatmap rect[data-cell="Context#600 Depth#50"]');
        const stroke = await page.evaluate(`getComputedStyle(document.querySelector(
          'figure.needle-heatmap rect[data-cell="Context#600 Depth#50"]')).strokeWidth`);
        assert.equal(stroke, "2px", "the hovered cell is outlined");
        return cells;
      };
      const offline = await browser.newPage();
      offline.on("pageerror", (e) => errors.push(e.message));
      await offline.goto(`file://${html}`);
      await check(offline);
      await offline.close();

      const app = await startApp({ outputs: result.runDir, port: 0 });
      try {
        const page = await browser.newPage();
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(`http://127.0.0.1:${app.port}/#/eval?id=.&model=long-model`);
        await ready(page);
        const cells = await check(page);
        // A cell opens its samples: the predictions page searched for the cell's name.
        const wanted = cells.find((c) => c.cell === "Context#900 Depth#75")!;
        await page.locator('figure.needle-heatmap a:has(rect[data-cell="Context#900 Depth#75"])')
          .click();
        await ready(page);
        await until(page, `document.querySelectorAll("tr.sample-row").length > 0`);
        assert.match(page.url(), /#\/predictions\?.*q=Context%23900\+Depth%2375/);
        assert.equal(await page.locator("tr.sample-row").count(), 1, "one sample in the cell");
        const text = await page.locator("main").innerText();
        assert.match(text, new RegExp(wanted.score === 1 ? "Dolores Park" : "does not say"));
        await page.close();
      } finally {
        await app.shutdown();
      }
      assert.deepEqual(errors, [], "no script errors");
    } finally {
      await close();
      await sim.close();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
});

Deno.test({
  name: available
    ? "an arena run's page in the app: win rates with intervals, leaderboard, battles and verdicts (headless Chromium)"
    : "SKIP arena browser test: /usr/bin/chromium is not installed",
  ignore: !available,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "lmeter-arena-app-" });
    const { browser, close } = await launch();
    try {
      await withArenaRuns(dir, async ({ models, judge, dir: workDir }) => {
        const result = await evaluate({
          model: "Arena",
          eval_type: "mock_llm",
          datasets: ["general_arena"],
          dataset_args: { general_arena: { extra_params: { models, baseline: "base" } } },
          judge_model_args: {
            api_url: judge.apiUrl,
            model_id: "judge-m",
            generation_config: ARENA_JUDGE_GEN,
          },
          work_dir: workDir,
          no_timestamp: true,
        });
        const app = await startApp({ outputs: result.runDir, port: 0 });
        const errors: string[] = [];
        try {
          const page = await browser.newPage();
          page.on("pageerror", (e) => errors.push(e.message));
          await page.goto(`http://127.0.0.1:${app.port}/#/eval?id=.&model=Arena`);
          await ready(page);
          // The report links its arena page.
          await page.locator("a.arena-link").click();
          await ready(page);
          assert.match(page.url(), /#\/arena\?.*benchmark=general_arena/);
          const pairs = await page.locator("table.arena-subsets tbody tr").allInnerTexts();
          assert.equal(pairs.length, 2);
          assert.match(pairs[0], /gsm8k&main@m1&base\s+3\s+75\.0\s+\d+\.\d – \d+\.\d/);
          assert.match(pairs[1], /gsm8k&main@m2&base\s+3\s+50\.0/);
          const board = await page.locator("pre.arena-leaderboard").innerText();
          assert.match(board, /=== OVERALL LEADERBOARD ===/);
          assert.match(board, /m1\s+75\s/);
          // 6 battles: m1's games in seat A then B (A>B, A=B), m2's (B>A twice).
          assert.equal(await page.locator("tr.battle").count(), 6);
          const first = await page.locator("tr.battle").first().innerText();
          assert.match(first, /A m1 · B base\s+A>B/);
          assert.match(first, /A base · B m1\s+A=B/);
          const verdicts = await page.locator("code.verdict").allInnerTexts();
          assert.deepEqual([...new Set(verdicts)].sort(), ["A=B", "A>B", "B>A"]);
          await page.close();
        } finally {
          await app.shutdown();
        }
        assert.deepEqual(errors, [], "no script errors");
      });
    } finally {
      await close();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
});
