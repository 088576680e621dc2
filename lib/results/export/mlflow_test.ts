import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { experimentId, writeMlflowStore } from "./mlflow.ts";

async function files(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(dir)) {
      const p = join(dir, e.name);
      if (e.isDirectory) {
        out.push(`${relative(root, p)}/`);
        await walk(p);
      } else out.push(relative(root, p));
    }
  };
  await walk(root);
  return out.sort();
}

const RUN = {
  name: "parallel_1_number_2",
  startMs: 1767225600000,
  endMs: 1767225601500,
  params: { model: "qwen3", parallel: "1" },
  tags: { "lmeter.status": "completed" },
  metrics: [
    { tag: "running/avg_latency_s", step: 1, value: 0.5, wallTime: 1767225600.5 },
    { tag: "running/avg_latency_s", step: 2, value: 0.75, wallTime: 1767225601.25 },
    { tag: "final/rps", step: 2, value: 1.3333333333333333, wallTime: 1767225601.25 },
  ],
};

Deno.test("writeMlflowStore() lays out MLflow's file store: experiments, run meta, metrics, params, tags", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const root = join(dir, "mlruns");
    const [runDir] = await writeMlflowStore(root, {
      experiment: "perf_benchmark",
      runs: [RUN],
      user: "lmeter",
    });
    const exp = experimentId("perf_benchmark");
    assert.match(exp, /^\d{1,15}$/);
    const run = relative(join(root, exp), runDir);
    assert.match(run, /^[0-9a-f]{32}$/);
    assert.deepEqual(
      await files(root),
      [
        ".trash/",
        "0/",
        "0/meta.yaml",
        `${exp}/`,
        `${exp}/${run}/`,
        `${exp}/${run}/artifacts/`,
        `${exp}/${run}/meta.yaml`,
        `${exp}/${run}/metrics/`,
        `${exp}/${run}/metrics/final/`,
        `${exp}/${run}/metrics/final/rps`,
        `${exp}/${run}/metrics/running/`,
        `${exp}/${run}/metrics/running/avg_latency_s`,
        `${exp}/${run}/params/`,
        `${exp}/${run}/params/model`,
        `${exp}/${run}/params/parallel`,
        `${exp}/${run}/tags/`,
        `${exp}/${run}/tags/lmeter.status`,
        `${exp}/${run}/tags/mlflow.runName`,
        `${exp}/${run}/tags/mlflow.source.type`,
        `${exp}/${run}/tags/mlflow.user`,
        `${exp}/meta.yaml`,
      ].sort(),
    );
    // "<timestamp ms> <value> <step>" per point, as MLflow's FileStore appends them.
    assert.equal(
      await Deno.readTextFile(join(runDir, "metrics", "running", "avg_latency_s")),
      "1767225600500 0.5 1\n1767225601250 0.75 2\n",
    );
    assert.equal(
      await Deno.readTextFile(join(runDir, "metrics", "final", "rps")),
      "1767225601250 1.3333333333333333 2\n",
    );
    assert.equal(await Deno.readTextFile(join(runDir, "params", "parallel")), "1");
    assert.equal(await Deno.readTextFile(join(runDir, "tags", "mlflow.runName")), RUN.name);
    const meta = await Deno.readTextFile(join(runDir, "meta.yaml"));
    assert.equal(
      meta,
      [
        `artifact_uri: file://${runDir}/artifacts`,
        "end_time: 1767225601500",
        "entry_point_name: ''",
        `experiment_id: '${exp}'`,
        "lifecycle_stage: active",
        `run_id: '${run}'`,
        "run_name: parallel_1_number_2",
        `run_uuid: '${run}'`,
        "source_name: ''",
        "source_type: 4",
        "source_version: ''",
        "start_time: 1767225600000",
        "status: 3",
        "tags: []",
        "user_id: lmeter",
        "",
      ].join("\n"),
    );
    assert.match(
      await Deno.readTextFile(join(root, exp, "meta.yaml")),
      new RegExp(
        `^artifact_location: file://${root}/${exp}\ncreation_time: \\d+\nexperiment_id: '${exp}'\nlast_update_time: \\d+\nlifecycle_stage: active\nname: perf_benchmark\n$`,
      ),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

const PYTHON = "/usr/bin/python3";
/** Debian's python3 with python3-yaml (.ci/run installs it); the PyYAML test skips without it. */
const hasPyYaml = existsSync(PYTHON) &&
  (await new Deno.Command(PYTHON, { args: ["-c", "import yaml"], stderr: "null" }).output())
    .success;

Deno.test({
  name: hasPyYaml
    ? "writeMlflowStore() meta files read back in PyYAML as MLflow reads them (strings stay strings)"
    : "SKIP MLflow meta.yaml read-back: Debian's python3-yaml is not installed",
  ignore: !hasPyYaml,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const [runDir] = await writeMlflowStore(join(dir, "mlruns"), {
        experiment: "perf: 'quoted' \"name\"",
        runs: [{ ...RUN, name: "true" }],
        user: "lmeter",
      });
      const script =
        "import json,sys,yaml;print(json.dumps(yaml.safe_load(open(sys.argv[1]).read())))";
      const read = async (path: string) => {
        const out = await new Deno.Command(PYTHON, { args: ["-c", script, path] }).output();
        assert.ok(out.success, new TextDecoder().decode(out.stderr));
        return JSON.parse(new TextDecoder().decode(out.stdout));
      };
      const run = await read(join(runDir, "meta.yaml"));
      assert.equal(run.run_name, "true");
      assert.equal(typeof run.experiment_id, "string");
      assert.equal(typeof run.run_id, "string");
      assert.equal(run.status, 3);
      assert.deepEqual(run.tags, []);
      const exp = await read(join(runDir, "..", "meta.yaml"));
      assert.equal(exp.name, "perf: 'quoted' \"name\"");
      assert.equal(exp.experiment_id, run.experiment_id);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("writeMlflowStore() refuses a key MLflow would refuse", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(
      () =>
        writeMlflowStore(join(dir, "mlruns"), {
          experiment: "perf_benchmark",
          runs: [{ ...RUN, params: { "../escape": "x" } }],
          user: "lmeter",
        }),
      /Cannot write the MLflow key "..\/escape"/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
