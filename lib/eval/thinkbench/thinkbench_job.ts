/**
 * The `thinkbench` job: a reasoning-efficiency analysis inside a scoped worker (network to the
 * judge only, the run folder to read and write).
 *
 * @module
 */
import type { JobContext } from "../../worker/job.ts";
import type { ThinkbenchReport } from "../../results/eval/thinkbench_file.ts";
import { runThinkbench, type ThinkbenchTask } from "./run_thinkbench.ts";

/** Runs the analysis the main thread resolved. */
export async function thinkbenchJob(input: unknown, ctx: JobContext): Promise<ThinkbenchReport> {
  return await runThinkbench(input as ThinkbenchTask, { signal: ctx.signal });
}
