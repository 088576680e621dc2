/**
 * What the service adds to a job: N queued 1-sample eval jobs (general_qa, a one-line local
 * file) through `lmeter service` in this process against the zero-latency simulator, at
 * --max-jobs 1. The service's overhead is the wall time from the first submit to the last job's
 * end, minus the time the jobs themselves took (each job's prepare — the resolution `lmeter eval`
 * does too — and its scoped worker run, timed around the calls), per job: the queue, the store's
 * compare-and-swaps, the scheduler and the HTTP submits. Also printed: how long a submit takes
 * (POST → 202), median and p99, and for scale the same job run directly (prepareEval +
 * runScoped, as `lmeter eval` does) M times (after one run that is not counted).
 * Target (issue 16): overhead under 50 ms per job.
 *
 * Usage: deno run -A bench/service.ts [--jobs 200] [--direct 5]
 *
 * @module
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { evalCommand, prepareEval } from "../lib/cli/eval.ts";
import { perfCommand } from "../lib/cli/perf.ts";
import { serviceKinds } from "../lib/cli/service_kinds.ts";
import { optionDefaults, parseOptions } from "../lib/config/schema.ts";
import { runScoped } from "../lib/jobs/run_scoped.ts";
import { SERVICE_OPTIONS, type ServiceValues } from "../lib/service/options.ts";
import { startService } from "../lib/service/serve.ts";
import { startSimulator } from "../lib/sim/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { jobs: { type: "string" }, direct: { type: "string" } },
});
const JOBS = Math.max(1, Number(values.jobs ?? 200));
const DIRECT = Math.max(1, Number(values.direct ?? 5));

function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

function quantile(xs: number[], q: number): number {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(q * v.length))];
}

const root = await Deno.makeTempDir({ prefix: "lmeter-bench-service-" });
const data = join(root, "data");
await Deno.mkdir(data);
await Deno.writeTextFile(
  join(data, "default.jsonl"),
  JSON.stringify({ query: "Say hello.", response: "hello" }) + "\n",
);
const sim = await startSimulator({
  port: 0,
  ttftMs: 0,
  itlMs: 0,
  loremTokens: 4,
  models: ["bench"],
});
const apiUrl = new URL("/v1", sim.url).toString();
const config = (workDir?: string) => ({
  model: "bench",
  api_url: apiUrl,
  datasets: ["general_qa"],
  dataset_args: { general_qa: { dataset_id: data } },
  limit: 1,
  ...(workDir ? { work_dir: workDir, no_timestamp: true } : {}),
});
console.log(`load average before: ${loadAverage()}`);
try {
  // The job alone, as `lmeter eval` runs it (the first run warms the module cache, not counted).
  const direct: number[] = [];
  for (let i = -1; i < DIRECT; i++) {
    const started = performance.now();
    const options = parseOptions(evalCommand.spec, [], config(join(root, "direct", String(i))));
    const { input, scope } = await prepareEval(options, {
      signal: new AbortController().signal,
      output: "silent",
      columns: 100,
      log: () => {},
    });
    await runScoped("eval", input, { scope });
    if (i >= 0) direct.push(performance.now() - started);
  }
  const directMs = quantile(direct, 0.5);
  console.log(`direct: ${DIRECT} jobs, median ${directMs.toFixed(1)} ms per job`);

  // The same job N times through the service; the time inside each job is summed.
  let jobMs = 0;
  const kinds = serviceKinds(() => {});
  const timedPrepare: typeof kinds.eval.prepare = async (config, ctx) => {
    const t = performance.now();
    try {
      return await kinds.eval.prepare(config, ctx);
    } finally {
      jobMs += performance.now() - t;
    }
  };
  const service = await startService({
    values: {
      ...optionDefaults(SERVICE_OPTIONS),
      port: 0,
      outputs: join(root, "service"),
      max_jobs: 1,
    } as ServiceValues,
    kinds: { ...kinds, eval: { ...kinds.eval, prepare: timedPrepare } },
    kindOptions: { eval: evalCommand.spec.options, perf: perfCommand.spec.options },
    benchmarks: () => [],
    log: () => {},
    run: async (job, input, options) => {
      const t = performance.now();
      try {
        return await runScoped(job, input, options);
      } finally {
        jobMs += performance.now() - t;
      }
    },
  });
  try {
    const submits: number[] = [];
    const started = performance.now();
    for (let i = 0; i < JOBS; i++) {
      const t = performance.now();
      const res = await fetch(`${service.url}/api/v1/jobs`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": `job-${i}` },
        body: JSON.stringify({ kind: "eval", config: config() }),
      });
      await res.body?.cancel();
      if (res.status !== 202) throw new Error(`submit ${i}: HTTP ${res.status}`);
      submits.push(performance.now() - t);
    }
    const last = await service.engine.waitTerminal(`job-${JOBS - 1}`);
    const wall = performance.now() - started;
    const counts = await service.engine.counts();
    if (last?.status !== "succeeded" || counts.succeeded !== JOBS) {
      throw new Error(`not every job succeeded: ${JSON.stringify(counts)}`);
    }
    const perJob = wall / JOBS;
    console.log(
      `service: ${JOBS} jobs in ${(wall / 1000).toFixed(1)} s, ${perJob.toFixed(1)} ms per job, ` +
        `${(jobMs / JOBS).toFixed(1)} ms of it inside the job (submit median ${
          quantile(submits, 0.5).toFixed(1)
        } ms, p99 ${quantile(submits, 0.99).toFixed(1)} ms)`,
    );
    console.log(
      `service overhead per job: ${((wall - jobMs) / JOBS).toFixed(1)} ms (target < 50 ms)`,
    );
  } finally {
    await service.shutdown();
  }
} finally {
  await sim.close();
  console.log(`load average after: ${loadAverage()}`);
  await Deno.remove(root, { recursive: true });
}
