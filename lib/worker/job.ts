/**
 * The shape of a job: what runs inside a worker. Engines write their jobs to this contract;
 * lib/jobs keeps the table of jobs by name and runs them in scoped workers.
 *
 * @module
 */

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
