/**
 * Starts a benchmark script again as a separate process that serves the simulator (`--serve`),
 * so the client being measured has a core of its own. The child prints `READY <url>` when it
 * listens.
 *
 * @module
 */

import { pinApart, type Pinning } from "./pin_cpus.ts";

/** A simulator running in another process. */
export interface SimProcess {
  url: string;
  /** How the two processes were pinned to CPUs (`pin`), for the benchmark's output. */
  pinning?: string;
  stop(): Promise<void>;
}

/**
 * Runs `script --serve ...extraArgs` with this project's deno.json and waits for its READY line.
 * With `pin`, the simulator then gets the last CPU and this process the others (`pin_cpus.ts`)
 * until `stop()`.
 */
export async function startSimProcess(
  script: string,
  extraArgs: string[] = [],
  options: { pin?: boolean } = {},
): Promise<SimProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--config",
      new URL("../deno.json", import.meta.url).pathname,
      script,
      "--serve",
      ...extraArgs,
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  while (!buf.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("simulator process exited before it was ready");
    buf += value;
  }
  const pinning: Pinning | undefined = options.pin ? await pinApart(child.pid) : undefined;
  return {
    url: buf.split("\n")[0].replace(/^READY\s+/, "").trim(),
    pinning: pinning?.note,
    async stop() {
      await pinning?.restore();
      child.kill("SIGTERM");
      await child.status;
      reader.releaseLock();
      await child.stdout.cancel().catch(() => {});
    },
  };
}
