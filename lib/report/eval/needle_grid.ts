/**
 * A needle-in-a-haystack report as grids: its metrics are named `Context#<length> Depth#<percent>`
 * (EvalScope's names, one metric per cell); this reads them back into one grid per subset, and
 * gives the heatmap's colour ramp. Pure.
 *
 * @module
 */

/** One subset's cells: `scores[depth][length]` (null where the run has no score). */
export interface NeedleGrid {
  subset: string;
  /** Context lengths in tokens, ascending (the x axis). */
  lengths: number[];
  /** Needle depths in percent, ascending (the y axis, top to bottom). */
  depths: number[];
  scores: (number | null)[][];
  /** Samples behind each cell (attempts included), parallel to `scores`. */
  counts: number[][];
}

const CELL = /^Context#(\d+) Depth#(\d+)$/;

/** The metric name of a cell, as EvalScope writes it. */
export function needleCellName(length: number, depth: number): string {
  return `Context#${length} Depth#${depth}`;
}

/**
 * What a grid is read from: a report's metrics as lmeter's typed report, the app's report view
 * and EvalScope's report files all have them.
 */
export interface MetricsLike {
  metrics: readonly {
    name: string;
    categories: readonly { subsets: readonly { name: string; score: number; num: number }[] }[];
  }[];
}

/** True when `report` has needle cells (metrics named `Context#<length> Depth#<percent>`). */
export function isNeedleReport(report: MetricsLike): boolean {
  return report.metrics.some((m) => CELL.test(m.name));
}

/** One grid per subset of a needle report (report order); empty for any other report. */
export function needleGrids(report: MetricsLike): NeedleGrid[] {
  const cells = new Map<string, Map<string, { score: number; num: number }>>();
  const lengths = new Set<number>();
  const depths = new Set<number>();
  for (const m of report.metrics) {
    const match = CELL.exec(m.name);
    if (!match) continue;
    lengths.add(Number(match[1]));
    depths.add(Number(match[2]));
    for (const cat of m.categories) {
      for (const s of cat.subsets) {
        let bySubset = cells.get(s.name);
        if (!bySubset) cells.set(s.name, bySubset = new Map());
        bySubset.set(m.name, { score: s.score, num: s.num });
      }
    }
  }
  const xs = [...lengths].sort((a, b) => a - b);
  const ys = [...depths].sort((a, b) => a - b);
  return [...cells].map(([subset, bySubset]) => ({
    subset,
    lengths: xs,
    depths: ys,
    scores: ys.map((d) => xs.map((l) => bySubset.get(needleCellName(l, d))?.score ?? null)),
    counts: ys.map((d) => xs.map((l) => bySubset.get(needleCellName(l, d))?.num ?? 0)),
  }));
}

/** EvalScope's heatmap colours: red `#F0496E` at 0, amber `#EBB839` at 0.5, green `#0CD79F` at 1. */
const RAMP: readonly (readonly [number, number, number])[] = [
  [0xf0, 0x49, 0x6e],
  [0xeb, 0xb8, 0x39],
  [0x0c, 0xd7, 0x9f],
];

/** The colour of a score in [0, 1] (clamped), interpolated linearly along the ramp. */
export function heatColor(score: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, score)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(t));
  const f = t - i;
  const [a, b] = [RAMP[i], RAMP[i + 1]];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
}

/** `#rrggbb` of {@linkcode heatColor}. */
export function heatColorHex(score: number): string {
  return "#" + heatColor(score).map((c) => c.toString(16).padStart(2, "0")).join("");
}
