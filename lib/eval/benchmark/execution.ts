/**
 * The engine's contract for running code: what a scorer may ask the sandbox to run (a Python
 * program, its stdin, a time limit) and what it gets back. The engine opens the sandbox from the
 * run's configuration and hands it to the scorers of benchmarks that set `runsCode`; a
 * benchmark never opens one itself. An open `lib/sandbox` sandbox fits this shape as it is.
 *
 * @module
 */
import { concurrencyLimit } from "../../util/limit.ts";

/** How a program ended: `ok` exit 0, `error` another exit code, then the limits it hit. */
export type ProgramStatus = "ok" | "error" | "timeout" | "oom" | "killed";

/** One program to run in the sandbox. */
export interface ProgramRequest {
  /** Python source, run as the main module. */
  source: string;
  /** Standard input (empty when absent). */
  stdin?: string;
  /** Wall-clock limit, milliseconds; the program and everything it started are killed after it. */
  timeoutMs: number;
  /** Address-space limit, bytes (the sandbox's default when absent). */
  memoryBytes?: number;
}

/** What one run gave. Output is capped by the sandbox. */
export interface ProgramResult {
  status: ProgramStatus;
  /** Exit code, or null when the program was killed on timeout. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from start to exit, milliseconds. */
  wallMs: number;
}

/** Runs programs, each in a fresh sandbox. Never throws for what a program does. */
export interface ProgramRunner {
  run(request: ProgramRequest): Promise<ProgramResult>;
}

/** The tail of a program's stderr kept in review records (the last `max` characters). */
export function stderrTail(stderr: string, max = 2000): string {
  return stderr.length > max ? `…${stderr.slice(stderr.length - max)}` : stderr;
}

/**
 * A runner that lets at most `concurrency` programs run at once through `runner`; the others
 * wait their turn in call order.
 */
export function limitRunner(runner: ProgramRunner, concurrency: number): ProgramRunner {
  const limited = concurrencyLimit(concurrency);
  return { run: (request) => limited(() => runner.run(request)) };
}
