/**
 * The files perf and eval exports share the shape of: `metrics.jsonl`, MLflow's `mlruns/` and
 * `metrics.prom`, each written when its format was asked for.
 *
 * @module
 */
import { join } from "node:path";
import type { ExportFormat } from "./formats.ts";
import { type MlflowRun, writeMlflowStore } from "./mlflow.ts";

/** What {@linkcode writeCommonExports} writes, already built by the caller. */
export interface CommonExports {
  to: string;
  formats: readonly ExportFormat[];
  /** The lines of `metrics.jsonl`. */
  jsonl: readonly string[];
  mlflow: { experiment: string; runs: readonly MlflowRun[] };
  /** The text of `metrics.prom` (built only when asked for). */
  prom: () => string;
}

/** Writes the asked-for files of `exports` into `exports.to`; returns what it wrote. */
export async function writeCommonExports(exports: CommonExports): Promise<string[]> {
  const written: string[] = [];
  if (exports.formats.includes("jsonl")) {
    const path = join(exports.to, "metrics.jsonl");
    await Deno.writeTextFile(path, exports.jsonl.length ? `${exports.jsonl.join("\n")}\n` : "");
    written.push(path);
  }
  if (exports.formats.includes("mlflow")) {
    const root = join(exports.to, "mlruns");
    await writeMlflowStore(root, { ...exports.mlflow, user: "lmeter" });
    written.push(root);
  }
  if (exports.formats.includes("prom")) {
    const path = join(exports.to, "metrics.prom");
    await Deno.writeTextFile(path, exports.prom());
    written.push(path);
  }
  return written;
}
