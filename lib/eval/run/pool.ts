/**
 * Runs async work over items with a fixed number of concurrent workers.
 *
 * @module
 */

/** Calls `fn` on every item, at most `concurrency` at a time; stops taking items when `stop()` is true. */
export async function runPool<T>(
  items: readonly T[],
  options: { concurrency: number; stop?: () => boolean },
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !(options.stop?.() ?? false)) {
      const item = items[next++];
      await fn(item);
    }
  };
  const n = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: n }, worker));
}
