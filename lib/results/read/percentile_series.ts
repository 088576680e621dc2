/**
 * Percentile rows placed on a 0–100 axis (`min` → 0, `max` → 100), for charts. Pure.
 *
 * @module
 */
import type { PercentileRow } from "../../metrics/perf_percentiles.ts";

/** The x position of a percentile label on a 0–100 axis (`min` → 0, `max` → 100). */
export function percentilePosition(label: string): number | null {
  if (label === "min") return 0;
  if (label === "max") return 100;
  const m = /^(\d+(?:\.\d+)?)%$/.exec(label);
  return m ? Number(m[1]) : null;
}

/** Rows as (position, row) pairs sorted by position, skipping unknown labels. */
export function percentileSeries(
  rows: readonly PercentileRow[],
): { x: number; label: string; row: PercentileRow }[] {
  const out: { x: number; label: string; row: PercentileRow }[] = [];
  for (const row of rows) {
    const x = percentilePosition(row.percentile);
    if (x !== null) out.push({ x, label: row.percentile, row });
  }
  return out.sort((a, b) => a.x - b.x);
}
