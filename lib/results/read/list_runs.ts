/**
 * The rows of the runs list: one per eval run and per perf sweep, with model, datasets, score
 * and date.
 *
 * @module
 */
import { basename } from "node:path";
import { type DiscoveredRun, discoverRuns } from "./discover_runs.ts";
import { readEvalRun } from "./read_eval_run.ts";
import { readPerfSweep } from "./read_perf_sweep.ts";
import type { SafeFs } from "./safe_fs.ts";
import type { RunListItem } from "./types.ts";

/** Reads a list row for one discovered run. */
export async function runListItem(fs: SafeFs, run: DiscoveredRun): Promise<RunListItem> {
  const name = run.id === "." ? basename(fs.root) : run.id;
  if (run.kind === "eval") {
    const r = await readEvalRun(fs, run.dir);
    const datasets = [...new Set(r.models.flatMap((m) => m.reports.map((b) => b.dataset)))];
    const scores = r.models.map((m) =>
      m.reports.length ? m.reports.reduce((s, b) => s + b.score, 0) / m.reports.length : null
    );
    return {
      id: run.id,
      kind: "eval",
      name,
      date: r.createdAt,
      models: r.models.map((m) => m.model),
      datasets: datasets.length
        ? datasets
        : [...new Set(r.models.flatMap((m) => m.subsets.map((s) => s.benchmark)))],
      scores,
    };
  }
  const s = await readPerfSweep(fs, run.dir);
  const rps = s.runs.map((x) => x.summary.rps).filter((v) => v !== null);
  return {
    id: run.id,
    kind: "perf",
    name,
    date: s.startedAt,
    models: s.model ? [s.model] : [],
    datasets: s.dataset ? [s.dataset] : [],
    scores: [],
    perfRuns: s.runs.length,
    bestRps: rps.length ? Math.max(...rps as number[]) : null,
  };
}

/** Discovers and reads every run under the root; newest first. */
export async function listRuns(fs: SafeFs): Promise<RunListItem[]> {
  const items: RunListItem[] = [];
  for (const run of await discoverRuns(fs)) items.push(await runListItem(fs, run));
  return items.sort((a, b) =>
    (b.date ?? "").localeCompare(a.date ?? "") || a.id.localeCompare(b.id)
  );
}
