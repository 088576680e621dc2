/**
 * Golden test of the perf output layout: runs `lmeter perf` with the demo's arguments against the
 * demo's simulator (in a separate process, as the demo does) and compares what it printed and
 * every file it wrote with `tests/fixtures/perf/demo_golden.txt`, with timings, timestamps and
 * paths masked. Keys, key order, nesting, `-1`/`null` and the table layout are kept, so a change
 * of the file formats or of the terminal tables fails here.
 *
 * Refresh the fixture after an intended change: `LMETER_UPDATE_GOLDEN=1 deno test -A tests/perf/golden_test.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { DEMO_SIMULATOR } from "../../lib/cli/demo.ts";
import { ROOT, runDemoPerf } from "./demo_perf_run.ts";
import { maskJson, maskText } from "./golden_mask.ts";
import { simEndpoints, withSimulator } from "./helpers.ts";

const FIXTURE = join(ROOT, "tests/fixtures/perf/demo_golden.txt");

/** Every file under `dir`, relative and sorted (the SQLite files are listed, not read). */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      const p = join(d, e.name);
      if (e.isDirectory) await walk(p);
      else out.push(relative(dir, p));
    }
  };
  await walk(dir);
  return out.sort();
}

/** The masked view of a finished demo perf run: its stdout and its files. */
export async function goldenView(stdout: string, dir: string): Promise<string> {
  const parts = ["== stdout", maskText(stdout, dir)];
  // benchmark_data.db-wal/-shm come and go with SQLite's checkpoints: only the .db is part of the layout.
  const files = (await listFiles(dir)).filter((f) => !/\.db-(wal|shm)$/.test(f));
  parts.push("== files", ...files.map((f) => maskText(f, dir)));
  for (const f of files) {
    if (f.endsWith(".db") || f.endsWith(".html")) continue;
    const text = await Deno.readTextFile(join(dir, f));
    parts.push(`== ${maskText(f, dir)}`);
    parts.push(
      f.endsWith(".json")
        ? JSON.stringify(maskJson(JSON.parse(text), dir), null, 2)
        : maskText(text, dir),
    );
  }
  return parts.join("\n") + "\n";
}

Deno.test({
  name: "golden: the demo's perf run prints the same tables and writes the same files",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withSimulator(DEMO_SIMULATOR, async (sim, dir) => {
      const stdout = await runDemoPerf(simEndpoints(sim).chat, dir);
      const view = await goldenView(stdout, dir);
      assert.ok(view.includes("/demo-perf/perf_report.html\n"), "the HTML report is written");
      if (Deno.env.get("LMETER_UPDATE_GOLDEN") === "1") {
        await Deno.mkdir(join(ROOT, "tests/fixtures/perf"), { recursive: true });
        await Deno.writeTextFile(FIXTURE, view);
      }
      assert.equal(view, await Deno.readTextFile(FIXTURE));
    });
  },
});
