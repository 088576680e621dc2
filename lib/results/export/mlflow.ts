/**
 * MLflow's offline file store, written directly (no MLflow needed): `mlflow ui
 * --backend-store-uri <dir>/mlruns` shows the runs, and MLflow's export/import tools carry them
 * into a tracking server.
 *
 * ```
 * mlruns/
 *   0/meta.yaml                       MLflow's Default experiment (what MLflow writes on a new store)
 *   .trash/
 *   <experiment id>/meta.yaml         the experiment (id: digits from the sha256 of its name,
 *                                     so runs of many invocations merge into one experiment)
 *   <experiment id>/<run id>/
 *     meta.yaml                       run info: name, times (ms), status 3 = FINISHED
 *     metrics/<key>                   one "<timestamp ms> <value> <step>" line per point
 *     params/<key>                    the value (no newline)
 *     tags/<key>                      the value (no newline)
 *     artifacts/
 * ```
 *
 * A key with `/` (e.g. `final/rps`) is a subfolder, as MLflow stores it.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { sha256Hex } from "../../util/hash.ts";
import type { Scalar } from "./tfevents.ts";

/** One run of the store. */
export interface MlflowRun {
  name: string;
  /** Start and end (ms since the epoch). */
  startMs: number;
  endMs: number;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** Points (wall time in seconds, as TensorBoard's). */
  metrics: readonly Scalar[];
}

/** MLflow's `RunStatus.FINISHED` and `SourceType.LOCAL`. */
const FINISHED = 3;
const LOCAL = 4;

/** The experiment id MLflow would show for `name` here: 15 decimal digits of its sha256. */
export function experimentId(name: string): string {
  return String(parseInt(sha256Hex(`mlflow-experiment:${name}`).slice(0, 12), 16));
}

/** Writes `runs` under `<root>` (the `mlruns` folder, created) in `experiment`; returns the run folders. */
export async function writeMlflowStore(
  root: string,
  options: { experiment: string; runs: readonly MlflowRun[]; user: string },
): Promise<string[]> {
  const store = resolve(root);
  const uri = (...parts: string[]) => pathToFileURL(join(store, ...parts)).href;
  const created = Math.min(...options.runs.map((r) => r.startMs), Date.now());
  const experiment = async (id: string, name: string) => {
    await Deno.mkdir(join(store, id), { recursive: true });
    await Deno.writeTextFile(
      join(store, id, "meta.yaml"),
      yaml({
        artifact_location: uri(id),
        creation_time: created,
        experiment_id: id,
        last_update_time: created,
        lifecycle_stage: "active",
        name,
      }),
    );
  };
  await Deno.mkdir(join(store, ".trash"), { recursive: true });
  await experiment("0", "Default");
  const exp = experimentId(options.experiment);
  await experiment(exp, options.experiment);
  const dirs: string[] = [];
  for (const run of options.runs) {
    const id = sha256Hex(`mlflow-run:${options.experiment}:${run.name}:${run.startMs}`).slice(
      0,
      32,
    );
    const dir = join(store, exp, id);
    await Deno.mkdir(join(dir, "artifacts"), { recursive: true });
    await Deno.writeTextFile(
      join(dir, "meta.yaml"),
      yaml({
        artifact_uri: uri(exp, id, "artifacts"),
        end_time: run.endMs,
        entry_point_name: "",
        experiment_id: exp,
        lifecycle_stage: "active",
        run_id: id,
        run_name: run.name,
        run_uuid: id,
        source_name: "",
        source_type: LOCAL,
        source_version: "",
        start_time: run.startMs,
        status: FINISHED,
        tags: [],
        user_id: options.user,
      }),
    );
    const lines = new Map<string, string[]>();
    for (const s of run.metrics) {
      const list = lines.get(s.tag) ?? [];
      list.push(`${Math.round(s.wallTime * 1000)} ${s.value} ${s.step}`);
      lines.set(s.tag, list);
    }
    for (const [key, list] of lines) {
      await writeKey(join(dir, "metrics"), key, `${list.join("\n")}\n`);
    }
    for (const [key, value] of Object.entries(run.params)) {
      await writeKey(join(dir, "params"), key, value);
    }
    const tags = {
      "mlflow.runName": run.name,
      "mlflow.source.type": "LOCAL",
      "mlflow.user": options.user,
      ...run.tags,
    };
    for (const [key, value] of Object.entries(tags)) await writeKey(join(dir, "tags"), key, value);
    dirs.push(dir);
  }
  return dirs;
}

/** MLflow's rule for key names: letters, digits, `_ - . / ` and space; no `..`, no leading `/`. */
const KEY = /^(?!\/)(?!.*\.\.)[\w\-. /]+$/;

async function writeKey(folder: string, key: string, text: string): Promise<void> {
  if (!KEY.test(key)) throw new Error(`Cannot write the MLflow key ${JSON.stringify(key)}`);
  const path = join(folder, ...key.split("/"));
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, text);
}

/** A flat mapping as PyYAML's safe_dump writes it (keys sorted; strings quoted when needed). */
function yaml(doc: Record<string, string | number | never[]>): string {
  return Object.keys(doc).sort().map((k) => {
    const v = doc[k];
    if (Array.isArray(v)) return `${k}: []`;
    if (typeof v === "number") return `${k}: ${v}`;
    return `${k}: ${yamlString(v)}`;
  }).join("\n") + "\n";
}

function yamlString(v: string): string {
  // Plain only when YAML would read it back as this same string.
  const plain = /^[A-Za-z_][\w.\-/:]*$/.test(v) &&
    !/^(true|false|yes|no|on|off|null|~)$/i.test(v);
  return plain ? v : `'${v.replaceAll("'", "''")}'`;
}
