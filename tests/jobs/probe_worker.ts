/**
 * A worker entry that serves the test jobs (runScoped's `entry` option): they stay out of the
 * production job table.
 *
 * @module
 */
import { startJobWorker } from "../../lib/jobs/worker_main.ts";
import { fileProbeJob } from "./file_probe.ts";
import { probeJob } from "./probe.ts";
import { sandboxProbeJob } from "./sandbox_probe.ts";

startJobWorker({
  probe: probeJob,
  files: fileProbeJob,
  sandbox: sandboxProbeJob,
  // A job that never finishes and ignores aborts (the grace period's test).
  hang: () => new Promise(() => {}),
});
