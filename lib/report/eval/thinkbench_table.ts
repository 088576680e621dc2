/**
 * The terminal table of a reasoning-efficiency report: one row per level and an overall row,
 * `Level | Num | Reasoning tokens | First-correct tokens | Reflection tokens | Token efficiency |
 * Thoughts | Accuracy | Judge errors | Skipped`, means rounded to 1 (tokens), 2 (thoughts) or 4
 * decimals (shares) and printed as tabulate prints numbers. Pure.
 *
 * @module
 */
import type { ThinkbenchLevel, ThinkbenchReport } from "../../results/eval/thinkbench_file.ts";
import { round } from "../../metrics/round.ts";
import { type Cell, gridTable } from "../../util/text_table.ts";

/** The column headers, in order. */
export const THINKBENCH_HEADERS: readonly string[] = [
  "Level",
  "Num",
  "Reasoning tokens",
  "First-correct tokens",
  "Reflection tokens",
  "Token efficiency",
  "Thoughts",
  "Accuracy",
  "Judge errors",
  "Skipped",
];

/** A mean rounded for the table (a number, so the column is right-aligned), or "-" when none. */
const mean = (v: number | null, digits: number): Cell => v === null ? "-" : round(v, digits);

function row(l: ThinkbenchLevel): Cell[] {
  return [
    l.level,
    l.n,
    mean(l.reasoningTokens, 1),
    mean(l.firstCorrectTokens, 1),
    mean(l.reflectionTokens, 1),
    mean(l.tokenEfficiency, 4),
    mean(l.thoughts, 2),
    mean(l.accuracy, 4),
    l.judgeErrors,
    l.skipped,
  ];
}

/** The table of `report`, titled with its model, benchmark and judge. */
export function thinkbenchTable(report: ThinkbenchReport): string {
  const title =
    `Reasoning efficiency: ${report.model} on ${report.benchmark} (judge ${report.judgeModel}, ${report.split} split, tokenizer ${report.tokenizer})`;
  const rows = [...report.levels.map(row), row(report.overall)];
  const align = THINKBENCH_HEADERS.map((_, i) => i === 0 ? "left" as const : "right" as const);
  return `${title}\n${gridTable(THINKBENCH_HEADERS, rows, { align })}`;
}
