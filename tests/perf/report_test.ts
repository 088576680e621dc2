/**
 * `lmeter report <dir>` on a perf invocation: it prints exactly what the live run printed and
 * writes `perf_report.html` again, from the files alone.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DEMO_SIMULATOR } from "../../lib/cli/demo.ts";
import { runCli } from "../capture_console.ts";
import { runDemoPerf } from "./demo_perf_run.ts";
import { simEndpoints, withSimulator } from "./helpers.ts";

/** The page without its "generated on <date>" footer (the only part that follows the clock). */
function withoutDate(html: string): string {
  return html.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, "<DATE>");
}

Deno.test({
  name: "lmeter report re-renders a perf run's terminal output exactly and rewrites its HTML",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withSimulator(DEMO_SIMULATOR, async (sim, dir) => {
      const live = await runDemoPerf(simEndpoints(sim).chat, dir);
      assert.match(live, /Benchmarking summary:[\s\S]*Performance Test Summary Report/);
      const [stamp] = [...Deno.readDirSync(dir)].map((e) => e.name);
      const sweep = join(dir, stamp, "demo-perf");
      const htmlPath = join(sweep, "perf_report.html");
      const liveHtml = await Deno.readTextFile(htmlPath);
      await Deno.remove(htmlPath);

      const r = await runCli(["report", sweep]);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, `${live}\nHTML report: ${htmlPath}`);
      assert.equal(withoutDate(await Deno.readTextFile(htmlPath)), withoutDate(liveHtml));

      const one = await runCli(["report", join(sweep, "parallel_1_number_8")]);
      assert.equal(one.code, 2);
      assert.match(one.err, /holds one run, not a perf invocation/);
      assert.match(
        one.err,
        new RegExp(`hint: Pass the invocation's folder: lmeter report ${sweep}`),
      );
    });
  },
});
