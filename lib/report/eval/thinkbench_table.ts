/**
 * The terminal table of a reasoning-efficiency report: one row per level and an overall row,
 * `Level | Num | Reasoning tokens | First-correct tokens | Reflection tokens | Token efficiency |
 * Thoughts | Accuracy | Judge errors | Skipped`. Pure.
 *
 * @module
 */
import type { ThinkbenchLevel, ThinkbenchReport } from "../../results/eval/thinkbench_file.ts";
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

const fixed = (v: number | null, digits: number): string => v === null ? "-" : v.toFixed(digits);

function row(l: ThinkbenchLevel): Cell[] {
  return [
    l.level,
    l.n,
    fixed(l.reasoningTokens, 1),
    fixed(l.firstCorrectTokens, 1),
    fixed(l.reflectionTokens, 1),
    fixed(l.tokenEfficiency, 4),
    fixed(l.thoughts, 2),
    fixed(l.accuracy, 4),
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
