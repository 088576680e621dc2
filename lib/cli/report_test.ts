import assert from "node:assert/strict";
import { join } from "node:path";
import { runKind } from "./report.ts";

Deno.test("runKind tells an eval run, a perf run and a perf sweep folder apart", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lmeter-report-kind-" });
  try {
    const make = async (path: string) => {
      await Deno.mkdir(join(dir, path, ".."), { recursive: true });
      await Deno.writeTextFile(join(dir, path), "{}");
    };
    await make("eval/configs/task_config.yaml");
    await make("perf/benchmark_summary.json");
    await make("sweep/parallel_1_number_8/benchmark_summary.json");
    await Deno.mkdir(join(dir, "empty"));
    assert.equal(await runKind(join(dir, "eval")), "eval");
    assert.equal(await runKind(join(dir, "perf")), "perf");
    assert.equal(await runKind(join(dir, "sweep")), "perf");
    assert.equal(await runKind(join(dir, "empty")), null);
    assert.equal(await runKind(join(dir, "missing")), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
