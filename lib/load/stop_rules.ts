/**
 * Stop rules: small functions that say whether a run stops dispatching, and why. The dispatcher
 * asks each rule before it sends a request; the first that answers ends the run.
 *
 * @module
 */

/** How a run's dispatch ended. */
export type StopReason = "completed" | "duration" | "interrupted";

/** A stop rule: the reason to stop at `nowMs`, or null to go on. */
export type StopRule = (nowMs: number) => Exclude<StopReason, "completed"> | null;

/** Stops when `signal` aborts (Ctrl-C, a caller's cancellation). */
export function stopOnAbort(signal?: AbortSignal): StopRule {
  return () => (signal?.aborted ? "interrupted" : null);
}

/** Stops at `deadlineMs` (the `--duration` budget); never when it is Infinity. */
export function stopAtDeadline(deadlineMs: number): StopRule {
  return (nowMs) => (nowMs >= deadlineMs ? "duration" : null);
}

/** The first rule's reason to stop at `nowMs`, or null. */
export function firstStop(
  rules: readonly StopRule[],
  nowMs: number,
): Exclude<StopReason, "completed"> | null {
  for (const rule of rules) {
    const reason = rule(nowMs);
    if (reason) return reason;
  }
  return null;
}
