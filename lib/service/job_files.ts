/**
 * Reading a job's files, never outside its folder: every path is resolved (symlinks too) and
 * refused unless it stays below `<outputs>/<id>`. The log is paged as EvalScope's service does.
 *
 * @module
 */
import { join } from "node:path";
import { OutsideRootError, SafeFs } from "../results/read/safe_fs.ts";
import { HttpError } from "./http.ts";
import type { JobKind } from "./job_record.ts";

/**
 * The real path of `rel` below `jobDir`; null when it does not exist. A path that leads outside
 * the folder (`..`, an absolute path, a symlink out) is a 403.
 */
export async function jobFile(jobDir: string, rel: string): Promise<string | null> {
  const segments = rel.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".." || s.includes("\\"))) {
    throw outside(rel);
  }
  let fs: SafeFs;
  try {
    fs = await SafeFs.open(jobDir);
  } catch {
    return null;
  }
  try {
    return await fs.check(join(fs.root, ...segments));
  } catch (e) {
    if (!(e instanceof OutsideRootError)) throw e;
    // A path that does not exist is not found; one that exists outside the folder is refused.
    try {
      await Deno.lstat(join(fs.root, ...segments));
    } catch {
      return null;
    }
    throw outside(rel);
  }
}

function outside(rel: string): HttpError {
  return new HttpError(403, `Forbidden: ${rel} is outside the job's folder`);
}

/** One page of a log, as EvalScope's `/log` returns it. */
export interface LogPage {
  text: string;
  /** Index (0-based) of the first line returned. */
  head_line: number;
  /** Index just past the last line returned (the next page's `start_line`). */
  tail_line: number;
  total_lines: number;
}

/**
 * Lines `[start, start + page)` of the log at `path` (null: empty), or its last `page` lines
 * when `start` is null.
 */
export async function logPage(
  path: string | null,
  options: { start: number | null; page: number },
): Promise<LogPage> {
  const text = path ? await Deno.readTextFile(path) : "";
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const total = lines.length;
  const head = options.start === null
    ? Math.max(0, total - options.page)
    : Math.min(Math.max(0, options.start), total);
  const tail = Math.min(total, head + options.page);
  return {
    text: lines.slice(head, tail).join("\n"),
    head_line: head,
    tail_line: tail,
    total_lines: total,
  };
}

/**
 * A job's result in EvalScope's shapes, read from the files the job wrote: eval, the report of
 * each benchmark by dataset name; perf, `{<run folder>: {metrics, percentiles}}`.
 */
export async function readResult(kind: JobKind, jobDir: string): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  if (kind === "eval") {
    const reports = await jobFile(jobDir, "reports");
    for (const model of reports ? await folders(reports) : []) {
      for await (const e of Deno.readDir(join(reports!, model))) {
        if (!e.isFile || !e.name.endsWith(".json")) continue;
        const report = JSON.parse(await Deno.readTextFile(join(reports!, model, e.name)));
        result[String(report.dataset_name ?? e.name.slice(0, -5))] = report;
      }
    }
    return result;
  }
  const perf = await jobFile(jobDir, "perf");
  for (const run of perf ? await folders(perf) : []) {
    const summary = join(perf!, run, "benchmark_summary.json");
    const percentiles = join(perf!, run, "benchmark_percentile.json");
    try {
      result[run] = {
        metrics: JSON.parse(await Deno.readTextFile(summary)),
        percentiles: JSON.parse(await Deno.readTextFile(percentiles)),
      };
    } catch { /* not a run folder */ }
  }
  return result;
}

async function folders(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.isDirectory) names.push(e.name);
  return names.sort();
}

/**
 * A progress.json as EvalScope's `/progress` returns it. The perf engine writes `percent`
 * itself; the eval engine's file (`{status, benchmarks: {name: {done, total}}, samples_done}`)
 * gains EvalScope's `pipeline`, `total_count`, `processed_count` and `percent`, and `done` reads
 * `completed`. Every key lmeter wrote stays.
 */
export function progressView(kind: JobKind, text: string): Record<string, unknown> {
  const doc = JSON.parse(text) as Record<string, unknown>;
  if (kind !== "eval") return doc;
  const benches = Object.values(
    (doc.benchmarks ?? {}) as Record<string, { done?: number; total?: number }>,
  );
  const total = benches.reduce((n, b) => n + (b.total ?? 0), 0);
  const done = benches.reduce((n, b) => n + (b.done ?? 0), 0);
  return {
    ...doc,
    status: doc.status === "done" ? "completed" : doc.status,
    pipeline: "eval",
    total_count: total,
    processed_count: done,
    percent: total > 0 ? Math.round((done / total) * 1000) / 10 : 0,
  };
}

/**
 * The progress view of the file at `path` (null: none yet). The engines rewrite the file while
 * it runs, so a read that lands mid-write is tried again.
 */
export async function readProgress(
  kind: JobKind,
  path: string | null,
): Promise<Record<string, unknown> | null> {
  if (!path) return null;
  for (let attempt = 0;; attempt++) {
    try {
      return progressView(kind, await Deno.readTextFile(path));
    } catch (e) {
      if (!(e instanceof SyntaxError) || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
