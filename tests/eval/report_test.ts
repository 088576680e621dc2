/**
 * `lmeter report <dir>` on an eval run: the tables it prints are exactly the ones the live run
 * printed, and it writes the HTML report again from the files alone.
 */
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { printEvalTables } from "../../lib/cli/eval_output.ts";
import { captureConsole, runCli } from "../capture_console.ts";
import { runDemoInto } from "./demo_run.ts";
import { withTempDir } from "./temp_dir.ts";

/** The page without its "Generated … on <date>" footer (the only part that follows the clock). */
function withoutFooterDate(html: string): string {
  return html.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, "<DATE>");
}

Deno.test({
  name: "lmeter report re-renders an eval run's tables exactly and rewrites its HTML report",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withTempDir(async (dir) => {
      const run = await runDemoInto(dir);
      const live = await captureConsole(() => Promise.resolve(printEvalTables(run.reports)));
      assert.match(live.out, /OVERALL/);
      const htmlPath = join(run.runDir, "reports", "report.html");
      const liveHtml = await Deno.readTextFile(htmlPath);
      await Deno.remove(htmlPath);

      const r = await runCli(["report", run.runDir]);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, `${live.out}\n\nHTML report: ${resolve(htmlPath)}`);
      const html = await Deno.readTextFile(htmlPath);
      assert.equal(withoutFooterDate(html), withoutFooterDate(liveHtml));
    });
  },
});

Deno.test("lmeter report refuses a folder that is not a run, with a hint", async () => {
  await withTempDir(async (dir) => {
    const r = await runCli(["report", dir]);
    assert.equal(r.code, 2);
    assert.match(r.err, /Cannot report on .*: it is not an lmeter run folder/);
    assert.match(r.err, /hint: /);
  });
});
