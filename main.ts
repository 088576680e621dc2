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
  const { startJobWorker } = await import("./lib/jobs/worker_main.ts");
  const { jobTable } = await import("./lib/jobs/registry.ts");
  const { BENCHMARKS } = await import("./benchmarks/mod.ts");
  const { PERF_DATASETS } = await import("./perf/mod.ts");
  const { DEMO_ROOT, demoDataAccess } = await import("./benchmarks/demo/mod.ts");
  startJobWorker(jobTable({
    benchmarks: BENCHMARKS,
    perfDatasets: PERF_DATASETS,
    demoData: { datasetDir: DEMO_ROOT, data: demoDataAccess() },
  }));
} else if (import.meta.main) {
  const { main } = await import("./lib/cli/main.ts");
  Deno.exit(await main(Deno.args));
}
