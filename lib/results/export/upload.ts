/**
 * `--upload`: runs the tracker's own command on the offline exports once the run is over
 * (`wandb sync …`, `swanlab convert …`; {@linkcode uploadCommand}). lmeter sends nothing to a
 * tracker itself; the tracker's command does, with the user's login. When the command is not
 * installed, the error says how to install it and what to run later.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import { type Tracker, TRACKER_LABEL, uploadCommand } from "./trackers.ts";

/** Options of {@linkcode runTrackerUpload}. */
export interface UploadOptions {
  /** Extra environment for the command (added to lmeter's). */
  env?: Record<string, string>;
}

const INSTALL: Record<Tracker, string> = {
  wandb: "pip install wandb && wandb login",
  swanlab: "pip install swanlab && swanlab login",
  clearml: "pip install clearml && clearml-init",
};

/** Runs the upload command of `tracker` on `exportDir`; returns its argv once it succeeded. */
export async function runTrackerUpload(
  tracker: Tracker,
  exportDir: string,
  options: UploadOptions = {},
): Promise<string[]> {
  const argv = uploadCommand(tracker, exportDir);
  const label = TRACKER_LABEL[tracker];
  if (!argv) {
    throw new UserError(
      `Cannot upload to ${label}: it has no command that reads lmeter's files`,
      `Report the lines of metrics.jsonl in ${exportDir} with ClearML's Logger.report_scalar (docs/perf-metrics.md).`,
    );
  }
  const shown = argv.map(shellWord).join(" ");
  let status: Deno.CommandStatus;
  try {
    status = await new Deno.Command(argv[0], {
      args: argv.slice(1),
      env: options.env,
      stdin: "null",
      stdout: "inherit",
      stderr: "inherit",
    }).spawn().status;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new UserError(
        `Cannot upload to ${label}: the ${argv[0]} command is not installed (not found on PATH)`,
        `Install it (${INSTALL[tracker]}), then upload the saved files with: ${shown}`,
      );
    }
    throw e;
  }
  if (!status.success) {
    throw new UserError(
      `Cannot upload to ${label}: ${argv[0]} exited with code ${status.code}`,
      `The files are saved; run it again when the problem above is fixed: ${shown}`,
    );
  }
  return argv;
}

/** A word as a POSIX shell reads it back (quoted unless plain). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
