/**
 * The `table` of EvalScope's invoke answers: a Markdown pipe table with EvalScope's Chinese
 * headers, drawn from the result it sends beside it.
 *
 * @module
 */
import { summaryFromFile } from "../results/perf/evalscope_format.ts";
import { isRecord } from "../util/is_record.ts";

/** Eval: one row per subset (and an OVERALL row for a metric over several), by report. */
export function evalTable(result: Readonly<Record<string, unknown>>): string {
  const rows: (string | number)[][] = [];
  for (const report of Object.values(result)) {
    if (!isRecord(report) || !Array.isArray(report.metrics)) continue;
    for (const metric of report.metrics.filter(isRecord)) {
      const subsets = (Array.isArray(metric.categories) ? metric.categories : [])
        .filter(isRecord)
        .flatMap((c) => (Array.isArray(c.subsets) ? c.subsets : []).filter(isRecord));
      const row = (subset: unknown, num: unknown, score: unknown) =>
        rows.push([
          String(report.model_name),
          String(report.dataset_name),
          String(metric.name),
          String(subset),
          Number(num),
          Number(score),
        ]);
      for (const s of subsets) row(s.name, s.num, s.score);
      if (subsets.length > 1) row("OVERALL", metric.num, metric.score);
    }
  }
  return pipeTable(["模型", "数据集", "指标", "子集", "数量", "得分"], rows);
}

/** Perf: one row per run (lmeter's choice of columns; EvalScope does not pin them). */
export function perfTable(result: Readonly<Record<string, unknown>>): string {
  const rows: (string | number | null)[][] = [];
  for (const [run, value] of Object.entries(result)) {
    if (!isRecord(value) || !isRecord(value.metrics)) continue;
    const s = summaryFromFile(value.metrics);
    rows.push([
      run,
      s.concurrency,
      s.total,
      s.success,
      s.rps,
      s.avgLatencyS,
      s.avgTtftMs,
      s.avgTpotMs,
      s.outputTps,
    ]);
  }
  return pipeTable(
    [
      "运行",
      "并发",
      "请求数",
      "成功数",
      "吞吐 (req/s)",
      "平均延迟 (s)",
      "平均首字延迟 (ms)",
      "平均每字延迟 (ms)",
      "输出吞吐 (tok/s)",
    ],
    rows,
  );
}

/** A Markdown pipe table; numbers right-aligned, null as `-`. */
function pipeTable(
  headers: readonly string[],
  rows: readonly (string | number | null)[][],
): string {
  const cell = (v: string | number | null) => (v === null ? "-" : String(v));
  const numeric = headers.map((_, i) =>
    rows.length > 0 && rows.every((r) => typeof r[i] === "number" || r[i] === null)
  );
  const lines = [
    `| ${headers.join(" | ")} |`,
    `|${numeric.map((n) => (n ? "---:" : ":---")).join("|")}|`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
  return lines.join("\n");
}
