/**
 * `lmeter eval --export tfevents,jsonl,mlflow,prom`: the scores of a run written for trackers and
 * monitoring (against the simulator, with a known answer key: gsm8k right on 2 of 5).
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "../capture_console.ts";
import { readEventFile } from "../../lib/results/export/tfevents.ts";
import { FIXTURES, gsm8kKey, startSim, withTempDir } from "./helpers.ts";

Deno.test("lmeter eval --export writes the scores as TensorBoard events, metrics.jsonl, MLflow's store and Prometheus text", async () => {
  const sim = await startSim({ answerKey: await gsm8kKey((i) => i < 2) });
  try {
    await withTempDir(async (dir) => {
      const r = await runCli([
        "eval",
        "--model",
        "qwen2.5",
        "--api-url",
        sim.apiUrl,
        "--datasets",
        "gsm8k",
        "--limit",
        "5",
        "--dataset-dir",
        FIXTURES,
        "--work-dir",
        dir,
        "--no-timestamp",
        "--export",
        "tfevents,jsonl",
        "mlflow",
        "prom",
      ]);
      assert.equal(r.code, 0, r.err);
      const to = join(dir, "export");
      assert.match(r.out, new RegExp(`Exports \\(tfevents, jsonl, mlflow, prom\\): ${to}`));
      // The command's own option: not part of the task's config.
      assert.doesNotMatch(
        await Deno.readTextFile(join(dir, "configs", "task_config.yaml")),
        /^export:/m,
      );

      const [line, ...more] = (await Deno.readTextFile(join(to, "metrics.jsonl"))).trim().split(
        "\n",
      );
      assert.equal(more.length, 0);
      const { model, metrics } = JSON.parse(line);
      assert.equal(model, "qwen2.5");
      assert.equal(metrics["gsm8k/AverageAccuracy"], 0.4);
      assert.equal(metrics["gsm8k/subsets/main/AverageAccuracy"], 0.4);
      assert.equal(metrics["gsm8k/samples"], 5);
      assert.equal(metrics["gsm8k/errored"], 0);
      assert.ok(metrics["gsm8k/AverageAccuracy_stderr"] > 0);

      const eventsDir = join(to, "tfevents", "qwen2.5");
      const [file] = [...Deno.readDirSync(eventsDir)].map((e) => e.name);
      const events = readEventFile(await Deno.readFile(join(eventsDir, file)));
      assert.deepEqual(
        events.scalars.filter((s) => s.tag === "gsm8k/AverageAccuracy").map((
          s,
        ) => [s.step, s.value]),
        [[1, Math.fround(0.4)]],
      );

      const prom = await Deno.readTextFile(join(to, "metrics.prom"));
      assert.match(
        prom,
        /^lmeter_eval_score\{model="qwen2.5",dataset="gsm8k",metric="AverageAccuracy",subset=""\} 0.4$/m,
      );
      assert.match(
        prom,
        /^lmeter_eval_score\{model="qwen2.5",dataset="gsm8k",metric="AverageAccuracy",subset="main"\} 0.4$/m,
      );
      assert.match(
        prom,
        /^lmeter_eval_samples\{model="qwen2.5",dataset="gsm8k",outcome="scored"\} 5$/m,
      );
      const series = prom.split("\n").filter((l) => l && !l.startsWith("#")).map((l) =>
        l.split(" ")[0]
      );
      assert.equal(new Set(series).size, series.length, "no series twice");

      const mlruns = join(to, "mlruns");
      const [exp] = [...Deno.readDirSync(mlruns)].filter((e) =>
        e.isDirectory && !["0", ".trash"].includes(e.name)
      );
      assert.match(
        await Deno.readTextFile(join(mlruns, exp.name, "meta.yaml")),
        /\nname: eval_benchmark\n/,
      );
      const [run] = [...Deno.readDirSync(join(mlruns, exp.name))].filter((e) => e.isDirectory);
      const runDir = join(mlruns, exp.name, run.name);
      assert.match(await Deno.readTextFile(join(runDir, "meta.yaml")), /\nrun_name: qwen2.5\n/);
      assert.match(
        await Deno.readTextFile(
          join(runDir, "metrics", "gsm8k", "subsets", "main", "AverageAccuracy"),
        ),
        /^\d+ 0.4 1\n$/,
      );
      assert.equal(await Deno.readTextFile(join(runDir, "params", "datasets")), "gsm8k");

      // Rebuilt later from the run folder alone: the same bytes.
      const again = await runCli([
        "export",
        dir,
        "--format",
        "prom,jsonl",
        "--to",
        join(dir, "again"),
      ]);
      assert.equal(again.code, 0, again.err);
      assert.equal(await Deno.readTextFile(join(dir, "again", "metrics.prom")), prom);
      assert.equal(
        await Deno.readTextFile(join(dir, "again", "metrics.jsonl")),
        await Deno.readTextFile(join(to, "metrics.jsonl")),
      );
    });
  } finally {
    await sim.close();
  }
});

Deno.test("lmeter eval --export refuses an unknown format before the run", async () => {
  const r = await runCli([
    "eval",
    "--model",
    "m",
    "--api-url",
    "http://127.0.0.1:9/v1",
    "--datasets",
    "gsm8k",
    "--export",
    "csv",
  ]);
  assert.equal(r.code, 2);
  assert.match(r.err, /Cannot export csv: unknown format/);
});
