/**
 * `lmeter eval` and `lmeter perf` in GitHub Actions mode, end to end: the secrets are masked
 * first, the job summary and the step outputs land in the files the runner names, failed gates
 * become annotations and exit 1, and a second run shows deltas against the first.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "../capture_console.ts";
import { FIXTURES, withTempDir } from "../eval/helpers.ts";
import { simEndpoints, startSimulator } from "../perf/helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

/** Runs the CLI with the runner's two files set in the environment. */
async function inActions(dir: string, args: string[]) {
  const files = { output: join(dir, "github_output"), summary: join(dir, "step_summary") };
  Deno.env.set("GITHUB_OUTPUT", files.output);
  Deno.env.set("GITHUB_STEP_SUMMARY", files.summary);
  try {
    return { ...(await runCli(args)), files };
  } finally {
    Deno.env.delete("GITHUB_OUTPUT");
    Deno.env.delete("GITHUB_STEP_SUMMARY");
  }
}

/** The `name=value` and heredoc outputs of a `$GITHUB_OUTPUT` file. */
function readOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([\w-]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (lines[i]) {
      const at = lines[i].indexOf("=");
      out[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return out;
}

Deno.test({
  ...opts,
  name:
    "lmeter eval --github --fail-on: masks the key first, annotates the failed gate, writes summary and outputs, exits 1",
  async fn() {
    await withTempDir(async (dir) => {
      const base = [
        "eval",
        "--eval-type",
        "mock_llm",
        "--datasets",
        "gsm8k",
        "--limit",
        "2",
        "--dataset-dir",
        FIXTURES,
        "--api-key",
        "sk-test-secret-4321",
        "--github",
      ];
      const r = await inActions(dir, [
        ...base,
        "--work-dir",
        join(dir, "first"),
        "--fail-on",
        "gsm8k.mean>=0,gsm8k.ci_low<-1",
      ]);
      assert.equal(r.code, 1, r.err);
      assert.equal(r.out.split("\n")[0], "::add-mask::sk-test-secret-4321");
      assert.match(
        r.out,
        /^::error title=lmeter eval gate::gsm8k\.mean = [\d.]+ >= 0 \(gsm8k\)$/m,
      );
      assert.equal(r.out.match(/^::error /gm)?.length, 1, "ci_low<-1 never holds");
      assert.match(r.err, /--fail-on: gsm8k\.mean>=0 held/);
      const outputs = readOutputs(await Deno.readTextFile(r.files.output));
      assert.equal(outputs.passed, "false");
      assert.equal(outputs["gate-failures"], "1");
      const runDir = outputs["results-dir"];
      assert.match(runDir, /first[/\\]\d{8}_\d{6}$/);
      assert.equal(outputs["summary-json"], join(runDir, "ci_summary.json"));
      const summary = await Deno.readTextFile(r.files.summary);
      assert.match(summary, /^### lmeter eval · mock-llm · ❌ failed/);
      assert.match(summary, /\| `gsm8k\.mean>=0` \| gsm8k \| gsm8k\.mean = /);
      assert.equal(summary, await Deno.readTextFile(outputs["summary-markdown"]));

      // A second run against the first as baseline, exporting the benchmark-action files.
      const second = await inActions(dir, [
        ...base,
        "--work-dir",
        join(dir, "second"),
        "--baseline",
        runDir,
        "--export-benchmark-action",
        join(dir, "bench"),
      ]);
      assert.equal(second.code, 0, second.err);
      const md = await Deno.readTextFile(second.files.summary);
      // The mock answers nothing right: the score is 0 (no delta from 0), the sample count equal.
      assert.match(md, /\| gsm8k \| 0 \| 0 \| [\d.]+ \(= 0\.00%\) \| 0 \| 2 \(= 0\.00%\) \|/, md);
      assert.match(md, /Deltas against the baseline `.*first/);
      assert.match(md, /No `--fail-on` conditions were set/);
      const outs = readOutputs(await Deno.readTextFile(second.files.output));
      assert.equal(outs.passed, "true");
      const bigger = JSON.parse(await Deno.readTextFile(outs["benchmark-json-bigger"]));
      assert.deepEqual(bigger.map((e: { name: string; unit: string }) => [e.name, e.unit]), [
        ["gsm8k / mean", "score"],
        ["gsm8k / ci_low", "score"],
      ]);
    });
  },
});

Deno.test({
  ...opts,
  name: "lmeter eval --fail-on refuses a benchmark that is not evaluated, before the run",
  async fn() {
    const r = await runCli([
      "eval",
      "--eval-type",
      "mock_llm",
      "--datasets",
      "gsm8k",
      "--fail-on",
      "arc.mean<0.5",
    ]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /Invalid value for --fail-on: "arc\.mean": arc is not among the datasets/);
  },
});

Deno.test({
  ...opts,
  name: "lmeter perf --github writes the sweep's summary, outputs and benchmark files",
  async fn() {
    const sim = await startSimulator({ ttftMs: 5, itlMs: 1, seed: 1 });
    try {
      await withTempDir(async (dir) => {
        const r = await inActions(dir, [
          "perf",
          "--model",
          "m",
          "--url",
          simEndpoints(sim).chat,
          "--parallel",
          "1",
          "2",
          "--number",
          "2",
          "4",
          "--max-tokens",
          "4",
          "--prompt",
          "hi",
          "--no-calibrate",
          "--outputs-dir",
          join(dir, "out"),
          "--github",
          "--fail-on",
          "p99_ttft_ms>100000",
          "--export-benchmark-action",
          join(dir, "bench"),
        ]);
        assert.equal(r.code, 0, r.err);
        const outputs = readOutputs(await Deno.readTextFile(r.files.output));
        assert.equal(outputs.passed, "true");
        assert.equal(outputs["gate-failures"], "0");
        const summary = await Deno.readTextFile(r.files.summary);
        assert.match(summary, /^### lmeter perf · m · ✅ passed/);
        assert.match(summary, /\| parallel_1_number_2 \| 2 \| 100 \|/);
        assert.match(summary, /\| parallel_2_number_4 \| 4 \| 100 \|/);
        assert.match(summary, /✅ No condition held \(1 checked: `p99_ttft_ms>100000`\)/);
        const smaller = JSON.parse(await Deno.readTextFile(outputs["benchmark-json-smaller"]));
        assert.ok(smaller.length > 0);
        assert.ok(smaller.every((e: { unit: string }) => e.unit === "ms"));
        const ci = JSON.parse(await Deno.readTextFile(outputs["summary-json"]));
        assert.equal(ci.schema, "lmeter.ci/1");
        assert.deepEqual(ci.runs.map((x: { name: string }) => x.name), [
          "parallel_1_number_2",
          "parallel_2_number_4",
        ]);
      });
    } finally {
      await sim.close();
    }
  },
});
