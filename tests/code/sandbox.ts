/**
 * The real bubblewrap sandbox for the code-benchmark tests, opened once per test file, and the
 * visible reason their tests are skipped where it cannot run. It counts the programs it ran.
 *
 * @module
 */
import { openSandbox, type Sandbox } from "../../lib/sandbox/mod.ts";
import type { ProgramRunner } from "../../lib/eval/define.ts";

/** A sandbox that counts its runs, or why there is none here. */
export type TestSandbox =
  | { runner: ProgramRunner & { runs: number; close(): Promise<void> }; skip: null }
  | { runner: null; skip: string };

/** Opens the bwrap sandbox (two slots); a failure to open becomes the skip reason. */
export async function testSandbox(): Promise<TestSandbox> {
  let sandbox: Sandbox;
  try {
    sandbox = await openSandbox({ engine: "bwrap", concurrency: 2 });
  } catch (e) {
    return { runner: null, skip: (e as Error).message };
  }
  const runner = {
    runs: 0,
    run(req: Parameters<ProgramRunner["run"]>[0]) {
      runner.runs++;
      return sandbox.run(req);
    },
    close: () => sandbox.close(),
  };
  return { runner, skip: null };
}

/** `Deno.test` for a test that needs the sandbox: skipped, with the reason in its name, without one. */
export function sandboxTest(
  box: TestSandbox,
  name: string,
  fn: (runner: NonNullable<TestSandbox["runner"]>) => Promise<void>,
): void {
  Deno.test({
    name: box.skip === null ? name : `SKIP no usable sandbox (${box.skip}): ${name}`,
    ignore: box.skip !== null,
    fn: () => fn(box.runner!),
  });
}
