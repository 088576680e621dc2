/**
 * One process per run folder: an exclusive advisory lock on `cache/lock`, held for the whole
 * run. The kernel drops it when the process dies (even by `kill -9`), so a resume right after a
 * crash is never refused, while a second live process is.
 *
 * @module
 */
import { UserError } from "../../errors.ts";

/** A held run lock. */
export interface RunLock {
  release(): void;
}

/** Takes the lock at `path` or throws a {@linkcode UserError} when another process holds it. */
export async function acquireRunLock(
  path: string,
  options: { waitMs?: number } = {},
): Promise<RunLock> {
  const file = await Deno.open(path, { create: true, read: true, write: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const locking = file.lock(true).then(() => true, () => false);
  const got = await Promise.race([
    locking,
    new Promise<boolean>((resolve) =>
      timer = setTimeout(() => resolve(false), options.waitMs ?? 300)
    ),
  ]);
  clearTimeout(timer);
  if (!got) {
    // The request stays queued in the kernel: give the lock back as soon as it is granted.
    locking.then((granted) => {
      try {
        if (granted) file.unlockSync();
        file.close();
      } catch { /* closed */ }
    });
    throw new UserError(
      `Cannot use the run folder: another lmeter process is running in it (lock ${path})`,
      "Wait for the other run to finish, or pass a different --work-dir / --use-cache folder.",
      { exitCode: 1 },
    );
  }
  await file.truncate(0);
  await file.write(
    new TextEncoder().encode(
      `${JSON.stringify({ pid: Deno.pid, since: new Date().toISOString() })}\n`,
    ),
  );
  return {
    release() {
      try {
        file.unlockSync();
        file.close();
      } catch { /* already released */ }
    },
  };
}
