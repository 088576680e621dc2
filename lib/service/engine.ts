/**
 * The service's job engine: one queue for every route family. It claims queued jobs from the
 * store in order (a compare-and-swap plus a lease), runs each in a scoped worker, and writes the
 * outcome back the same way.
 *
 * Fairness: at most `maxJobs` jobs run in this replica; a perf job runs alone on its target
 * `host:port` (no other perf or eval job there: their load would change the measurement);
 * otherwise first come, first served — a job that must wait for its target also holds back the
 * later jobs for that target, so none overtakes it.
 *
 * Restarts: a job left `running` by a service that is gone (its lease expired, or the store is
 * this machine's file and the service has just started) becomes `interrupted`; an eval job is
 * then queued again and resumes from its sample cache, a perf job fails.
 *
 * @module
 */
import { join } from "node:path";
import { Interrupted } from "../errors.ts";
import { hostPort, type JobScope } from "../jobs/scope.ts";
import { runScoped, type RunScopedOptions } from "../jobs/run_scoped.ts";
import { contentHash } from "../util/hash.ts";
import {
  isTerminal,
  type JobKind,
  type JobRecord,
  type JobStatus,
  type ResultCounts,
} from "./job_record.ts";
import type { JobStore } from "./job_store.ts";
import { joinSecrets, type Secret, splitSecrets } from "./secrets.ts";

/** What a kind's `prepare` hands the engine to run. */
export interface PreparedRun {
  /** The job's name in the worker's job table (`eval`, `perf`). */
  job: string;
  input: unknown;
  scope: JobScope;
  /** Stops what `prepare` started (a calibration simulator). */
  close?: () => Promise<void>;
}

/** How a job's output went. */
export interface RunSummary {
  counts: ResultCounts;
  /** Set when the job ran but failed (every request failed, a gate held). */
  error: string | null;
  /** The job stopped early and flushed what it had. */
  interrupted: boolean;
}

/** The files of a job, relative to its folder. */
export interface JobFiles {
  log: string;
  report: string;
  progress: string;
}

/** One kind of job: how its config is checked, prepared, run and read. */
export interface KindHandler {
  /** Checks a config before it is queued (throws a `UserError`); returns the URL it calls. */
  check(config: Record<string, unknown>): { url: string | null };
  /** Resolves the config into a run writing below `jobDir` (`resume`: after an interruption). */
  prepare(
    config: Record<string, unknown>,
    ctx: { jobDir: string; resume: boolean; signal: AbortSignal },
  ): Promise<PreparedRun>;
  summarize(output: unknown): RunSummary;
  files: JobFiles;
  /** An interrupted job is queued again (eval: the sample cache makes the rerun exact). */
  resumable: boolean;
}

/** The handlers by kind. */
export type JobKinds = Readonly<Record<JobKind, KindHandler>>;

/** Runs a job in a worker (default: {@linkcode runScoped}). */
export type RunJob = (job: string, input: unknown, options: RunScopedOptions) => Promise<unknown>;

/** Options of {@linkcode JobEngine}. */
export interface JobEngineOptions {
  store: JobStore;
  kinds: JobKinds;
  /** The outputs folder: job `id` writes below `<outputs>/<id>`. */
  outputs: string;
  /** Jobs this replica runs at once. */
  maxJobs: number;
  /** After a cancel, how long a job may flush before its worker is terminated (ms). */
  cancelGraceMs: number;
  /** Terminal jobs older than this many days leave the store (0: kept). */
  retentionDays: number;
  /** This replica's name in leases. Default: a random id. */
  owner?: string;
  /** How long a lease lasts without renewal (ms). Default 30 000; renewed every third of it. */
  leaseMs?: number;
  /** How often the engine looks at the store for work other replicas left (ms). Default 1000. */
  pollMs?: number;
  run?: RunJob;
  /** Where the engine's own lines go. Default stderr. */
  log?: (line: string) => void;
  /** Log the stack trace of a job that failed with an error. Default false. */
  debug?: boolean;
}

/** What {@linkcode JobEngine.submit} did. */
export type SubmitResult =
  | { outcome: "created" | "existing"; job: JobRecord }
  | { outcome: "conflict"; job: JobRecord };

/** The reason a perf job gives when its service stopped under it. */
export const PERF_INTERRUPTED =
  "interrupted; a partial load test is not the measurement you asked for";

/** The reason a job gives when its secrets were lost with the service's memory. */
export function missingSecrets(keys: readonly string[]): string {
  return `Cannot run the job after a restart: its secrets (${
    keys.join(", ")
  }) are kept in memory only and are gone; resubmit with api_key`;
}

type Settings = Required<JobEngineOptions>;

interface Active {
  controller: AbortController;
  timer: ReturnType<typeof setInterval>;
}

/** The job engine of one service replica. */
export class JobEngine {
  readonly #o: Settings;
  readonly #secrets = new Map<string, Secret[]>();
  readonly #active = new Map<string, Active>();
  readonly #changes = new EventTarget();
  #pumping = false;
  #again = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #lastRetention = 0;
  #stopped = false;
  readonly #running = new Set<Promise<void>>();
  /** Run durations (s) of the jobs this replica finished, for `/metrics`. */
  readonly durations: number[] = [];

  constructor(options: JobEngineOptions) {
    this.#o = {
      owner: crypto.randomUUID(),
      leaseMs: 30_000,
      pollMs: 1000,
      debug: false,
      run: runScoped,
      log: (line) => console.error(line),
      // An option given as undefined takes its default.
      ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    } as Settings;
  }

  /** The outputs folder. */
  get outputs(): string {
    return this.#o.outputs;
  }

  /** The store. */
  get store(): JobStore {
    return this.#o.store;
  }

  /** The handler of `kind`. */
  kind(kind: JobKind): KindHandler {
    return this.#o.kinds[kind];
  }

  /** The folder job `id` writes into. */
  jobDir(id: string): string {
    return join(this.#o.outputs, id);
  }

  /** Recovers the jobs a stopped service left running, then starts taking work. */
  async start(): Promise<void> {
    await this.#sweep({ all: this.#o.store.local });
    this.#timer = setInterval(() => void this.#tick(), this.#o.pollMs);
    await this.pump();
  }

  /**
   * Stops taking work; running jobs are asked to stop and flush (eval jobs are queued again for
   * the next start, perf jobs fail as interrupted).
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    for (const a of this.#active.values()) a.controller.abort(new Interrupted("shutdown"));
    await Promise.allSettled([...this.#running]);
  }

  /**
   * Queues a job. `id` is the caller's (Idempotency-Key or task id): the same id with the same
   * config gives the existing job, with another config a conflict.
   */
  async submit(
    kind: JobKind,
    submitted: Record<string, unknown>,
    options: { id?: string; resume?: boolean } = {},
  ): Promise<SubmitResult> {
    const { url } = this.#o.kinds[kind].check(submitted);
    const { config, secrets } = splitSecrets(submitted);
    const secretKeys = secrets.map((s) => s.path.join("."));
    const digest = contentHash({ kind, config, secretKeys });
    const now = Date.now();
    const id = options.id ?? `${kind}-${now.toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
    const fresh: JobRecord = {
      id,
      kind,
      status: "queued",
      config,
      secret_keys: secretKeys,
      digest,
      target: url ? hostPort(url) : null,
      seq: now,
      created_at: new Date(now).toISOString(),
      started_at: null,
      finished_at: null,
      // A job resumed from a folder it wrote before (EvalScope's resume) starts as a second attempt.
      attempt: options.resume ? 1 : 0,
      error: null,
      cancel_requested: false,
      result_counts: null,
      lease: null,
    };
    const { job, created } = await this.#o.store.create(fresh);
    if (!created && job.digest !== digest) return { outcome: "conflict", job };
    if (created) {
      if (secrets.length) this.#secrets.set(id, secrets);
      this.#changed(job);
      await this.pump();
      return { outcome: "created", job };
    }
    // Resumed: a job that stopped early runs again from its cache.
    if (options.resume && (job.status === "failed" || job.status === "canceled")) {
      if (secrets.length) this.#secrets.set(id, secrets);
      const requeued = await this.#update(
        id,
        (j) =>
          j.status === job.status
            ? { ...j, status: "queued", error: null, finished_at: null, cancel_requested: false }
            : null,
      );
      await this.pump();
      return { outcome: "existing", job: requeued ?? job };
    }
    // The same job again: one that failed for want of its secrets takes them and runs again.
    if (
      job.status === "failed" && job.error === missingSecrets(job.secret_keys) && secrets.length
    ) {
      this.#secrets.set(id, secrets);
      const requeued = await this.#update(
        id,
        (j) =>
          j.status === "failed" ? { ...j, status: "queued", error: null, finished_at: null } : null,
      );
      await this.pump();
      return { outcome: "existing", job: requeued ?? job };
    }
    return { outcome: "existing", job };
  }

  /**
   * Cancels job `id`: a queued job at once, a running one once it has flushed (or when the
   * grace period ends). Returns the job, or null when there is none.
   */
  async cancel(id: string): Promise<JobRecord | null> {
    const now = new Date().toISOString();
    const job = await this.#update(id, (j) => {
      if (isTerminal(j.status) || j.cancel_requested) return null;
      return j.status === "running"
        ? { ...j, cancel_requested: true }
        : { ...j, status: "canceled", cancel_requested: true, finished_at: now };
    });
    this.#active.get(id)?.controller.abort(new Interrupted("canceled"));
    if (job) this.#secrets.delete(id);
    return job ?? await this.#o.store.get(id);
  }

  /** Deletes a terminal job's record; `purge` also removes its folder. False when not terminal. */
  async remove(id: string, options: { purge?: boolean } = {}): Promise<boolean> {
    const removed = await this.#o.store.remove(id, (j) => isTerminal(j.status));
    if (removed && options.purge) {
      await Deno.remove(this.jobDir(id), { recursive: true }).catch(() => {});
    }
    if (removed) this.#changes.dispatchEvent(new CustomEvent("change", { detail: id }));
    return removed;
  }

  /** Calls `listener` with the id of every job this replica changes; returns the unsubscribe. */
  onChange(listener: (id: string) => void): () => void {
    const handler = (e: Event) => listener((e as CustomEvent<string>).detail);
    this.#changes.addEventListener("change", handler);
    return () => this.#changes.removeEventListener("change", handler);
  }

  /** Resolves with job `id` once it is terminal (null if it disappears or `signal` aborts). */
  waitTerminal(id: string, signal?: AbortSignal): Promise<JobRecord | null> {
    return new Promise((resolve) => {
      let done = false;
      const check = async () => {
        if (done) return;
        const job = await this.#o.store.get(id);
        if (!job || isTerminal(job.status) || signal?.aborted) finish(job);
      };
      const off = this.onChange((changed) => changed === id && void check());
      const poll = setInterval(() => void check(), this.#o.pollMs);
      const finish = (job: JobRecord | null) => {
        if (done) return;
        done = true;
        off();
        clearInterval(poll);
        signal?.removeEventListener("abort", onAbort);
        resolve(job && isTerminal(job.status) ? job : null);
      };
      const onAbort = () => finish(null);
      signal?.addEventListener("abort", onAbort, { once: true });
      void check();
    });
  }

  /** Starts the queued jobs that may run now. Calls made while it runs are folded into one. */
  async pump(): Promise<void> {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#again = false;
        if (!this.#stopped) await this.#dispatch();
      } while (this.#again);
    } finally {
      this.#pumping = false;
    }
  }

  async #dispatch(): Promise<void> {
    const jobs = await this.#o.store.list();
    const busy = new Map<string, { perf: boolean; count: number }>();
    const mark = (job: JobRecord) => {
      if (!job.target) return;
      const b = busy.get(job.target) ?? { perf: false, count: 0 };
      busy.set(job.target, { perf: b.perf || job.kind === "perf", count: b.count + 1 });
    };
    jobs.filter((j) => j.status === "running").forEach(mark);
    const held = new Set<string>();
    for (const job of jobs) {
      if (job.status !== "queued") continue;
      if (this.#active.size >= this.#o.maxJobs) break;
      const target = job.target;
      if (target) {
        const b = busy.get(target);
        const conflict = b !== undefined && (job.kind === "perf" ? b.count > 0 : b.perf);
        if (held.has(target) || conflict) {
          held.add(target);
          continue;
        }
      }
      const claimed = await this.#update(job.id, (j) =>
        j.status === "queued"
          ? {
            ...j,
            status: "running",
            started_at: new Date().toISOString(),
            attempt: j.attempt + 1,
            lease: { owner: this.#o.owner, expires: Date.now() + this.#o.leaseMs },
          }
          : null);
      if (!claimed) continue;
      mark(claimed);
      this.#launch(claimed);
    }
  }

  #launch(job: JobRecord): void {
    const controller = new AbortController();
    const timer = setInterval(
      () => this.#renew(job.id).catch((e) => this.#report(e)),
      this.#o.leaseMs / 3,
    );
    this.#active.set(job.id, { controller, timer });
    const running = this.#execute(job, controller).catch((e) => this.#report(e)).finally(() => {
      clearInterval(timer);
      this.#active.delete(job.id);
      this.#running.delete(running);
      this.pump().catch((e) => this.#report(e));
    });
    this.#running.add(running);
  }

  async #renew(id: string): Promise<void> {
    const job = await this.#update(
      id,
      (j) =>
        j.status === "running" && j.lease?.owner === this.#o.owner
          ? { ...j, lease: { owner: this.#o.owner, expires: Date.now() + this.#o.leaseMs } }
          : null,
    );
    // A cancel that another replica wrote reaches the job here.
    if (job?.cancel_requested) this.#active.get(id)?.controller.abort(new Interrupted("canceled"));
  }

  async #execute(job: JobRecord, controller: AbortController): Promise<void> {
    const handler = this.#o.kinds[job.kind];
    const signal = controller.signal;
    let outcome: Pick<JobRecord, "status" | "error" | "result_counts">;
    const secrets = this.#secrets.get(job.id);
    if (job.secret_keys.length > 0 && !secrets) {
      outcome = { status: "failed", error: missingSecrets(job.secret_keys), result_counts: null };
    } else {
      try {
        const prepared = await handler.prepare(joinSecrets(job.config, secrets ?? []), {
          jobDir: this.jobDir(job.id),
          resume: job.attempt > 1,
          signal,
        });
        let output: unknown;
        try {
          output = await this.#o.run(prepared.job, prepared.input, {
            scope: prepared.scope,
            signal,
            graceMs: this.#o.cancelGraceMs,
          });
        } finally {
          await prepared.close?.();
        }
        const summary = handler.summarize(output);
        outcome = signal.aborted || summary.interrupted
          ? { ...this.#stoppedEarly(job, signal), result_counts: summary.counts }
          : {
            status: summary.error ? "failed" : "succeeded",
            error: summary.error,
            result_counts: summary.counts,
          };
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (!signal.aborted) {
          this.#o.log(`lmeter service: job ${job.id} failed: ${message}`);
          if (this.#o.debug && e instanceof Error && e.stack) this.#o.log(e.stack);
        }
        const early = this.#stoppedEarly(job, signal);
        outcome = signal.aborted
          ? {
            ...early,
            error: early.status === "canceled" ? `canceled; ${message}` : early.error,
            result_counts: null,
          }
          : { status: "failed", error: message, result_counts: null };
      }
    }
    const finished = new Date();
    const next = await this.#update(
      job.id,
      (j) =>
        j.status === "running" && j.lease?.owner === this.#o.owner
          ? {
            ...j,
            ...outcome,
            finished_at: isTerminal(outcome.status) ? finished.toISOString() : null,
            lease: null,
          }
          : null,
    );
    if (next && isTerminal(next.status)) {
      this.#secrets.delete(job.id);
      if (next.started_at) {
        this.durations.push((finished.getTime() - Date.parse(next.started_at)) / 1000);
      }
    }
  }

  /** The status of a job that stopped early: canceled, or (service shutdown) interrupted. */
  #stoppedEarly(job: JobRecord, signal: AbortSignal): Pick<JobRecord, "status" | "error"> {
    const shutdown = signal.reason instanceof Interrupted && signal.reason.message === "shutdown";
    if (!shutdown) return { status: "canceled", error: "canceled" };
    const handler = this.#o.kinds[job.kind];
    return handler.resumable
      ? { status: "queued", error: "interrupted by a service shutdown; resumes on the next start" }
      : { status: "failed", error: PERF_INTERRUPTED };
  }

  async #tick(): Promise<void> {
    try {
      await this.#sweep({ all: false });
      await this.pump();
    } catch (e) {
      this.#report(e);
    }
  }

  #report(e: unknown): void {
    this.#o.log(`lmeter service: ${e instanceof Error ? e.message : String(e)}`);
  }

  /**
   * Moves the jobs left running by a replica that is gone to `interrupted`, then on: eval jobs
   * back to the queue, perf jobs to failed. `all`: every running job not run here (this machine's
   * store at start-up), else those whose lease expired. Also drops expired terminal jobs.
   */
  async #sweep(options: { all: boolean }): Promise<void> {
    const now = Date.now();
    for (const job of await this.#o.store.list()) {
      if (job.status === "running" && !this.#active.has(job.id)) {
        const gone = options.all || !job.lease || job.lease.expires < now;
        if (gone) await this.#recover(job.id);
      }
    }
    const days = this.#o.retentionDays;
    if (days > 0 && now - this.#lastRetention > 3_600_000) {
      this.#lastRetention = now;
      for (const job of await this.#o.store.list()) {
        const end = job.finished_at ? Date.parse(job.finished_at) : NaN;
        if (isTerminal(job.status) && now - end > days * 86_400_000) {
          await this.#o.store.remove(job.id, (j) => j.finished_at === job.finished_at);
        }
      }
    }
  }

  async #recover(id: string): Promise<void> {
    const interrupted = await this.#update(
      id,
      (j) =>
        j.status === "running"
          ? { ...j, status: "interrupted", lease: null, error: "interrupted: the service stopped" }
          : null,
    );
    if (!interrupted) return;
    const handler = this.#o.kinds[interrupted.kind];
    const next: Pick<JobRecord, "status" | "error"> = interrupted.cancel_requested
      ? { status: "canceled", error: "canceled" }
      : !handler.resumable
      ? { status: "failed", error: PERF_INTERRUPTED }
      : interrupted.secret_keys.length > 0 && !this.#secrets.has(id)
      ? { status: "failed", error: missingSecrets(interrupted.secret_keys) }
      : { status: "queued", error: null };
    const end = isTerminal(next.status) ? new Date().toISOString() : null;
    await this.#update(
      id,
      (j) => j.status === "interrupted" ? { ...j, ...next, finished_at: end } : null,
    );
    this.#o.log(`lmeter service: job ${id} was interrupted; now ${next.status}`);
  }

  async #update(
    id: string,
    change: (job: JobRecord) => JobRecord | null,
  ): Promise<JobRecord | null> {
    const job = await this.#o.store.update(id, change);
    if (job) this.#changed(job);
    return job;
  }

  #changed(job: JobRecord): void {
    this.#changes.dispatchEvent(new CustomEvent("change", { detail: job.id }));
  }

  /** Jobs by status, from the store (for `/metrics` and `/health`). */
  async counts(): Promise<Record<JobStatus, number>> {
    const counts: Record<JobStatus, number> = {
      queued: 0,
      running: 0,
      interrupted: 0,
      succeeded: 0,
      failed: 0,
      canceled: 0,
    };
    for (const job of await this.#o.store.list()) counts[job.status]++;
    return counts;
  }
}
