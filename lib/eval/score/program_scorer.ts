/**
 * Scoring by running code: a scorer that assembles a Python program from the extracted code and
 * the sample's tests, runs it in the run's sandbox, and passes when the program exits 0 within
 * the time limit (HumanEval, MBPP). The review record keeps the sandbox outcome and one result
 * per test, so reports can be rebuilt from the reviews without running anything again.
 *
 * @module
 */
import type { ScoreContext, Scorer } from "../benchmark/benchmark.ts";
import {
  type ProgramResult,
  type ProgramRunner,
  type ProgramStatus,
  stderrTail,
} from "../benchmark/execution.ts";
import type { Sample, Score } from "../benchmark/types.ts";

/** How one test ended. `not_run`: an earlier test failed, so it was not reached. */
export type TestStatus =
  | "passed"
  | "failed"
  | "timeout"
  | "runtime_error"
  | "compile_error"
  | "not_run";

/** One test's outcome as kept in a review record. */
export interface TestResult {
  index: number;
  status: TestStatus;
  /** A short reason (the exception, the first differing line). */
  detail?: string;
}

/** The review record of a program run: `metadata.execution` of the score. */
export interface ExecutionRecord {
  status: ProgramStatus;
  exit_code: number | null;
  wall_ms: number;
  /** Seconds the program was allowed. */
  timeout_s: number;
  stderr_tail: string;
  tests: TestResult[];
}

/** A program and the source lines that start each of its tests (for per-test results). */
export interface AssembledProgram {
  source: string;
  /** Number of tests; with markers, each test names itself on stderr as it starts. */
  tests: number;
  markers: boolean;
}

/** Matches the stderr line a program writes as test `i` starts (see {@linkcode markerStatement}). */
const MARKER = /^@@lmeter-test (\d+)@@$/gm;

/**
 * The Python statement that writes `@@lmeter-test <i>@@` on a line of its own to stderr as test
 * `i` starts, so a failure or a timeout is put on the right test.
 */
export function markerStatement(i: number): string {
  return `__import__("sys").stderr.write("\\n@@lmeter-test ${i}@@\\n")`;
}

/** The sandbox of a scorer that runs code; a clear error when the engine gave none. */
export function requireSandbox(ctx: ScoreContext, benchmark: string): ProgramRunner {
  if (!ctx.sandbox) {
    throw new Error(
      `Cannot score ${benchmark}: it runs model-written code and no sandbox was given`,
    );
  }
  return ctx.sandbox;
}

/** Per-test results of a program whose tests run in order and stop at the first failure. */
export function testsOf(program: AssembledProgram, result: ProgramResult): TestResult[] {
  if (result.status === "ok") {
    return Array.from({ length: program.tests }, (_, index) => ({ index, status: "passed" }));
  }
  const started = program.markers ? lastMarker(result.stderr) : -1;
  // Without a marker the program stopped before its first test (or has one test): test 0.
  const failing = Math.max(started, 0);
  const status: TestStatus = result.status === "timeout"
    ? "timeout"
    : started < 0 && /^\s*(SyntaxError|IndentationError|TabError)\b/m.test(result.stderr)
    ? "compile_error"
    : /^AssertionError\b/m.test(lastLines(result.stderr))
    ? "failed"
    : "runtime_error";
  return Array.from({ length: program.tests }, (_, index) => {
    if (index > failing) return { index, status: "not_run" as const };
    if (index < failing) return { index, status: "passed" as const };
    return { index, status, detail: lastLines(result.stderr).split("\n").pop() ?? "" };
  });
}

function lastMarker(stderr: string): number {
  let last = -1;
  for (const m of stderr.matchAll(MARKER)) last = Number(m[1]);
  return last;
}

function lastLines(stderr: string): string {
  const lines = stderr.replace(MARKER, "").split("\n").filter((l) => l.trim() !== "");
  return lines.slice(-3).join("\n");
}

/** Seconds a program may run when neither the benchmark nor the run sets a `review_timeout`. */
const DEFAULT_TIMEOUT = 10;

/** Options of {@linkcode programScorer}. */
export interface ProgramScorerOptions {
  /** Scorer id (part of the review fingerprint). */
  id: string;
  /** Benchmark name, for messages. */
  benchmark: string;
  /** The program for this response and sample. */
  assemble(code: string, sample: Sample): AssembledProgram;
}

/**
 * A scorer that runs the assembled program: `acc` 1 when it exits 0 in time. What the sandbox
 * said and the per-test results go to `metadata.execution`.
 */
export function programScorer(options: ProgramScorerOptions): Scorer {
  return {
    id: options.id,
    kind: "external",
    async score({ extracted, sample }, ctx): Promise<Score> {
      const sandbox = requireSandbox(ctx, options.benchmark);
      const timeout = ctx.reviewTimeout ?? DEFAULT_TIMEOUT;
      const program = options.assemble(extracted, sample);
      const result = await sandbox.run({ source: program.source, timeoutMs: timeout * 1000 });
      const execution: ExecutionRecord = {
        status: result.status,
        exit_code: result.exitCode,
        wall_ms: Math.round(result.wallMs),
        timeout_s: timeout,
        stderr_tail: stderrTail(result.stderr),
        tests: testsOf(program, result),
      };
      const passed = result.status === "ok";
      return {
        value: { acc: passed ? 1 : 0 },
        extracted,
        main: "acc",
        explanation: passed ? "passed" : `${result.status}: ${lastLines(result.stderr)}`,
        metadata: { execution },
      };
    },
  };
}
