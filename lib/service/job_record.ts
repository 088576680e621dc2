/**
 * A service job as the store keeps it: its kind, its config (secrets removed), its status and
 * times, and the lease of the replica that runs it. Plain JSON, so any replica can read it.
 *
 * @module
 */

/** What a job runs. */
export type JobKind = "eval" | "perf";

/**
 * Where a job is. `queued → running → succeeded | failed | canceled`; `interrupted` is the
 * passing state of a job whose service stopped while it ran (an eval job is queued again, a
 * perf job fails).
 */
export type JobStatus =
  | "queued"
  | "running"
  | "succeeded"
  | "failed"
  | "canceled"
  | "interrupted";

/** Statuses a job never leaves. */
export const TERMINAL: readonly JobStatus[] = ["succeeded", "failed", "canceled"];

/** Every status, in the order `/metrics` lists them. */
export const STATUSES: readonly JobStatus[] = [
  "queued",
  "running",
  "interrupted",
  "succeeded",
  "failed",
  "canceled",
];

/** True when a job in `status` will not change again. */
export function isTerminal(status: JobStatus): boolean {
  return TERMINAL.includes(status);
}

/**
 * How a finished job's items went: eval samples (`completed` = scored) or perf requests
 * (`completed` = succeeded).
 */
export interface ResultCounts {
  total: number;
  completed: number;
  errored: number;
}

/** The replica that runs a job, until `expires` (ms since the epoch) unless it renews. */
export interface Lease {
  owner: string;
  expires: number;
}

/** One job. */
export interface JobRecord {
  /** The task id: `^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`, also the name of its folder. */
  id: string;
  kind: JobKind;
  status: JobStatus;
  /** The config as submitted, with every secret value removed. */
  config: Record<string, unknown>;
  /** The names of the secrets that were removed (held in memory only). */
  secret_keys: string[];
  /** sha256 of the config (secrets included as their names only): the idempotency check. */
  digest: string;
  /** `host:port` the job sends requests to (null when it calls no server). */
  target: string | null;
  /** Creation time (ms since the epoch): the queue's order, with the id breaking ties. */
  seq: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** How many times the job has started (a resumed eval job starts again). */
  attempt: number;
  /** Why the job failed, was canceled or was interrupted. */
  error: string | null;
  /** A cancel was asked for (the job stops once it has flushed). */
  cancel_requested: boolean;
  result_counts: ResultCounts | null;
  lease: Lease | null;
}

/** Task ids: a plain folder name that cannot be `.`, `..` or hidden. */
export const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The public view of a job (what the routes return). */
export function jobView(job: JobRecord, outputDir: string): Record<string, unknown> {
  const { lease: _lease, digest: _digest, seq: _seq, ...rest } = job;
  return { object: "job", ...rest, output_dir: outputDir };
}
