/**
 * The files of a reasoning-efficiency analysis (`lmeter thinkbench`), beside the run's reports:
 *
 * ```
 * reports/<model>/thinkbench/<benchmark>.json          the report below (schema lmeter.thinkbench/1)
 * reports/<model>/thinkbench/<benchmark>.txt           the terminal table
 * reports/<model>/thinkbench/<benchmark>_samples.jsonl one line per sample
 * ```
 *
 * The folder sits inside the model's report folder, so readers of `reports/<model>/*.json` never
 * take it for a benchmark report. docs/thinkbench.md defines every field.
 *
 * @module
 */
import { join } from "node:path";
import type { ReasoningStats } from "../../metrics/reasoning_efficiency.ts";

/** Schema tag of the report file. */
export const THINKBENCH_SCHEMA = "lmeter.thinkbench/1";

/** One difficulty level (a subset), or the overall row. */
export interface ThinkbenchLevel extends ReasoningStats {
  /** The subset's name (`Level 1`), or `OVERALL`. */
  level: string;
  /** Sample lines read (after `--limit`). */
  samples: number;
  /** Samples the judge could not mark: a failed call or a reply without a valid index. */
  judgeErrors: number;
  /** Samples with nothing to judge: a failed generation, no score, or no reasoning text. */
  skipped: number;
}

/** A reasoning-efficiency report of one model's benchmark. */
export interface ThinkbenchReport {
  schema: typeof THINKBENCH_SCHEMA;
  model: string;
  benchmark: string;
  /** The judge's model id. */
  judgeModel: string;
  /** The tokenizer that counted the tokens (`o200k_base`, or a tokenizer directory). */
  tokenizer: string;
  /** How the reasoning was cut into paragraphs (`separator` or `keywords`). */
  split: string;
  switchPhrases: string[];
  /** Samples per level at most, or null for all. */
  limit: number | null;
  levels: ThinkbenchLevel[];
  overall: ThinkbenchLevel;
  /** What the judge did in the run that wrote the file. */
  judge: { calls: number; cached: number; failed: number };
  createdAt: string;
}

/** The analysis folder of a model in run folder `root`. */
export function thinkbenchDir(root: string, model: string): string {
  return join(root, "reports", model, "thinkbench");
}

/** Writes the report and its sample lines; returns the report's path. */
export async function writeThinkbench(
  root: string,
  report: ThinkbenchReport,
  options: { sampleLines: readonly string[] },
): Promise<string> {
  const dir = thinkbenchDir(root, report.model);
  await Deno.mkdir(dir, { recursive: true });
  const lines = options.sampleLines;
  await Deno.writeTextFile(
    join(dir, `${report.benchmark}_samples.jsonl`),
    lines.length ? lines.join("\n") + "\n" : "",
  );
  const path = join(dir, `${report.benchmark}.json`);
  await Deno.writeTextFile(path, JSON.stringify(report, null, 2) + "\n");
  return path;
}

/** Writes the terminal table beside the report. */
export async function writeThinkbenchTable(
  root: string,
  report: { model: string; benchmark: string },
  table: string,
): Promise<string> {
  const path = join(thinkbenchDir(root, report.model), `${report.benchmark}.txt`);
  await Deno.writeTextFile(path, table + "\n");
  return path;
}

/** True when `value` is a reasoning-efficiency report this lmeter reads. */
export function isThinkbenchReport(value: unknown): value is ThinkbenchReport {
  return typeof value === "object" && value !== null &&
    (value as { schema?: unknown }).schema === THINKBENCH_SCHEMA &&
    Array.isArray((value as { levels?: unknown }).levels);
}

/** The reasoning-efficiency reports of `model` in run folder `root` (none when there are none). */
export async function readThinkbenchReports(
  root: string,
  model: string,
): Promise<ThinkbenchReport[]> {
  const dir = thinkbenchDir(root, model);
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && e.name.endsWith(".json")) names.push(e.name);
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  const out: ThinkbenchReport[] = [];
  for (const name of names.sort()) {
    const value: unknown = JSON.parse(await Deno.readTextFile(join(dir, name)));
    if (isThinkbenchReport(value)) out.push(value);
  }
  return out;
}
