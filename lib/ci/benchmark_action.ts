/**
 * github-action-benchmark's two custom formats from a CI summary: `smaller.json`
 * (`customSmallerIsBetter`: latencies, in ms) and `bigger.json` (`customBiggerIsBetter`:
 * throughputs, success and goodput, scores; unitless eval numbers say `score` or `ratio`). Each file is a JSON array of
 * `{name, unit, value, extra}`, named `"<run> / <metric>"`; `extra` is the run's configuration.
 * Metrics without a direction (counts, spreads) and missing values are left out. Pure.
 *
 * @module
 */
import { round } from "../metrics/round.ts";
import type { CiRun, CiSummary } from "./ci_summary.ts";

/** One entry of a custom benchmark file. */
export interface BenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  extra: string;
}

/** The two files' contents. */
export interface BenchmarkActionFiles {
  smaller: BenchmarkEntry[];
  bigger: BenchmarkEntry[];
}

/** The entries of `summary` for github-action-benchmark, latencies converted to ms. */
export function benchmarkActionFiles(summary: CiSummary): BenchmarkActionFiles {
  const out: BenchmarkActionFiles = { smaller: [], bigger: [] };
  for (const run of summary.runs) {
    for (const m of run.metrics) {
      if (m.value === null || !Number.isFinite(m.value) || m.better === "neither") continue;
      const seconds = m.unit === "s";
      out[m.better].push({
        name: `${run.name} / ${m.key.replace(/_s$/, seconds ? "_ms" : "")}`,
        unit: seconds ? "ms" : m.unit || (m.key.endsWith("_rate") ? "ratio" : "score"),
        value: seconds ? round(m.value * 1000, 3) : m.value,
        extra: extraOf(run),
      });
    }
  }
  return out;
}

function extraOf(run: CiRun): string {
  return Object.entries(run.config).map(([k, v]) => `${k}=${v}`).join("\n");
}
