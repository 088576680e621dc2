import assert from "node:assert/strict";
import { join } from "node:path";
import { HttpError } from "./http.ts";
import { jobFile, logPage } from "./job_files.ts";

Deno.test("jobFile serves only below the job's folder: .. and symlinks out are 403, missing files null", async () => {
  const root = await Deno.makeTempDir();
  try {
    const job = join(root, "job");
    await Deno.mkdir(join(job, "logs"), { recursive: true });
    await Deno.writeTextFile(join(job, "logs", "eval_log.log"), "a\n");
    await Deno.writeTextFile(join(root, "secret.txt"), "s");
    await Deno.symlink(join(root, "secret.txt"), join(job, "logs", "link.log"));
    assert.equal(
      await jobFile(job, "logs/eval_log.log"),
      await Deno.realPath(join(job, "logs", "eval_log.log")),
    );
    assert.equal(await jobFile(job, "logs/none.log"), null);
    assert.equal(await jobFile(join(root, "no-job"), "logs/eval_log.log"), null);
    for (const rel of ["logs/link.log", "../secret.txt", "logs/../../secret.txt"]) {
      await assert.rejects(
        jobFile(job, rel),
        (e) => e instanceof HttpError && e.status === 403,
        rel,
      );
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("logPage pages like EvalScope's /log: the last page lines by default, else from start_line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log");
    await Deno.writeTextFile(path, "l0\nl1\nl2\nl3\nl4\n");
    assert.deepEqual(await logPage(path, { start: null, page: 2 }), {
      text: "l3\nl4",
      head_line: 3,
      tail_line: 5,
      total_lines: 5,
    });
    assert.deepEqual(await logPage(path, { start: 1, page: 2 }), {
      text: "l1\nl2",
      head_line: 1,
      tail_line: 3,
      total_lines: 5,
    });
    assert.deepEqual(await logPage(path, { start: 9, page: 2 }), {
      text: "",
      head_line: 5,
      tail_line: 5,
      total_lines: 5,
    });
    assert.deepEqual(await logPage(null, { start: null, page: 500 }), {
      text: "",
      head_line: 0,
      tail_line: 0,
      total_lines: 0,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
