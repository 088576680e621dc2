/**
 * `--visualizer` and `lmeter export`: the offline tracker files of a perf run — TensorBoard events
 * read back with their CRCs checked, metrics.jsonl, and a metrics.prom that parses as Prometheus
 * text — and the same files rebuilt later from the run folder.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "../capture_console.ts";
import { readEventFile } from "../../lib/results/export/tfevents.ts";
import { promLabels } from "../../lib/results/export/perf_export.ts";
import { simEndpoints, startSimulator, withTempDir } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

/** A strict reader of Prometheus text format 0.0.4: families, samples; throws on a rule broken. */
function parseProm(text: string): Map<string, { type: string; samples: Map<string, number> }> {
  const families = new Map<string, { type: string; samples: Map<string, number> }>();
  let current: string | undefined;
  for (const line of text.trimEnd().split("\n")) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") {
        assert.ok(!families.has(meta[2]), `family ${meta[2]} declared twice`);
        assert.ok(["counter", "gauge", "summary"].includes(meta[3]), meta[3]);
        families.set(meta[2], { type: meta[3], samples: new Map() });
        current = meta[2];
      }
      continue;
    }
    const m =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*\})? (\S+)$/
        .exec(line);
    assert.ok(m, `not a sample line: ${line}`);
    const [, name, labels = "", value] = m;
    const family = families.get(current!)!;
    const base = name.replace(/_(sum|count)$/, "");
    assert.ok(
      name === current || (family.type === "summary" && base === current),
      `${name} outside its family`,
    );
    if (family.type === "counter") {
      assert.ok(name.endsWith("_total"), `counter ${name} ends in _total`);
    }
    if (labels.includes("quantile=")) assert.equal(family.type, "summary");
    const key = name + labels;
    assert.ok(!family.samples.has(key), `duplicate series ${key}`);
    assert.ok(Number.isFinite(Number(value)), `value of ${key}`);
    family.samples.set(key, Number(value));
  }
  return families;
}

Deno.test("promLabels() escapes backslashes, quotes and newlines", () => {
  assert.equal(promLabels({ a: 'x"y', b: "c\\d\ne" }), '{a="x\\"y",b="c\\\\d\\ne"}');
});

Deno.test({
  ...opts,
  name:
    "perf --visualizer wandb writes TensorBoard events, metrics.jsonl and metrics.prom and prints the sync command; lmeter export rebuilds them",
  async fn() {
    const sim = await startSimulator({ ttftMs: 5, itlMs: 1, seed: 1 });
    try {
      await withTempDir(async (dir) => {
        const r = await runCli([
          "perf",
          "--model",
          "m",
          "--url",
          simEndpoints(sim).chat,
          "--parallel",
          "2",
          "--number",
          "6",
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
          "--visualizer",
          "wandb",
        ]);
        assert.equal(r.code, 0, r.err);
        const out = join(dir, "run");
        const exportDir = join(out, "export");
        assert.ok(
          r.out.includes(
            `wandb sync --sync-tensorboard -p perf_benchmark ${join(exportDir, "tfevents")}`,
          ),
          r.out,
        );
        const report = JSON.parse(await Deno.readTextFile(join(out, "perf_summary.json")));
        const eventsDir = join(exportDir, "tfevents", "parallel_2_number_6");
        const [file] = [...Deno.readDirSync(eventsDir)].map((e) => e.name);
        assert.match(file, /^events\.out\.tfevents\.\d+\.lmeter$/);
        const events = readEventFile(await Deno.readFile(join(eventsDir, file)));
        assert.equal(events.fileVersion, "brain.Event:2");
        const tag = (t: string) => events.scalars.filter((s) => s.tag === t);
        assert.deepEqual(tag("running/succeeded").map((s) => [s.step, s.value]), [
          [1, 1],
          [2, 2],
          [3, 3],
          [4, 4],
          [5, 5],
          [6, 6],
        ]);
        const rps = report.runs?.[0]?.summary?.rps ??
          report.runs?.[0]?.summary?.["Request throughput (req/s)"];
        if (typeof rps === "number") assert.equal(tag("final/rps")[0].value, Math.fround(rps));
        assert.equal(tag("final/rps")[0].step, 6);

        const jsonl = (await Deno.readTextFile(join(exportDir, "metrics.jsonl"))).trim().split("\n")
          .map((l) => JSON.parse(l));
        assert.equal(jsonl.length, 6);
        assert.equal(jsonl[5].metrics["running/succeeded"], 6);
        assert.ok("final/rps" in jsonl[5].metrics);

        const prom = await Deno.readTextFile(join(exportDir, "metrics.prom"));
        const families = parseProm(prom);
        const requests = families.get("lmeter_perf_requests_total")!.samples;
        assert.equal(
          requests.get(
            'lmeter_perf_requests_total{model="m",run="parallel_2_number_6",parallel="2",rate="",outcome="success"}',
          ),
          6,
        );
        const ttft = families.get("lmeter_perf_ttft_seconds")!;
        assert.equal(ttft.type, "summary");
        assert.equal(
          ttft.samples.get(
            'lmeter_perf_ttft_seconds_count{model="m",run="parallel_2_number_6",parallel="2",rate=""}',
          ),
          6,
        );
        assert.ok(families.has("lmeter_info"));

        // Rebuilt later from the files alone: the same bytes.
        const again = await runCli([
          "export",
          out,
          "--format",
          "prom,tfevents",
          "--to",
          join(dir, "again"),
        ]);
        assert.equal(again.code, 0, again.err);
        assert.equal(await Deno.readTextFile(join(dir, "again", "metrics.prom")), prom);
        assert.deepEqual(
          await Deno.readFile(join(dir, "again", "tfevents", "parallel_2_number_6", file)),
          await Deno.readFile(join(eventsDir, file)),
        );
        assert.equal(await Deno.stat(join(dir, "again", "metrics.jsonl")).catch(() => null), null);
      });
    } finally {
      await sim.close();
    }
  },
});
