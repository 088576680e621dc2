/**
 * `--visualizer wandb|swanlab|clearml`, offline first: what lmeter writes for each tracker and the
 * command that uploads it later (lmeter itself never reaches a tracker). The project is
 * EvalScope's, `perf_benchmark`.
 *
 * @module
 */
import { join } from "node:path";

/** A tracker `--visualizer` names. */
export type Tracker = "wandb" | "swanlab" | "clearml";

/** EvalScope's project name for perf runs. */
export const TRACKER_PROJECT = "perf_benchmark";

/** How each tracker is named in messages. */
export const TRACKER_LABEL: Record<Tracker, string> = {
  wandb: "W&B",
  swanlab: "SwanLab",
  clearml: "ClearML",
};

/**
 * The command that uploads the exports in `exportDir` to `tracker` (argv), or null when the
 * tracker has none that reads them (ClearML).
 */
export function uploadCommand(tracker: Tracker, exportDir: string): string[] | null {
  const events = join(exportDir, "tfevents");
  switch (tracker) {
    case "wandb":
      return ["wandb", "sync", "--sync-tensorboard", "-p", TRACKER_PROJECT, events];
    case "swanlab":
      return [
        "swanlab",
        "convert",
        "-t",
        "tensorboard",
        "--tb-logdir",
        events,
        "-p",
        TRACKER_PROJECT,
      ];
    case "clearml":
      return null;
  }
}

/** The lines that tell the user how to upload the exports in `exportDir` to `tracker`. */
export function uploadInstructions(tracker: Tracker, exportDir: string): string[] {
  const command = uploadCommand(tracker, exportDir);
  if (!command) {
    return [
      `--visualizer clearml: ${
        join(exportDir, "metrics.jsonl")
      } (nothing was uploaded): one line per run and step; report each metric with ClearML's Logger.report_scalar (docs/perf-metrics.md).`,
    ];
  }
  return [
    `--visualizer ${tracker}: TensorBoard events in ${
      join(exportDir, "tfevents")
    } (nothing was uploaded). Upload with:`,
    `  ${command.join(" ")}`,
  ];
}
