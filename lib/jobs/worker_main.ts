/**
 * The job side of a scoped worker: waits for one `run` message, runs the job, posts the result.
 *
 * @module
 */
import { Interrupted } from "../errors.ts";
import type { Job } from "../worker/job.ts";
import { errorToWire, type FromWorker, type ToWorker } from "../worker/protocol.ts";

/** True inside a Web Worker. */
export function isWorkerContext(): boolean {
  return typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined";
}

/** Installs the message handler of a job worker that serves the jobs of `jobs` by name. */
export function startJobWorker(jobs: Readonly<Record<string, Job>>): void {
  const scope = globalThis as unknown as {
    onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
    postMessage(m: FromWorker): void;
  };
  const controller = new AbortController();
  let onData: ((data: unknown) => void) | undefined;
  const stream = {
    post: (data: unknown) => scope.postMessage({ type: "stream", data }),
    onData: (handler: (data: unknown) => void) => (onData = handler),
  };
  scope.onmessage = async (e) => {
    const msg = e.data;
    if (msg.type === "abort") {
      controller.abort(new Interrupted());
      return;
    }
    if (msg.type === "stream") {
      onData?.(msg.data);
      return;
    }
    const job = Object.hasOwn(jobs, msg.job) ? jobs[msg.job] : undefined;
    if (!job) {
      scope.postMessage({
        type: "error",
        error: { name: "Error", message: `unknown job "${msg.job}"` },
      });
      return;
    }
    try {
      const output = await job(msg.input, { signal: controller.signal, stream });
      scope.postMessage({ type: "done", output });
    } catch (err) {
      scope.postMessage({ type: "error", error: errorToWire(err) });
    }
  };
  // Messages sent before a listener exists are lost: say when the listener is in place.
  scope.postMessage({ type: "ready" });
}
