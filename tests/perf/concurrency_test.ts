import assert from "node:assert/strict";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { capture, configFrom, simEndpoints, withSimulator } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

async function runOnce(
  sim: { url: string },
  dir: string,
  load: { parallel: number; number: number },
) {
  const { parallel, number } = load;
  const out = capture();
  const config = await configFrom([
    "--model",
    "lmeter-sim",
    "--url",
    simEndpoints(sim).chat,
    "--parallel",
    String(parallel),
    "--number",
    String(number),
    "--max-tokens",
    "2",
    "--prompt",
    "hi",
    "--outputs-dir",
    dir,
  ]);
  const report = await runPerfWithOutput(config, { print: out.print });
  return { run: report.runs[0], text: out.text() };
}

Deno.test({
  ...opts,
  name: "perf: the achieved concurrency is printed beside the requested one",
  async fn() {
    // 8 slots, answers taking 300 ms: all 8 are in flight together.
    await withSimulator({ ttftMs: 300, itlMs: 0, seed: 5 }, async (sim, dir) => {
      const { run, text } = await runOnce(sim, dir, { parallel: 8, number: 16 });
      assert.equal(run.extras.concurrency?.max, 8);
      assert.match(text, /Concurrency: requested 8; achieved max 8, time-weighted mean [\d.]+/);
      assert.doesNotMatch(text, /was not reached/);
    });
  },
});

Deno.test({
  ...opts,
  name: "perf: a requested concurrency the run never reached is a warning, not 'No issues found'",
  async fn() {
    // Answers in about a millisecond: 1000 slots can never all be busy, as each request ends
    // long before the 1000th is sent (one send per turn of the event loop).
    await withSimulator({ ttftMs: 0, itlMs: 0, loremTokens: 1, seed: 6 }, async (sim, dir) => {
      const { run, text } = await runOnce(sim, dir, { parallel: 1000, number: 1000 });
      assert.ok(run.extras.concurrency!.max < 900, `max ${run.extras.concurrency!.max}`);
      assert.match(text, /! requested concurrency 1000 was not reached: at most \d+ requests/);
      assert.match(text, /parallel_1000_number_1000: requested concurrency 1000 was not reached/);
      assert.doesNotMatch(text, /No issues found/);
    });
  },
});

Deno.test("a sweep too light to load the client skips self-calibration and says why", async () => {
  const args = (parallel: string) => [
    "--model",
    "m",
    "--url",
    "http://127.0.0.1:1/v1/chat/completions",
    "--parallel",
    parallel,
    "--prompt",
    "hi",
  ];
  const light = await configFrom(args("1"), { fast: false });
  assert.equal(light.calibrate, false);
  assert.match(light.calibrationNote!, /highest concurrency, 1, is below 8/);
  const heavy = await configFrom(args("8"), { fast: false });
  assert.equal(heavy.calibrate, true);
  assert.equal(heavy.calibrationNote, undefined);
  const off = await configFrom([...args("1"), "--no-calibrate"], { fast: false });
  assert.equal(off.calibrationNote, undefined, "--no-calibrate needs no note");
});
