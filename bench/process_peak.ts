/**
 * Runs a command as a child process and reports its wall time and peak resident memory (VmHWM,
 * read from /proc while it runs; Linux only, null elsewhere).
 *
 * @module
 */

/** Wall time (s), peak RSS (MiB, null when /proc is not readable) and exit code of a run. */
export interface ProcessRun {
  wallS: number;
  peakMiB: number | null;
  code: number;
}

function peakMiB(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync(`/proc/${pid}/status`));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Runs `deno <args>` (output discarded) and measures it. */
export async function measureDeno(args: string[]): Promise<ProcessRun> {
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args,
    env: { DENO_NO_UPDATE_CHECK: "1" },
    stdout: "null",
    stderr: "null",
  }).spawn();
  let peak: number | null = null;
  const timer = setInterval(() => {
    const v = peakMiB(child.pid);
    if (v !== null) peak = Math.max(peak ?? 0, v);
  }, 20);
  const { code } = await child.status;
  clearInterval(timer);
  return { wallS: (performance.now() - started) / 1000, peakMiB: peak, code };
}
