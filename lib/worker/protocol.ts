/**
 * Messages between a thread and a job's worker, and how errors cross between them.
 *
 * @module
 */
import { UserError } from "../errors.ts";

/** Main → worker. */
export type ToWorker =
  | { type: "run"; job: string; input: unknown }
  | { type: "abort" }
  /** A message for a streaming job (see `JobContext.stream`). */
  | { type: "stream"; data: unknown };

/** A serialisable error. */
export interface WireError {
  name: string;
  message: string;
  hint?: string;
  exitCode?: number;
  stack?: string;
}

/** Worker → main. `ready` comes first, once the worker listens: only then is `run` sent. */
export type FromWorker =
  | { type: "ready" }
  /** A message from a streaming job, before it is done. */
  | { type: "stream"; data: unknown }
  | { type: "done"; output: unknown }
  | { type: "error"; error: WireError };

/** An error as it crosses to another thread (a `UserError` keeps its hint and exit code). */
export function errorToWire(err: unknown): WireError {
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    name: e.name,
    message: e.message,
    hint: e instanceof UserError ? e.hint : undefined,
    exitCode: e instanceof UserError ? e.exitCode : undefined,
    stack: e.stack,
  };
}

/** The error a worker reported, rebuilt on this side (a `UserError` keeps its hint and code). */
export function errorFromWire(error: WireError): Error {
  return error.hint !== undefined || error.exitCode !== undefined
    ? new UserError(error.message, error.hint, { exitCode: error.exitCode })
    : Object.assign(new Error(error.message), { name: error.name, stack: error.stack });
}
