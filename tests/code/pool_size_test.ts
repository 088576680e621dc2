/**
 * How many programs an eval run scores at once: EvalScope's `sandbox.pool_size` when given, else
 * `eval_batch_size` but at most one per core.
 */
import assert from "node:assert/strict";
import type { ProgramRunner } from "../../lib/eval/define.ts";
import { evaluate, FIXTURES, startSim, withTempDir } from "../benchmarks/helpers.ts";
import { sandboxTest, testSandbox } from "./sandbox.ts";

const box = await testSandbox();

/** A runner in front of the sandbox that holds each program 150 ms and records the most at once. */
function counting(inner: ProgramRunner): ProgramRunner & { most: number } {
  let now = 0;
  const runner = {
    most: 0,
    async run(req: Parameters<ProgramRunner["run"]>[0]) {
      now++;
      runner.most = Math.max(runner.most, now);
      try {
        await new Promise((r) => setTimeout(r, 150));
        return await inner.run(req);
      } finally {
        now--;
      }
    },
  };
  return runner;
}

async function mostAtOnce(sandbox: ProgramRunner, extra: Record<string, unknown>): Promise<number> {
  const sim = await startSim({ answerKey: [] });
  try {
    return await withTempDir(async (dir) => {
      const runner = counting(sandbox);
      await evaluate({
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets: ["humaneval"],
        dataset_dir: FIXTURES,
        work_dir: dir,
        eval_batch_size: 4,
        ...extra,
      }, { sandbox: runner });
      return runner.most;
    });
  } finally {
    await sim.close();
  }
}

sandboxTest(
  box,
  "programs at once: sandbox.pool_size when given, else the batch size up to the cores",
  async (sandbox) => {
    const cores = navigator.hardwareConcurrency || 1;
    assert.equal(await mostAtOnce(sandbox, {}), Math.min(4, cores));
    assert.equal(await mostAtOnce(sandbox, { sandbox: { engine: "bwrap", pool_size: 1 } }), 1);
    assert.equal(await mostAtOnce(sandbox, { sandbox: { pool_size: 3 } }), 3);
  },
);
