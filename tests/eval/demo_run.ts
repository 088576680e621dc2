/**
 * The demo's evaluation (gsm8k, arc, mmlu on the built-in rows) against the demo's simulator, in
 * this process, for tests that need a real run folder.
 *
 * @module
 */
import { DEMO_ROOT, demoDataAccess } from "../../benchmarks/demo/mod.ts";
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import { DEMO_SIMULATOR } from "../../lib/cli/demo.ts";
import type { RunResult } from "../../lib/eval/run/run_evaluation.ts";
import { runDemoEval } from "../../lib/jobs/demo_eval.ts";
import { startSimulator } from "../../lib/sim/mod.ts";

/** Runs the demo's evaluation with `dir` as its work_dir; returns the engine's result. */
export async function runDemoInto(dir: string): Promise<RunResult> {
  const sim = await startSimulator(DEMO_SIMULATOR);
  try {
    return await runDemoEval({
      apiUrl: `${sim.url}/v1`,
      workDir: dir,
      output: "silent",
      demo: { registry: BENCHMARKS, datasetDir: DEMO_ROOT, data: demoDataAccess() },
    });
  } finally {
    await sim.close();
  }
}
