/**
 * Every job that can run in a scoped worker, by name (explicit list: the bundle must see it).
 * The content the engines run — benchmark definitions, perf datasets — is passed in by the
 * worker's entry (main.ts), so no engine imports a content folder.
 *
 * @module
 */
import type { BenchmarkDefinition } from "../eval/benchmark/benchmark.ts";
import { evalJob } from "../eval/eval_job.ts";
import type { PerfDataset } from "../load/dataset.ts";
import { perfJob } from "./perf_job.ts";
import { requestStreamJob } from "../load/request_stream.ts";
import type { Job } from "../worker/job.ts";
import type { DataAccess } from "../eval/data/dataset_source.ts";
import { demoEvalJob } from "./demo_eval.ts";

export type { Job, JobContext } from "../worker/job.ts";

/** The content registries the jobs run (benchmarks/mod.ts, perf/mod.ts). */
export interface JobContent {
  benchmarks: readonly BenchmarkDefinition[];
  perfDatasets: Readonly<Record<string, PerfDataset>>;
  /** The demo's built-in rows (benchmarks/demo): their virtual folder and their reader. */
  demoData: { datasetDir: string; data: DataAccess };
}

/** The job table of lmeter's worker entry. */
export function jobTable(content: JobContent): Record<string, Job> {
  return {
    "demo-eval": (input, ctx) =>
      demoEvalJob(input, { ...ctx, demo: { registry: content.benchmarks, ...content.demoData } }),
    eval: evalJob,
    perf: (input, ctx) => perfJob(input, { ...ctx, datasets: content.perfDatasets }),
    "perf-requests": (input, ctx) =>
      requestStreamJob(input, { ...ctx, datasets: content.perfDatasets }),
  };
}
