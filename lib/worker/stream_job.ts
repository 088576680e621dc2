/**
 * Starting a helper thread whose job streams messages back (the perf engine's request generator
 * and its server-metrics scraper): the Worker, the `run` message once it listens, and the wait for
 * the job's own `{op: "ready"}`.
 *
 * @module
 */
import { workerEntry } from "./entry.ts";
import { errorFromWire, type FromWorker, type ToWorker } from "./protocol.ts";

/** Options of {@linkcode startStreamingJob}. */
export interface StreamingJobOptions {
  /** The thread's name (shown by debuggers and in crash reports). */
  name: string;
  /** The job to run (a name of the job table). */
  job: string;
  input: unknown;
  /** What crashed, for the error of a thread that dies ("the request generator"). */
  what: string;
  /** Every streamed message after the job's `{op: "ready"}`. */
  onData(data: unknown): void;
  /** The job failed or the thread crashed; the start rejects with the same error if still waiting. */
  onFail(error: Error): void;
}

/**
 * Starts the Worker and resolves with it once the job has streamed `{op: "ready"}`. A start that
 * fails terminates the thread and rejects.
 */
export async function startStreamingJob(options: StreamingJobOptions): Promise<Worker> {
  const worker = new Worker(workerEntry(), { type: "module", name: options.name });
  await new Promise<void>((resolve, reject) => {
    const fail = (e: Error) => {
      options.onFail(e);
      reject(e);
    };
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type === "ready") {
        worker.postMessage(
          { type: "run", job: options.job, input: options.input } satisfies ToWorker,
        );
      } else if (msg.type === "stream") {
        const data = msg.data as { op?: unknown };
        if (data?.op === "ready") resolve();
        else options.onData(data);
      } else if (msg.type === "error") {
        fail(errorFromWire(msg.error));
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      fail(new Error(`${options.what} crashed: ${e.message}`));
    };
  }).catch((e) => {
    worker.terminate();
    throw e;
  });
  return worker;
}
