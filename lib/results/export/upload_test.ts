import assert from "node:assert/strict";
import { join } from "node:path";
import { UserError } from "../../errors.ts";
import { runTrackerUpload } from "./upload.ts";

/** A folder on PATH with a fake `name` command that writes its argv, one per line, to `log`. */
async function fakeCli(
  name: string,
  exitCode = 0,
): Promise<{ env: Record<string, string>; log: string; dir: string }> {
  const dir = await Deno.makeTempDir({ prefix: "lmeter-fake-cli-" });
  const log = join(dir, "argv.txt");
  await Deno.writeTextFile(
    join(dir, name),
    `#!/bin/sh\nprintf '%s\\n' "$0" "$@" > "${log}"\nexit ${exitCode}\n`,
  );
  await Deno.chmod(join(dir, name), 0o755);
  return { env: { PATH: `${dir}:${Deno.env.get("PATH") ?? ""}` }, log, dir };
}

Deno.test("runTrackerUpload() runs wandb sync on the TensorBoard events when wandb is on PATH", async () => {
  const cli = await fakeCli("wandb");
  try {
    const argv = await runTrackerUpload("wandb", "/runs/x/export", { env: cli.env });
    assert.deepEqual(argv, [
      "wandb",
      "sync",
      "--sync-tensorboard",
      "-p",
      "perf_benchmark",
      "/runs/x/export/tfevents",
    ]);
    const seen = (await Deno.readTextFile(cli.log)).trimEnd().split("\n");
    assert.deepEqual(seen, [join(cli.dir, "wandb"), ...argv.slice(1)]);
  } finally {
    await Deno.remove(cli.dir, { recursive: true });
  }
});

Deno.test("runTrackerUpload() runs swanlab convert on the TensorBoard events", async () => {
  const cli = await fakeCli("swanlab");
  try {
    await runTrackerUpload("swanlab", "/runs/x/export", { env: cli.env });
    assert.deepEqual((await Deno.readTextFile(cli.log)).trimEnd().split("\n").slice(1), [
      "convert",
      "-t",
      "tensorboard",
      "--tb-logdir",
      "/runs/x/export/tfevents",
      "-p",
      "perf_benchmark",
    ]);
  } finally {
    await Deno.remove(cli.dir, { recursive: true });
  }
});

Deno.test("runTrackerUpload() says how to install a missing CLI, and reports a failed one", async () => {
  const empty = await Deno.makeTempDir();
  try {
    await assert.rejects(
      () => runTrackerUpload("wandb", "/runs/x/export", { env: { PATH: empty } }),
      (e: unknown) =>
        e instanceof UserError &&
        e.message ===
          "Cannot upload to W&B: the wandb command is not installed (not found on PATH)" &&
        e.hint ===
          "Install it (pip install wandb && wandb login), then upload the saved files with: wandb sync --sync-tensorboard -p perf_benchmark /runs/x/export/tfevents",
    );
  } finally {
    await Deno.remove(empty);
  }
  const failing = await fakeCli("swanlab", 3);
  try {
    await assert.rejects(
      () => runTrackerUpload("swanlab", "/runs/x/export", { env: failing.env }),
      (e: unknown) =>
        e instanceof UserError &&
        e.message === "Cannot upload to SwanLab: swanlab exited with code 3",
    );
  } finally {
    await Deno.remove(failing.dir, { recursive: true });
  }
  await assert.rejects(
    () => runTrackerUpload("clearml", "/runs/x/export"),
    (e: unknown) =>
      e instanceof UserError &&
      e.message === "Cannot upload to ClearML: it has no command that reads lmeter's files",
  );
});
