/**
 * `GET /api/v1/jobs/{id}/events`: a job followed live as server-sent events — `status` (the
 * job, whenever it changes), `progress` (progress.json, whenever it changes) and `log` (one
 * event per new log line). Every event's id is the number of log lines sent so far, so a client
 * that reconnects with `Last-Event-ID` gets the current status and progress again and the log
 * from where it stopped. The stream ends after the job's terminal status.
 *
 * @module
 */
import { BASE_HEADERS } from "../app/server/security.ts";
import type { JobEngine } from "./engine.ts";
import { jobFile, logPage, readProgress } from "./job_files.ts";
import { isTerminal, type JobRecord, jobView } from "./job_record.ts";

/** How often the stream looks at the job's files (ms). */
const TICK_MS = 250;

/** The event stream of `job`. */
export function jobEvents(
  engine: JobEngine,
  job: JobRecord,
  options: { lastEventId: string | null; signal: AbortSignal },
): Response {
  const id = job.id;
  const files = engine.kind(job.kind).files;
  const dir = engine.jobDir(id);
  const encoder = new TextEncoder();
  let lines = /^\d+$/.test(options.lastEventId ?? "") ? Number(options.lastEventId) : 0;
  let lastStatus = "";
  let lastProgress = "";
  let closed = false;
  let wake: () => void = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: string) =>
        controller.enqueue(encoder.encode(`id: ${lines}\nevent: ${event}\ndata: ${data}\n\n`));
      const off = engine.onChange((changed) => changed === id && wake());
      options.signal.addEventListener("abort", () => wake(), { once: true });
      try {
        while (!closed && !options.signal.aborted) {
          const current = await engine.store.get(id);
          const log = await logPage(await jobFile(dir, files.log), { start: lines, page: 10_000 });
          for (const line of log.text === "" ? [] : log.text.split("\n")) {
            lines++;
            send("log", JSON.stringify(line));
          }
          const progress = JSON.stringify(
            await readProgress(job.kind, await jobFile(dir, files.progress)),
          );
          if (progress !== "null" && progress !== lastProgress) {
            lastProgress = progress;
            send("progress", progress);
          }
          const status = current ? JSON.stringify(jobView(current, dir)) : "";
          if (status !== lastStatus) {
            lastStatus = status;
            send("status", status || JSON.stringify({ id, deleted: true }));
          }
          if (!current || isTerminal(current.status)) break;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, TICK_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      } finally {
        off();
        if (!closed) controller.close();
      }
    },
    cancel() {
      closed = true;
      wake();
    },
  });
  return new Response(stream, {
    headers: {
      ...BASE_HEADERS,
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
    },
  });
}
