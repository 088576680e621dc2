/**
 * A job that opens the code sandbox inside a scoped worker, runs one program in it, and tries to
 * start another program directly: proves that the scope allows the launcher and nothing else.
 *
 * @module
 */
import { openSandbox, type SandboxConfig } from "../../lib/sandbox/mod.ts";

/** Input of the sandbox probe job. */
export interface SandboxProbeInput {
  config: SandboxConfig;
  /** A program to start without the sandbox (it must be refused). */
  direct: string;
}

/** What happened. */
export interface SandboxProbeOutput {
  /** The sandboxed program's status and stdout, or the error of opening the sandbox. */
  sandboxed: string;
  /** `ok`, or the error's name when starting `direct` failed. */
  direct: string;
}

/** Runs `print(6 * 7)` in the sandbox, then tries `direct` on its own. */
export async function sandboxProbeJob(input: unknown): Promise<SandboxProbeOutput> {
  const { config, direct } = input as SandboxProbeInput;
  let sandboxed: string;
  try {
    const sb = await openSandbox(config);
    const r = await sb.run({ source: "print(6 * 7)" });
    sandboxed = `${r.status} ${r.stdout.trim()}`;
    await sb.close();
  } catch (e) {
    sandboxed = (e as Error).message;
  }
  let directResult = "ok";
  try {
    await new Deno.Command(direct, { args: ["-c", "pass"] }).output();
  } catch (e) {
    directResult = (e as Error).name;
  }
  return { sandboxed, direct: directResult };
}
