/**
 * `lmeter app --service` in a real browser (Debian's Chromium, playwright-core): a job submitted
 * to an lmeter service in this process (against the simulator) appears on the Jobs page, and its
 * page follows it live over the service's event stream until it has succeeded.
 *
 * Skips when /usr/bin/chromium is absent (.ci/run installs it).
 */
import assert from "node:assert/strict";
import { startApp } from "../../lib/app/mod.ts";
import { FIXTURES, startSim } from "../eval/helpers.ts";
import { removeOutputs, startTestService } from "../service/helpers.ts";
import { available, launch, ready, until } from "./chromium.ts";

const TOKEN = "browser-test-token-0123456789";

/** Records, in the page, every status badge and progress value the job page shows. */
const WATCH = `(() => {
  window.__seen = { statuses: [], percents: [] };
  const note = () => {
    const s = document.querySelector("#job-status [data-status]")?.dataset.status;
    const p = document.querySelector("#job-progress")?.dataset.percent;
    const seen = window.__seen;
    if (s && seen.statuses.at(-1) !== s) seen.statuses.push(s);
    if (p !== undefined && seen.percents.at(-1) !== Number(p)) seen.percents.push(Number(p));
  };
  new MutationObserver(note).observe(document.getElementById("app"), {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
  note();
  return true;
})()`;

Deno.test({
  name: available
    ? "lmeter app --service lists a service's jobs and follows one live to succeeded (headless Chromium)"
    : "SKIP service browser test: /usr/bin/chromium is not installed (apt-get install chromium)",
  ignore: !available,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    // Each sample takes 1.5 s at the simulator, so the job runs for seconds after it starts.
    const sim = await startSim({ ttftMs: 1500 });
    const service = await startTestService({ token: TOKEN });
    const app = await startApp({
      outputs: service.outputs,
      port: 0,
      service: service.url,
      serviceToken: TOKEN,
    });
    const { browser, close } = await launch();
    const errors: string[] = [];
    try {
      const page = await browser.newPage();
      page.on("pageerror", (e) => errors.push(e.message));
      const submitted = await service.call("/api/v1/jobs", {
        body: {
          kind: "eval",
          config: {
            model: "qwen2.5",
            api_url: sim.apiUrl,
            datasets: ["gsm8k"],
            limit: 3,
            dataset_dir: FIXTURES,
            eval_batch_size: 1,
          },
        },
        headers: { "idempotency-key": "browser-eval" },
      });
      assert.equal(submitted.status, 202);
      await submitted.body?.cancel();

      await page.goto(`http://127.0.0.1:${app.port}/#/jobs`);
      await ready(page);
      const row = page.locator('table.jobs tr[data-job="browser-eval"]');
      assert.equal(await row.count(), 1);
      assert.equal(await row.locator(".badge.eval").innerText(), "eval");
      assert.match(await page.locator("#jobs-service").innerText(), new RegExp(service.url));
      const listed = await row.locator("[data-status]").getAttribute("data-status");
      assert.ok(listed === "queued" || listed === "running", `listed as ${listed}`);

      await row.locator("a").click();
      await ready(page);
      await page.evaluate(WATCH);
      await until(
        page,
        `document.querySelector('#job-status [data-status]')?.dataset.status === "succeeded"`,
        120,
      );
      const seen = await page.evaluate("window.__seen") as {
        statuses: string[];
        percents: number[];
      };
      assert.notEqual(seen.statuses[0], "succeeded", `statuses seen: ${seen.statuses}`);
      assert.equal(seen.statuses.at(-1), "succeeded");
      assert.ok(seen.percents.some((p) => p < 100), `percents seen: ${seen.percents}`);
      assert.equal(seen.percents.at(-1), 100);
      assert.match(await page.locator("#job-detail").innerText(), /3 of 3 done, 0 errored/);
      assert.ok((await page.locator("#job-log").innerText()).trim().length > 0, "no log lines");
      assert.equal(await page.locator("#job-stream").innerText(), "ended");

      // Back on the list, the job shows its counts.
      await page.locator('a[href="#/jobs"]').first().click();
      await ready(page);
      assert.equal(
        await row.locator("[data-status]").getAttribute("data-status"),
        "succeeded",
      );
      assert.match(await row.innerText(), /3 of 3 done/);
      assert.deepEqual(errors, []);
    } finally {
      await close();
      await app.shutdown();
      await service.shutdown();
      await removeOutputs(service);
      await sim.close();
    }
  },
});
