/**
 * A concurrency limit for async calls: at most `n` run at once, the others wait in order.
 *
 * @module
 */

/** Runs a call under the limit. */
export type Limited = <T>(call: () => Promise<T>) => Promise<T>;

/**
 * A limit of `concurrency` calls at once (at least 1). A finished call hands its slot straight
 * to the next waiter, so a new call cannot take it first.
 */
export function concurrencyLimit(concurrency: number): Limited {
  const limit = Math.max(1, Math.floor(concurrency));
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(call: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((go) => waiting.push(go));
    else running++;
    try {
      return await call();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
