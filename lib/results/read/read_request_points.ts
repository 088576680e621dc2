/**
 * Reads the per-request points of a perf run from `benchmark_data.db` (table `result`, EvalScope's
 * columns) for the latency-over-time scatter. Opens the database read-only.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import type { RequestPoints } from "./types.ts";
import { round } from "../../metrics/round.ts";

/** Options of {@linkcode readRequestPoints}. */
export interface RequestPointsOptions {
  /** At most this many successful requests are returned, evenly thinned. Default 4000. */
  maxPoints?: number;
}

const num = (v: unknown): number | null => typeof v === "number" && Number.isFinite(v) ? v : null;

/**
 * Successful requests' start time (since the run's first request), latency and TTFT in seconds,
 * plus total and failed counts. Returns null when the file is not a perf database.
 */
export function readRequestPoints(
  dbPath: string,
  options: RequestPointsOptions = {},
): RequestPoints | null {
  const maxPoints = Math.max(1, options.maxPoints ?? 4000);
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(dbPath, { readOnly: true });
  } catch {
    return null;
  }
  try {
    const cols = new Set(
      (db.prepare("PRAGMA table_info(result)").all() as { name: string }[]).map((c) => c.name),
    );
    if (!cols.has("start_time") || !cols.has("latency") || !cols.has("success")) return null;
    const counts = db.prepare(
      "SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN success = 1 THEN 1 ELSE 0 END), 0) AS ok, MIN(start_time) AS t0 FROM result",
    ).get() as { n: number; ok: number; t0: number | null };
    const ttftCol = cols.has("first_chunk_latency") ? "first_chunk_latency" : "NULL";
    const rows = db.prepare(
      `SELECT start_time AS t, latency AS l, ${ttftCol} AS f FROM result WHERE success = 1 ORDER BY start_time`,
    ).all() as { t: unknown; l: unknown; f: unknown }[];
    const step = Math.max(1, Math.ceil(rows.length / maxPoints));
    const t0 = num(counts.t0) ?? 0;
    const out: RequestPoints = {
      total: Number(counts.n),
      failed: Number(counts.n) - Number(counts.ok),
      succeeded: Number(counts.ok),
      t: [],
      latency: [],
      ttft: [],
    };
    for (let i = 0; i < rows.length; i += step) {
      const t = num(rows[i].t);
      const l = num(rows[i].l);
      if (t === null || l === null) continue;
      out.t.push(round(t - t0, 5));
      out.latency.push(round(l, 5));
      const f = num(rows[i].f);
      out.ttft.push(f === null ? null : round(f, 5));
    }
    return out;
  } catch {
    return null;
  } finally {
    db.close();
  }
}
