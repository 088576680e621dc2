/**
 * Reads an eval run folder (EvalScope's layout, which lmeter follows):
 * `configs/task_config.yaml`, `reports/<model>/<benchmark>.json`,
 * `predictions/<model>/<benchmark>_<subset>.jsonl`, `reviews/<model>/…`.
 *
 * @module
 */
import { COLLECTION_REPORT_FILE } from "../eval/collection_file.ts";
import { basename, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { normalizeReport } from "./normalize_report.ts";
import {
  isThinkbenchReport,
  thinkbenchDir,
  type ThinkbenchReport,
} from "../eval/thinkbench_file.ts";
import type { SafeFs } from "./safe_fs.ts";
import type { BenchmarkView, EvalModelView, EvalRunView, SubsetFiles } from "./types.ts";

/** Reads the run in `dir` (every file through `fs`). */
export async function readEvalRun(fs: SafeFs, dir: string): Promise<EvalRunView> {
  const { config, configText } = await readConfig(fs, dir);
  const names = new Set<string>();
  for (const part of ["reports", "predictions", "reviews"]) {
    for (const m of await fs.subdirs(join(dir, part))) names.add(m);
  }
  const known = configDatasets(config);
  const models: EvalModelView[] = [];
  for (const model of [...names].sort()) {
    const reports = await readReports(fs, join(dir, "reports", model), model);
    const subsets = await readSubsetFiles(fs, dir, model, reports, known);
    const thinkbench = await readThinkbench(fs, thinkbenchDir(dir, model));
    models.push({ model, reports, subsets, thinkbench });
  }
  const name = basename(dir);
  return {
    dir,
    name,
    createdAt: folderDate(name) ??
      models.flatMap((m) => m.reports.map((r) => r.createdAt)).find((d) => d !== null) ?? null,
    config,
    configText,
    models,
    hasHtml: await fs.exists(join(dir, "reports", "report.html")),
  };
}

/** `YYYYMMDD_HHMMSS` as an ISO local date-time, or null. */
export function folderDate(name: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/.exec(name);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : null;
}

async function readConfig(
  fs: SafeFs,
  dir: string,
): Promise<{ config: unknown; configText: string | null }> {
  const configs = join(dir, "configs");
  const files = (await fs.list(configs))
    .filter((e) => e.isFile && /^task_config.*\.ya?ml$/.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => a === "task_config.yaml" ? -1 : b === "task_config.yaml" ? 1 : 0);
  if (files.length === 0) return { config: null, configText: null };
  const configText = await fs.readTextOrNull(join(configs, files[0]));
  let config: unknown = null;
  try {
    config = configText === null ? null : parseYaml(configText);
  } catch { /* shown as text */ }
  return { config, configText };
}

function configDatasets(config: unknown): string[] {
  if (typeof config !== "object" || config === null) return [];
  const ds = (config as Record<string, unknown>).datasets;
  return Array.isArray(ds) ? ds.filter((d): d is string => typeof d === "string") : [];
}

async function readReports(fs: SafeFs, dir: string, model: string): Promise<BenchmarkView[]> {
  const out: BenchmarkView[] = [];
  for (const e of await fs.list(dir)) {
    if (!e.isFile || !e.name.endsWith(".json")) continue;
    if (e.name === COLLECTION_REPORT_FILE) continue;
    const raw = await fs.readJsonOrNull(join(dir, e.name));
    if (raw === null) continue;
    out.push(normalizeReport(raw, { model, dataset: e.name.slice(0, -5) }));
  }
  return out;
}

async function readThinkbench(fs: SafeFs, dir: string): Promise<ThinkbenchReport[]> {
  const out: ThinkbenchReport[] = [];
  const names = (await fs.list(dir)).filter((e) => e.isFile && e.name.endsWith(".json"))
    .map((e) => e.name).sort();
  for (const name of names) {
    const raw = await fs.readJsonOrNull(join(dir, name));
    if (isThinkbenchReport(raw)) out.push(raw);
  }
  return out;
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|]+/g, "_");

async function readSubsetFiles(
  fs: SafeFs,
  dir: string,
  model: string,
  reports: BenchmarkView[],
  known: string[],
): Promise<SubsetFiles[]> {
  const benchmarks = [...new Set([...reports.map((r) => r.dataset), ...known])]
    .sort((a, b) => b.length - a.length);
  // Subset names as written in reports, by their file-name form.
  const subsetNames = new Map<string, string>();
  for (const r of reports) {
    for (const m of r.metrics) {
      for (const c of m.categories) {
        for (const s of c.subsets) subsetNames.set(`${r.dataset}_${safeName(s.name)}`, s.name);
      }
    }
  }
  const files = new Map<string, SubsetFiles>();
  for (const kind of ["predictions", "reviews"] as const) {
    const folder = join(dir, kind, model);
    for (const e of await fs.list(folder)) {
      if (!e.isFile || !e.name.endsWith(".jsonl")) continue;
      const stem = e.name.slice(0, -6);
      let entry = files.get(stem);
      if (!entry) {
        const bench = benchmarks.find((b) => stem.startsWith(`${b}_`));
        entry = {
          benchmark: bench ?? stem,
          subset: subsetNames.get(stem) ?? (bench ? stem.slice(bench.length + 1) : "default"),
          predictions: null,
          reviews: null,
        };
        files.set(stem, entry);
      }
      entry[kind] = join(folder, e.name);
    }
  }
  return [...files.values()].sort((a, b) =>
    a.benchmark === b.benchmark
      ? a.subset.localeCompare(b.subset)
      : a.benchmark.localeCompare(b.benchmark)
  );
}
