/**
 * `reports/Arena/leaderboard.txt` as EvalScope's arena mode writes it: an OVERALL board (each
 * model's win rate and interval bounds averaged over the subsets), one board per dataset, one per
 * subset; rows `Model | WinRate (%) | CI (%)` in tabulate's `simple` style, best first, the
 * baseline at 50 with `(+0.0 / +0.0)`. Pure.
 *
 * @module
 */
import { simpleTable } from "../../lib/util/text_table.ts";

/** One candidate's win rate on one subset of one dataset (fractions, 0..1). */
export interface ArenaResult {
  dataset: string;
  subset: string;
  model: string;
  winRate: number;
  lower: number;
  upper: number;
}

/** The leaderboard file's text: the boards joined by blank lines, as EvalScope writes them. */
export function leaderboardText(
  results: readonly ArenaResult[],
  options: { models: readonly string[]; baseline: string },
): string {
  const boards = [board("=== OVERALL LEADERBOARD ===", results, options)];
  const datasets = [...new Set(results.map((r) => r.dataset))].sort();
  for (const dataset of datasets) {
    const rows = results.filter((r) => r.dataset === dataset);
    boards.push(board(`=== DATASET LEADERBOARD: ${dataset} ===`, rows, options));
  }
  const seen = new Set<string>();
  for (const r of results) {
    const id = `${r.dataset}\u0000${r.subset}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const rows = results.filter((x) => x.dataset === r.dataset && x.subset === r.subset);
    boards.push(board(`=== SUBSET LEADERBOARD: ${r.dataset} - ${r.subset} ===`, rows, options));
  }
  return boards.join("\n");
}

/** One board: each model's mean win rate and bounds over `rows`, sorted by the shown percentage. */
function board(
  title: string,
  rows: readonly ArenaResult[],
  options: { models: readonly string[]; baseline: string },
): string {
  const lines: { model: string; shown: string; ci: string }[] = [];
  for (const model of options.models) {
    let values: [number, number, number];
    if (model === options.baseline) values = [0.5, 0.5, 0.5];
    else {
      const mine = rows.filter((r) => r.model === model);
      if (mine.length === 0) continue;
      const avg = (f: (r: ArenaResult) => number) =>
        mine.reduce((s, r) => s + f(r), 0) / mine.length;
      values = [avg((r) => r.winRate), avg((r) => r.lower), avg((r) => r.upper)];
    }
    const [score, lower, upper] = values.map((v) => v * 100);
    lines.push({
      model,
      shown: score.toFixed(1),
      ci: `(${signed(lower - score)} / ${signed(upper - score)})`,
    });
  }
  // Stable, like Python's sort: equal percentages keep the models' order.
  lines.sort((x, y) => Number(y.shown) - Number(x.shown));
  // tabulate reads the percentage text back as a number (so "50.0" prints as 50).
  const table = simpleTable(
    ["Model", "WinRate (%)", "CI (%)"],
    lines.map((l) => [l.model, Number(l.shown), l.ci]),
  );
  return `${title}\n${table}\n`;
}

/** Python's `f"{x:+.1f}"`. */
function signed(x: number): string {
  const negative = x < 0 || Object.is(x, -0);
  return `${negative ? "-" : "+"}${Math.abs(x).toFixed(1)}`;
}
