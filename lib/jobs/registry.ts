/**
 * Every job that can run in a scoped worker, by name (explicit list: the bundle must see it).
 *
 * @module
 */
import { evalJob } from "../eval/eval_job.ts";
import { perfJob } from "../load/perf_job.ts";
import { requestStreamJob } from "../load/request_stream.ts";
import { demoEvalJob } from "./demo_eval.ts";
import { probeJob } from "./probe.ts";

/** What a job gets besides its input. */
export interface JobContext {
  signal: AbortSignal;
  /** Messages to and from the thread that started the job, while it runs (streaming jobs). */
  stream?: {
    post(data: unknown): void;
    onData(handler: (data: unknown) => void): void;
  };
}

/** A job: input in, output out; both must survive structured cloning. */
export type Job = (input: unknown, ctx: JobContext) => Promise<unknown>;

/** The job table. */
export const JOBS: Record<string, Job> = {
  probe: probeJob,
  "demo-eval": demoEvalJob,
  eval: evalJob,
  perf: perfJob,
  "perf-requests": requestStreamJob,
};
