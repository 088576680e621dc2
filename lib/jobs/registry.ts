/**
 * Every job that can run in a scoped worker, by name (explicit list: the bundle must see it).
 * The content the engines run — benchmark definitions, perf datasets — is passed in by the
 * worker's entry (main.ts), so no engine imports a content folder.
 *
 * @module
 */
import type { BenchmarkDefinition } from "../eval/benchmark/benchmark.ts";
import type { PerfDataset } from "../load/dataset.ts";
import type { Job } from "../worker/job.ts";
import type { DataAccess } from "../eval/data/dataset_source.ts";

export type { Job, JobContext } from "../worker/job.ts";

/**
 * Loaders of the content registries the jobs run (benchmarks/mod.ts, perf/mod.ts): each is
 * loaded by the first job that needs it, so a perf worker never loads the benchmarks.
 */
export interface JobContent {
  benchmarks: () => Promise<readonly BenchmarkDefinition[]>;
  perfDatasets: () => Promise<Readonly<Record<string, PerfDataset>>>;
  /** The demo's built-in rows (benchmarks/demo): their virtual folder and their reader. */
  demoData: () => Promise<{ datasetDir: string; data: DataAccess }>;
}

/** The job table of lmeter's worker entry; each job's engine is loaded when it runs. */
export function jobTable(content: JobContent): Record<string, Job> {
  return {
    "demo-eval": async (input, ctx) => {
      const { demoEvalJob } = await import("./demo_eval.ts");
      const demo = { registry: await content.benchmarks(), ...await content.demoData() };
      return demoEvalJob(input, { ...ctx, demo });
    },
    eval: async (input, ctx) => {
      const [{ evalJob }, { renderEvalReportHtml }] = await Promise.all([
        import("../eval/eval_job.ts"),
        import("../report/html/mod.ts"),
      ]);
      const benchmarks = await content.benchmarks();
      return evalJob(input, { ...ctx, benchmarks, renderHtml: renderEvalReportHtml });
    },
    perf: async (input, ctx) => {
      const { perfJob } = await import("./perf_job.ts");
      return perfJob(input, { ...ctx, datasets: await content.perfDatasets() });
    },
    thinkbench: async (input, ctx) => {
      const { thinkbenchJob } = await import("../eval/thinkbench/thinkbench_job.ts");
      return thinkbenchJob(input, ctx);
    },
    "perf-requests": async (input, ctx) => {
      const { requestStreamJob } = await import("../load/request_stream.ts");
      return requestStreamJob(input, { ...ctx, datasets: await content.perfDatasets() });
    },
    "perf-server-metrics": async (input, ctx) => {
      const { serverMetricsJob } = await import("../load/server_metrics.ts");
      return serverMetricsJob(input, ctx);
    },
  };
}
