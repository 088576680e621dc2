/**
 * `GET /metrics` in Prometheus' text format: jobs by status (from the store, so every replica
 * reports the same), the queue's depth, and the run time of the jobs this replica finished.
 *
 * @module
 */
import type { JobStatus } from "./job_record.ts";
import { STATUSES } from "./job_record.ts";

/** The metrics text. */
export function metricsText(
  counts: Readonly<Record<JobStatus, number>>,
  durations: readonly number[],
): string {
  const sum = durations.reduce((a, b) => a + b, 0);
  return [
    "# HELP lmeter_service_jobs Jobs in the store by status.",
    "# TYPE lmeter_service_jobs gauge",
    ...STATUSES.map((s) => `lmeter_service_jobs{status="${s}"} ${counts[s]}`),
    "# HELP lmeter_service_queue_depth Jobs waiting to run.",
    "# TYPE lmeter_service_queue_depth gauge",
    `lmeter_service_queue_depth ${counts.queued}`,
    "# HELP lmeter_service_job_duration_seconds Run time of the jobs this replica finished.",
    "# TYPE lmeter_service_job_duration_seconds summary",
    `lmeter_service_job_duration_seconds_sum ${sum}`,
    `lmeter_service_job_duration_seconds_count ${durations.length}`,
    "",
  ].join("\n");
}
