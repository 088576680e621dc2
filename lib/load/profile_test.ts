import assert from "node:assert/strict";
import type { PerfConfig } from "./config.ts";
import { type LoadLevel, sweepProfile } from "./profile.ts";
import type { PerfRunResult } from "../results/perf/schema.ts";

const config = {
  outputDir: "/out",
  datasetOffset: 5,
  runs: [
    { parallel: 1, number: 8, rate: -1, openLoop: false },
    { parallel: 4, number: 24, rate: -1, openLoop: false },
    { parallel: -1, number: 10, rate: 2.5, openLoop: true },
  ],
} as unknown as PerfConfig;

Deno.test("sweepProfile() yields the planned runs in order, each starting where the last one's prompts ended", async () => {
  const seen: LoadLevel[] = [];
  const outcome = await sweepProfile(config)((level) => {
    seen.push(level);
    return Promise.resolve({ run: {} as PerfRunResult });
  });
  assert.deepEqual(outcome, {});
  assert.deepEqual(
    seen.map((l) => [l.name, l.dir, l.index, l.offset, l.probe]),
    [
      ["parallel_1_number_8", "/out/parallel_1_number_8", 0, 5, false],
      ["parallel_4_number_24", "/out/parallel_4_number_24", 1, 13, false],
      ["rate_2.5_number_10", "/out/rate_2.5_number_10", 2, 37, false],
    ],
  );
});

Deno.test("sweepProfile() stops at the first level the runner did not start (interrupted)", async () => {
  const seen: string[] = [];
  await sweepProfile(config)((level) => {
    seen.push(level.name);
    return Promise.resolve(level.index === 0 ? { run: {} as PerfRunResult } : undefined);
  });
  assert.deepEqual(seen, ["parallel_1_number_8", "parallel_4_number_24"]);
});
