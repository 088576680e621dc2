/**
 * Golden test of the eval output files: runs the demo's evaluation (gsm8k, arc, mmlu on the
 * built-in rows) against the demo's simulator and compares the terminal tables and every file the
 * run wrote with `tests/fixtures/eval/demo_golden.txt`. Only what changes from run to run is
 * masked: timings, timestamps, the temporary folder, the simulator's port, the resume keys (they
 * hash the endpoint URL) and the simulator's response ids (they follow arrival order). Scores,
 * counts, keys and key order stay exact, so any change of the report, prediction, review or
 * config files, of the HTML page or of the tables fails here.
 *
 * Refresh the fixture after an intended change:
 * `LMETER_UPDATE_GOLDEN=1 deno test -A tests/eval/demo_golden_test.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { printEvalTables } from "../../lib/cli/eval_output.ts";
import { captureConsole } from "../capture_console.ts";
import { runDemoInto } from "./demo_run.ts";
import { withTempDir } from "./temp_dir.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURE = join(ROOT, "tests/fixtures/eval/demo_golden.txt");

/** Keys whose numbers are timings (masked as `#`, structure kept). */
const TIMING_KEYS = new Set(["time", "latency", "ttft", "pid"]);

/** Every file under `dir`, relative and sorted. */
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

/** Text with the folder, the port, timestamps and the run folder's name masked. */
export function maskEvalText(text: string, dir: string): string {
  return text
    .replaceAll(dir, "<DIR>")
    .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:<PORT>")
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, "<ISO>")
    .replace(/\d{8}_\d{6}/g, "<TS>")
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, "<DATE>")
    .replace(/ in \d+\.\d+ s\b/g, " in <SECS> s");
}

function maskNumbers(value: unknown): unknown {
  if (typeof value === "number") return "#";
  if (Array.isArray(value)) return value.map(maskNumbers);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskNumbers(v)]));
  }
  return value;
}

/** A JSON value with timings, resume keys, response ids and run-specific text masked. */
export function maskEvalJson(value: unknown, dir: string, key = ""): unknown {
  if (TIMING_KEYS.has(key)) return maskNumbers(value);
  if (key === "sample_key" && typeof value === "string") return "<KEY>";
  if (key === "id" && typeof value === "string") return value.replace(/-\d+$/, "-<N>");
  if (typeof value === "string") return maskEvalText(value, dir);
  if (Array.isArray(value)) return value.map((v) => maskEvalJson(v, dir));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, maskEvalJson(v, dir, k)]),
    );
  }
  return value;
}

/** The HTML page with its latency table's timings masked. */
function maskHtml(html: string, dir: string): string {
  return maskEvalText(html, dir)
    .replace(
      /(latency\.mean[\s\S]*?<tbody>)([\s\S]*?)(<\/tbody>)/g,
      (_, head: string, body: string, tail: string) =>
        head +
        body.replace(
          /(<td class="num">)([^<]*)(<\/td>)/g,
          (cell, open: string, v: string, close: string) =>
            /^\d+\.\d+$/.test(v) ? `${open}#${close}` : cell,
        ) + tail,
    )
    .replaceAll("><", ">\n<");
}

/** The masked view of a finished demo eval run: its terminal tables and its files. */
export async function evalGoldenView(tables: string, runDir: string, dir: string): Promise<string> {
  const parts = ["== terminal", tables];
  const files = (await listFiles(runDir)).filter((f) => !f.startsWith("cache/eval_store.kv"));
  parts.push("== files", ...files);
  for (const f of files) {
    const text = await Deno.readTextFile(join(runDir, f));
    parts.push(`== ${f}`);
    if (f.endsWith(".json") || f === "cache/lock") {
      parts.push(JSON.stringify(maskEvalJson(JSON.parse(text), dir), null, 2));
    } else if (f.endsWith(".jsonl")) {
      parts.push(
        text.split("\n").map((l) => l ? JSON.stringify(maskEvalJson(JSON.parse(l), dir)) : l)
          .join("\n"),
      );
    } else if (f.endsWith(".html")) {
      parts.push(maskHtml(text, dir));
    } else {
      parts.push(maskEvalText(text, dir));
    }
  }
  return parts.join("\n") + "\n";
}

Deno.test({
  name: "golden: the demo's eval run prints the same tables and writes the same files",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withTempDir(async (dir) => {
      const run = await runDemoInto(dir);
      const printed = await captureConsole(() => Promise.resolve(printEvalTables(run.reports)));
      const view = await evalGoldenView(printed.out, run.runDir, dir);
      if (Deno.env.get("LMETER_UPDATE_GOLDEN") === "1") {
        await Deno.writeTextFile(FIXTURE, view);
        return;
      }
      const want = (await Deno.readTextFile(FIXTURE)).split("\n");
      const got = view.split("\n");
      const at = got.findIndex((line, i) => line !== want[i]);
      const line = at < 0 ? Math.min(got.length, want.length) : at;
      assert.equal(
        got.length === want.length && at < 0,
        true,
        `demo_golden.txt line ${line + 1}:\n want ${want[line]}\n got  ${got[line]}`,
      );
    });
  },
});
