/**
 * perf's exports beyond the tracker files: `--export mlflow` (MLflow's file store), the push of
 * metrics.prom to `--pushgateway` (a stub gateway on 127.0.0.1), `--upload` running the tracker's
 * command (a fake `wandb` on PATH that records its argv), and with `OTEL_DENO=true` the GenAI
 * histograms Deno's exporter sends (a stub OTLP/HTTP receiver on 127.0.0.1).
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "../capture_console.ts";
import { simEndpoints, startSimulator, withTempDir } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };
const ROOT = new URL("../..", import.meta.url).pathname;

/** A local stand-in that records every request's method, path and body, and answers `status`. */
function recorder(status = 200) {
  const got: { method: string; path: string; body: string }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    got.push({ method: req.method, path: new URL(req.url).pathname, body: await req.text() });
    return new Response(status === 200 ? "{}" : "bad push", { status });
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, got, close: () => server.shutdown() };
}

function perfArgs(chatUrl: string, dir: string, extra: string[]): string[] {
  return [
    "perf",
    "--model",
    "m",
    "--url",
    chatUrl,
    "--parallel",
    "1",
    "--number",
    "4",
    "--max-tokens",
    "8",
    "--prompt",
    "hello",
    "--no-calibrate",
    "--outputs-dir",
    dir,
    "--name",
    "run",
    "--no-timestamp",
    ...extra,
  ];
}

Deno.test({
  ...opts,
  name:
    "perf --export mlflow,jsonl --pushgateway writes MLflow's store and PUTs metrics.prom to the gateway",
  async fn() {
    const sim = await startSimulator({ ttftMs: 5, itlMs: 1, seed: 1 });
    const gateway = recorder();
    try {
      await withTempDir(async (dir) => {
        const r = await runCli(
          perfArgs(simEndpoints(sim).chat, dir, [
            "--export",
            "mlflow,jsonl",
            "--pushgateway",
            gateway.url,
          ]),
        );
        assert.equal(r.code, 0, r.err);
        const exportDir = join(dir, "run", "export");
        const names = [...Deno.readDirSync(exportDir)].map((e) => e.name).sort();
        // prom comes with --pushgateway; tfevents was not asked for.
        assert.deepEqual(names, ["metrics.jsonl", "metrics.prom", "mlruns"]);
        const experiments = [...Deno.readDirSync(join(exportDir, "mlruns"))]
          .filter((e) => e.isDirectory && e.name !== "0" && e.name !== ".trash");
        assert.equal(experiments.length, 1);
        const expDir = join(exportDir, "mlruns", experiments[0].name);
        assert.match(
          await Deno.readTextFile(join(expDir, "meta.yaml")),
          /\nname: perf_benchmark\n/,
        );
        const [run] = [...Deno.readDirSync(expDir)].filter((e) => e.isDirectory);
        const runDir = join(expDir, run.name);
        assert.match(
          await Deno.readTextFile(join(runDir, "meta.yaml")),
          /\nrun_name: parallel_1_number_4\n/,
        );
        const succeeded = (await Deno.readTextFile(join(runDir, "metrics", "running", "succeeded")))
          .trimEnd().split("\n").map((l) => l.split(" ").slice(1).map(Number));
        assert.deepEqual(succeeded, [[1, 1], [2, 2], [3, 3], [4, 4]]);
        assert.equal(await Deno.readTextFile(join(runDir, "params", "parallel")), "1");
        assert.equal(await Deno.readTextFile(join(runDir, "params", "number")), "4");

        assert.equal(gateway.got.length, 1);
        assert.equal(gateway.got[0].method, "PUT");
        assert.equal(gateway.got[0].path, "/metrics/job/lmeter/instance/run");
        assert.equal(gateway.got[0].body, await Deno.readTextFile(join(exportDir, "metrics.prom")));
        assert.match(
          r.out,
          new RegExp(`Pushed metrics.prom to ${gateway.url}/metrics/job/lmeter/instance/run`),
        );
      });
    } finally {
      await gateway.close();
      await sim.close();
    }
  },
});

Deno.test({
  ...opts,
  name:
    "perf --pushgateway that refuses exits 1 with the reason, the results saved; --upload needs a tracker",
  async fn() {
    const sim = await startSimulator({ ttftMs: 0, itlMs: 0, seed: 1 });
    const gateway = recorder(400);
    try {
      await withTempDir(async (dir) => {
        const r = await runCli(
          perfArgs(simEndpoints(sim).chat, dir, ["--pushgateway", gateway.url]),
        );
        assert.equal(r.code, 1, r.err);
        assert.match(
          r.err,
          new RegExp(
            `error: Cannot push the metrics to the Pushgateway ${gateway.url}: HTTP 400 bad push`,
          ),
        );
        assert.ok(await Deno.stat(join(dir, "run", "export", "metrics.prom")));
        const upload = await runCli(perfArgs(simEndpoints(sim).chat, dir, ["--upload"]));
        assert.equal(upload.code, 2);
        assert.match(upload.err, /Cannot --upload: no tracker to upload to/);
        const unknown = await runCli(perfArgs(simEndpoints(sim).chat, dir, ["--export", "csv"]));
        assert.equal(unknown.code, 2);
        assert.match(unknown.err, /Cannot export csv: unknown format/);
      });
    } finally {
      await gateway.close();
      await sim.close();
    }
  },
});

/** OTLP/HTTP JSON histogram data points of `name` in one payload: their total count. */
function histogramCount(payload: string, name: string): number {
  const doc = JSON.parse(payload) as {
    resourceMetrics?: {
      scopeMetrics?: {
        metrics?: { name: string; histogram?: { dataPoints?: { count?: string | number }[] } }[];
      }[];
    }[];
  };
  let count = 0;
  for (const rm of doc.resourceMetrics ?? []) {
    for (const sm of rm.scopeMetrics ?? []) {
      for (const m of sm.metrics ?? []) {
        if (m.name !== name) continue;
        for (const p of m.histogram?.dataPoints ?? []) count += Number(p.count ?? 0);
      }
    }
  }
  return count;
}

Deno.test({
  ...opts,
  name:
    "lmeter perf --visualizer wandb --upload runs wandb sync (a fake one on PATH); OTEL_DENO=true sends the GenAI histograms to the OTLP endpoint",
  async fn() {
    const sim = await startSimulator({ ttftMs: 5, itlMs: 1, seed: 1 });
    const otlp = recorder();
    const bin = await Deno.makeTempDir({ prefix: "lmeter-fake-wandb-" });
    try {
      await withTempDir(async (dir) => {
        const argvLog = join(bin, "argv.txt");
        await Deno.writeTextFile(
          join(bin, "wandb"),
          `#!/bin/sh\nprintf '%s\\n' "$@" > "${argvLog}"\n`,
        );
        await Deno.chmod(join(bin, "wandb"), 0o755);
        const out = await new Deno.Command(Deno.execPath(), {
          args: [
            "run",
            "-A",
            "main.ts",
            ...perfArgs(simEndpoints(sim).chat, dir, ["--visualizer", "wandb", "--upload"]),
          ],
          cwd: ROOT,
          env: {
            PATH: `${bin}:${Deno.env.get("PATH") ?? ""}`,
            DENO_NO_UPDATE_CHECK: "1",
            OTEL_DENO: "true",
            OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
            OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
            OTEL_METRIC_EXPORT_INTERVAL: "500",
          },
          stdout: "piped",
          stderr: "piped",
        }).output();
        const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
        assert.equal(out.code, 0, text);
        const events = join(dir, "run", "export", "tfevents");
        assert.deepEqual(
          (await Deno.readTextFile(argvLog)).trimEnd().split("\n"),
          ["sync", "--sync-tensorboard", "-p", "perf_benchmark", events],
        );
        assert.match(text, /Uploaded with: wandb sync --sync-tensorboard -p perf_benchmark/);
        const metrics = otlp.got.filter((g) => g.path === "/v1/metrics");
        assert.ok(metrics.length > 0, `no OTLP metrics among ${otlp.got.map((g) => g.path)}`);
        // Cumulative histograms: the last export holds every request.
        const count = (name: string) =>
          Math.max(...metrics.map((m) => histogramCount(m.body, name)));
        assert.equal(count("gen_ai.client.operation.time_to_first_chunk"), 4);
        assert.equal(count("gen_ai.client.operation.duration"), 4);
        assert.equal(count("gen_ai.client.token.usage"), 8);
      });
    } finally {
      await Deno.remove(bin, { recursive: true });
      await otlp.close();
      await sim.close();
    }
  },
});
