/**
 * Runs a job in a Web Worker whose Deno permissions are narrowed to the job's scope: network to
 * the hosts it targets, read to its inputs, write to its outputs, no environment, no
 * subprocesses but the programs the scope names (the code sandbox's launcher), no native code (environment variables stay readable: npm packages read them
 * at import time). A request to any other host fails inside the job with a permission error.
 *
 * @module
 */
import { Interrupted, UserError } from "../errors.ts";
import { workerEntry } from "../worker/entry.ts";
import { errorFromWire, type FromWorker, type ToWorker } from "../worker/protocol.ts";
import type { JobScope } from "./scope.ts";

/** Options of {@linkcode runScoped}. */
export interface RunScopedOptions {
  scope: JobScope;
  /** Aborting asks the job to stop and flush; it still resolves with the job's output. */
  signal?: AbortSignal;
  /**
   * The module the worker starts from; it serves its own job table (tests register their jobs
   * this way). Default: lmeter's entry (`main.ts` or the bundle), which serves the job table of lib/jobs/registry.ts.
   */
  entry?: string;
  /**
   * After an abort, how long the job may take to flush before its worker is terminated (the
   * promise then rejects with {@linkcode Interrupted}). Default: no limit.
   */
  graceMs?: number;
}

/** Runs job `job` with `input` in a scoped worker and returns its output. */
export function runScoped<T>(job: string, input: unknown, options: RunScopedOptions): Promise<T> {
  const { scope, signal, entry = workerEntry(), graceMs } = options;
  let worker: Worker;
  try {
    worker = new Worker(entry, {
      type: "module",
      name: `lmeter-${job}`,
      deno: {
        permissions: {
          net: scope.net.length > 0 ? scope.net : false,
          read: scope.read.length > 0 ? scope.read : false,
          write: scope.write.length > 0 ? scope.write : false,
          env: true,
          run: scope.run && scope.run.length > 0 ? scope.run : false,
          ffi: false,
          sys: true,
          import: false,
        },
      },
    } as WorkerOptions);
  } catch (e) {
    throw new UserError(
      `Cannot start the ${job} job with scoped permissions: ${(e as Error).message}`,
      "Run lmeter with --unstable-worker-options (deno task lmeter and the bundle command in the README do).",
      { exitCode: 1, cause: e },
    );
  }
  return new Promise<T>((resolve, reject) => {
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      worker.postMessage({ type: "abort" } satisfies ToWorker);
      if (graceMs === undefined || graceTimer !== undefined) return;
      graceTimer = setTimeout(() => {
        done();
        reject(new Interrupted(`the ${job} job was terminated after a ${graceMs} ms grace period`));
      }, graceMs);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      clearTimeout(graceTimer);
      signal?.removeEventListener("abort", onAbort);
      worker.terminate();
    };
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type === "stream") return; // jobs run here do not stream
      if (msg.type !== "ready") done();
      if (msg.type === "ready") {
        worker.postMessage({ type: "run", job, input } satisfies ToWorker);
        if (signal?.aborted) onAbort();
        return;
      }
      if (msg.type === "done") return resolve(msg.output as T);
      reject(errorFromWire(msg.error));
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      done();
      reject(new Error(`the ${job} job crashed: ${e.message}`));
    };
  });
}
