/**
 * What `lmeter perf` does on the main thread once the job has written its exports: the upload
 * command of `--visualizer` (printed, and run with `--upload`), and the push of `metrics.prom`
 * to `--pushgateway`. Both happen outside the job's worker, whose network reaches the target
 * only.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { UserError } from "../errors.ts";
import type { PerfConfig } from "../load/config.ts";
import { pushToGateway } from "../results/export/pushgateway.ts";
import { uploadInstructions } from "../results/export/trackers.ts";
import { runTrackerUpload } from "../results/export/upload.ts";
import type { PerfReport } from "../results/perf/schema.ts";

/**
 * The Pushgateway instance of an invocation: `<name>_<timestamp>` from its output folder
 * `<outputs>/<timestamp>/<name>` (EvalScope's run name), or the folder name alone.
 */
export function pushgatewayInstance(outputDir: string): string {
  const stamp = basename(dirname(outputDir));
  return /^\d{8}_\d{6}$/.test(stamp) ? `${basename(outputDir)}_${stamp}` : basename(outputDir);
}

/**
 * Prints the upload command, runs it with `--upload`, pushes to `--pushgateway`. Returns false
 * when one of them failed (its error and hint are printed; the results stay saved).
 */
export async function publishPerfExports(
  config: PerfConfig,
  report: PerfReport,
): Promise<boolean> {
  const exportDir = join(report.outputDir, "export");
  if (config.visualizer) {
    console.log(`\n${uploadInstructions(config.visualizer, exportDir).join("\n")}`);
  }
  if (report.status === "incomplete") {
    if (config.upload || config.pushgateway) {
      console.error(
        "Interrupted: nothing uploaded or pushed (a partial run is not the measurement).",
      );
    }
    return true;
  }
  let ok = true;
  const attempt = async (step: () => Promise<void>) => {
    try {
      await step();
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      console.error(`error: ${e.message}`);
      if (e.hint) console.error(`hint: ${e.hint}`);
      ok = false;
    }
  };
  // Each on its own: a failed upload does not keep the metrics from the gateway.
  if (config.upload && config.visualizer) {
    const tracker = config.visualizer;
    await attempt(async () => {
      const argv = await runTrackerUpload(tracker, exportDir);
      console.log(`Uploaded with: ${argv.join(" ")}`);
    });
  }
  const gateway = config.pushgateway;
  if (gateway) {
    await attempt(async () => {
      const text = await Deno.readTextFile(join(exportDir, "metrics.prom"));
      const to = await pushToGateway(gateway, {
        text,
        instance: pushgatewayInstance(report.outputDir),
      });
      console.log(`Pushed metrics.prom to ${to}`);
    });
  }
  return ok;
}
