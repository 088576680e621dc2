/**
 * Where a job worker's code starts: `main.ts` from source, the bundle file itself when bundled
 * (one file serves both the CLI and every job, so the bundle needs no second file).
 *
 * @module
 */

/** The module a job worker starts from. */
export function workerEntry(): string {
  const here = import.meta.url;
  return here.endsWith("/lib/worker/entry.ts") ? new URL("../../main.ts", here).href : here;
}
