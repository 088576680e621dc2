/**
 * lmeter's entry point. In the main thread it runs the CLI; inside a job's worker (which starts
 * from this same file, so the bundle needs no second file) it serves that job.
 *
 * @module
 */
const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !==
  "undefined";

if (inWorker) {
  // The content registries are passed down from here: no engine imports benchmarks/ or perf/.
  // Each is loaded only by the jobs that use it (a perf job never loads the benchmarks).
  const { startJobWorker } = await import("./lib/jobs/worker_main.ts");
  const { jobTable } = await import("./lib/jobs/registry.ts");
  startJobWorker(jobTable({
    benchmarks: async () => (await import("./benchmarks/mod.ts")).BENCHMARKS,
    perfDatasets: async () => (await import("./perf/mod.ts")).PERF_DATASETS,
    demoData: async () => {
      const { DEMO_ROOT, demoDataAccess } = await import("./benchmarks/demo/mod.ts");
      return { datasetDir: DEMO_ROOT, data: demoDataAccess() };
    },
  }));
} else if (import.meta.main) {
  const { main } = await import("./lib/cli/main.ts");
  Deno.exit(await main(Deno.args));
}
