/**
 * Reads a finished (or interrupted) evaluation run back from its folder: the reports of each
 * model, in run order, and the task config as written. What `lmeter report` re-renders from.
 *
 * @module
 */
import { COLLECTION_REPORT_FILE } from "./collection_file.ts";
import { basename, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { UserError } from "../../errors.ts";
import type { EvalReport } from "./report.ts";
import { readReport } from "./report_file.ts";
import { readThinkbenchReports, type ThinkbenchReport } from "./thinkbench_file.ts";

/** An evaluation run as its files describe it. */
export interface EvalRunFiles {
  /** The run folder. */
  root: string;
  /** Its name (the folder's), as the HTML page shows it. */
  runName: string;
  /** Reports per model folder of `reports/`, each in the order the run evaluated them. */
  models: { model: string; reports: EvalReport[] }[];
  /** `configs/task_config.yaml` as written, when there is one. */
  config?: string;
  /** Reasoning-efficiency analyses (`reports/<model>/thinkbench/*.json`), every model's. */
  thinkbench: ThinkbenchReport[];
}

/** True when `dir` is an evaluation run folder (it has `configs/task_config.yaml`). */
export async function isEvalRun(dir: string): Promise<boolean> {
  return await isFile(join(dir, "configs", "task_config.yaml"));
}

/** Reads the reports and the task config of run folder `dir`. */
export async function readEvalRun(dir: string): Promise<EvalRunFiles> {
  const config = await readText(join(dir, "configs", "task_config.yaml"));
  const order = datasetsOf(config);
  const reportsDir = join(dir, "reports");
  const models: EvalRunFiles["models"] = [];
  for (const model of await listDir(reportsDir, (e) => e.isDirectory)) {
    const files = await listDir(
      join(reportsDir, model),
      (e) => e.isFile && e.name.endsWith(".json") && e.name !== COLLECTION_REPORT_FILE,
    );
    const rank = (f: string) => {
      const i = order.indexOf(f.slice(0, -".json".length));
      return i < 0 ? order.length : i;
    };
    files.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    const reports: EvalReport[] = [];
    for (const f of files) reports.push(await readReport(join(reportsDir, model, f)));
    if (reports.length > 0) models.push({ model, reports });
  }
  if (models.length === 0) {
    throw new UserError(
      `Cannot read the evaluation run ${dir}: it has no reports/<model>/<benchmark>.json`,
      "A run writes its reports when a benchmark finishes; resume an interrupted one with lmeter eval --use-cache <dir>.",
    );
  }
  const thinkbench: ThinkbenchReport[] = [];
  for (const m of models) thinkbench.push(...await readThinkbenchReports(dir, m.model));
  return { root: dir, runName: basename(dir), models, config, thinkbench };
}

/** The `datasets` list of a task config (the run order), or none. */
function datasetsOf(config: string | undefined): string[] {
  if (config === undefined) return [];
  try {
    const doc = parseYaml(config) as { datasets?: unknown };
    return Array.isArray(doc?.datasets) ? doc.datasets.map(String) : [];
  } catch {
    return [];
  }
}

async function listDir(dir: string, keep: (e: Deno.DirEntry) => boolean): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) if (keep(e)) out.push(e.name);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out.sort();
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}
