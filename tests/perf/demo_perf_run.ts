/**
 * Runs `lmeter perf` with the demo's arguments in its own process (the job's worker prints
 * straight to stdout, so only a process shows what a user sees) against a simulator started here.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { demoPerfArgs } from "../../lib/cli/demo.ts";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs the demo's perf sweep into `dir` against the chat URL; returns what it printed. */
export async function runDemoPerf(chatUrl: string, dir: string): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "main.ts"), "perf", ...demoPerfArgs(chatUrl, dir)],
    cwd: ROOT,
    env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}
