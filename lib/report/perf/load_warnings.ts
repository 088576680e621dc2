/**
 * Whether a run really applied the load it was asked for: the requested concurrency reached, and
 * requests sent on time. When not, its figures describe a lower load, and the report says so.
 * Pure.
 *
 * @module
 */
import type { PerfRunResult } from "../../results/perf/schema.ts";
import { fixed, num } from "./format.ts";

/** A run reached less than this share of its expected concurrency: a material shortfall. */
export const CONCURRENCY_SHORTFALL = 0.9;
/** Sends this late on average (ms), for most requests, are large send lag. */
export const LARGE_SEND_LAG_MS = 100;

type RunLoad = Pick<PerfRunResult, "parallel" | "number" | "extras">;

/** Most requests a closed-loop run could have had in flight: `parallel`, or `number` if fewer. */
export function expectedConcurrency(run: Pick<PerfRunResult, "parallel" | "number">): number {
  return run.parallel > 0 ? Math.min(run.parallel, run.number) : 0;
}

/** The line printed beside the requested concurrency; null when nothing was measured. */
export function concurrencyLine(run: RunLoad): string | null {
  const c = run.extras.concurrency;
  if (!c) return null;
  const achieved = `achieved max ${c.max}, time-weighted mean ${fixed(c.mean, 1)}`;
  return run.parallel > 0
    ? `Concurrency: requested ${run.parallel}; ${achieved}`
    : `Concurrency (not capped): ${achieved}`;
}

/** Warnings (without a leading marker) when the run did not apply the requested load. */
export function loadWarnings(run: RunLoad): string[] {
  const out: string[] = [];
  const c = run.extras.concurrency;
  const expected = expectedConcurrency(run);
  if (c && expected > 0 && c.max < CONCURRENCY_SHORTFALL * expected) {
    out.push(
      `requested concurrency ${run.parallel} was not reached: at most ${c.max} requests were in flight ` +
        `(time-weighted mean ${fixed(c.mean, 1)}); the figures describe that lower load`,
    );
  }
  const lag = run.extras.sendLagMs;
  if (lag.avg !== null && lag.avg > LARGE_SEND_LAG_MS && run.extras.lateSendPct > 50) {
    out.push(
      `requests were sent late: avg ${num(lag.avg, 1)} ms after their intended time, ` +
        `${
          fixed(run.extras.lateSendPct, 1)
        }% by more than 10 ms; the client did not keep up with the requested load`,
    );
  }
  return out;
}
