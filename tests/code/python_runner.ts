/**
 * A test stand-in for the sandbox: runs our own fixture programs with the host's python3, with a
 * wall-clock limit (killed on timeout) and no other isolation. Only for programs the tests wrote.
 *
 * @module
 */
import type { ProgramRequest, ProgramResult, ProgramRunner } from "../../lib/eval/define.ts";

/** Runs each request with `/usr/bin/python3 -I` on this machine; counts the runs it made. */
export function pythonRunner(): ProgramRunner & { runs: number } {
  const runner = {
    runs: 0,
    async run(req: ProgramRequest): Promise<ProgramResult> {
      runner.runs++;
      const dir = await Deno.makeTempDir({ prefix: "lmeter-code-test-" });
      try {
        await Deno.writeTextFile(`${dir}/main.py`, req.source);
        const started = performance.now();
        const child = new Deno.Command("/usr/bin/python3", {
          args: ["-I", `${dir}/main.py`],
          cwd: dir,
          stdin: "piped",
          stdout: "piped",
          stderr: "piped",
        }).spawn();
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill("SIGKILL");
        }, req.timeoutMs);
        const writer = child.stdin.getWriter();
        await writer.write(new TextEncoder().encode(req.stdin ?? "")).catch(() => {});
        await writer.close().catch(() => {});
        const out = await child.output();
        clearTimeout(timer);
        const decode = (b: Uint8Array) => new TextDecoder().decode(b);
        return {
          status: timedOut ? "timeout" : out.code === 0 ? "ok" : "error",
          exitCode: timedOut ? null : out.code,
          stdout: decode(out.stdout),
          stderr: decode(out.stderr),
          wallMs: performance.now() - started,
        };
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  };
  return runner;
}
