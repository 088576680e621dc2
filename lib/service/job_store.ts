/**
 * The service's durable job table in Deno KV: a local file by default, or a remote KV (denokv)
 * that several replicas share. Every change is a compare-and-swap on the record's versionstamp,
 * so two replicas (or two requests) never both move one job. No KV queues: they do not cross
 * the remote protocol; replicas poll the table and claim jobs with a lease instead.
 *
 * Keys: `["job", id]` → {@linkcode JobRecord}.
 *
 * @module
 */
import { dirname } from "node:path";
import type { JobRecord } from "./job_record.ts";

/** A change to one job: the new record, or null to leave it as it is. */
export type JobChange = (job: JobRecord) => JobRecord | null;

/** The job table. */
export class JobStore {
  readonly #kv: Deno.Kv;
  /** True when the store is a file of this machine (not a remote KV shared by replicas). */
  readonly local: boolean;

  private constructor(kv: Deno.Kv, local: boolean) {
    this.#kv = kv;
    this.local = local;
  }

  /** Opens the store at `path` (a file, created with its folder) or at an `http(s)://` KV. */
  static async open(path: string): Promise<JobStore> {
    const remote = /^https?:\/\//.test(path);
    if (!remote) await Deno.mkdir(dirname(path), { recursive: true });
    return new JobStore(await Deno.openKv(path), !remote);
  }

  /** The job `id`, or null. */
  async get(id: string): Promise<JobRecord | null> {
    return (await this.#kv.get<JobRecord>(["job", id])).value;
  }

  /** Adds `job` unless its id exists; returns the stored job and whether it is the new one. */
  async create(job: JobRecord): Promise<{ job: JobRecord; created: boolean }> {
    for (;;) {
      const entry = await this.#kv.get<JobRecord>(["job", job.id]);
      if (entry.value) return { job: entry.value, created: false };
      const ok = await this.#kv.atomic().check(entry).set(["job", job.id], job).commit();
      if (ok.ok) return { job, created: true };
    }
  }

  /**
   * Applies `change` to job `id` as one compare-and-swap, trying again when another writer came
   * first; returns the new record, or null when the job is gone or `change` declined.
   */
  async update(id: string, change: JobChange): Promise<JobRecord | null> {
    for (;;) {
      const entry = await this.#kv.get<JobRecord>(["job", id]);
      if (!entry.value) return null;
      const next = change(entry.value);
      if (!next) return null;
      const ok = await this.#kv.atomic().check(entry).set(["job", id], next).commit();
      if (ok.ok) return next;
    }
  }

  /** Deletes job `id` when `when` holds for it (checked in the same compare-and-swap). */
  async remove(id: string, when: (job: JobRecord) => boolean): Promise<boolean> {
    for (;;) {
      const entry = await this.#kv.get<JobRecord>(["job", id]);
      if (!entry.value || !when(entry.value)) return false;
      const ok = await this.#kv.atomic().check(entry).delete(["job", id]).commit();
      if (ok.ok) return true;
    }
  }

  /** Every job, oldest first (creation time, then id). */
  async list(): Promise<JobRecord[]> {
    const jobs: JobRecord[] = [];
    for await (const e of this.#kv.list<JobRecord>({ prefix: ["job"] })) jobs.push(e.value);
    return jobs.sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Closes the store. */
  close(): void {
    this.#kv.close();
  }
}
