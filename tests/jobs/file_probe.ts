/**
 * A job that tries to read and write given files and reports, per path, whether Deno allowed it:
 * proves a job's read/write scope end to end.
 *
 * @module
 */

/** Input of the file-probe job. */
export interface FileProbeInput {
  read: string[];
  write: string[];
}

/** Per path: "ok", or the name of the error (NotCapable / PermissionDenied when refused). */
export interface FileProbeOutput {
  read: Record<string, string>;
  write: Record<string, string>;
}

async function attempt(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return "ok";
  } catch (e) {
    return (e as Error).name;
  }
}

/** Reads each `read` path and writes "probe" to each `write` path, inside the job's worker. */
export async function fileProbeJob(input: unknown): Promise<FileProbeOutput> {
  const { read, write } = input as FileProbeInput;
  const out: FileProbeOutput = { read: {}, write: {} };
  for (const p of read) out.read[p] = await attempt(() => Deno.readTextFile(p));
  for (const p of write) out.write[p] = await attempt(() => Deno.writeTextFile(p, "probe"));
  return out;
}
