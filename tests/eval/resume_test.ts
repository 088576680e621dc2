import assert from "node:assert/strict";
import { join } from "node:path";
import type { EvalReport } from "../../lib/results/eval/report.ts";
import { readReport } from "../../lib/results/eval/report_file.ts";
import {
  evaluate,
  fileLines,
  FIXTURES,
  gsm8kKey,
  requestLog,
  sha256,
  startSim,
  withTempDir,
} from "./helpers.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

/** What must be equal between two runs' reports (timings and cache counts aside). */
function comparable(r: EvalReport) {
  return {
    name: r.name,
    score: r.score,
    metrics: r.metrics,
    status: r.status,
    no_answer: r.execution.noAnswer,
    scored: r.execution.scored,
  };
}

async function readReports(runDir: string): Promise<EvalReport[]> {
  const out: EvalReport[] = [];
  for (const name of ["gsm8k", "arc"]) {
    out.push(await readReport(join(runDir, "reports/qwen2.5", `${name}.json`)));
  }
  return out;
}

Deno.test("kill -9 halfway, then --use-cache: same reports as an uninterrupted run, no finished sample requested twice", async () => {
  const key = await gsm8kKey((i) => i % 2 === 0);
  // Slow enough that the run is still going when it is killed.
  const sim = await startSim({ answerKey: key, ttftMs: 150 });
  try {
    await withTempDir(async (dir) => {
      const runDir = join(dir, "run");
      const args = [
        "run",
        "-A",
        "--config",
        CONFIG,
        MAIN,
        "eval",
        "--model",
        "qwen2.5",
        "--api-url",
        sim.apiUrl,
        "--datasets",
        "gsm8k",
        "arc",
        "--dataset-dir",
        FIXTURES,
        "--eval-batch-size",
        "2",
        "--work-dir",
        runDir,
        "--no-timestamp",
      ];
      const child = new Deno.Command(Deno.execPath(), { args, stdout: "null", stderr: "null" })
        .spawn();
      // Wait until some samples are finished, then kill without warning.
      const gsmFile = join(runDir, "predictions/qwen2.5/gsm8k_main.jsonl");
      const deadline = Date.now() + 60_000;
      while ((await fileLines(gsmFile)).length < 4) {
        if (Date.now() > deadline) throw new Error("the run did not start");
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill("SIGKILL");
      await child.status;
      const killedAt = (await requestLog(sim.logPath)).length;
      const finished = new Set<string>();
      for (const file of ["gsm8k_main", "arc_ARC-Easy", "arc_ARC-Challenge"]) {
        for (const line of await fileLines(join(runDir, "predictions/qwen2.5", `${file}.jsonl`))) {
          const messages = JSON.parse(line).messages as { role: string; content: string }[];
          finished.add(await sha256(messages.findLast((m) => m.role === "user")!.content));
        }
      }
      assert.ok(finished.size >= 4 && finished.size < 21, `finished ${finished.size}`);

      const resumed = new Deno.Command(Deno.execPath(), {
        args: [...args, "--use-cache", runDir],
        stdout: "null",
        stderr: "piped",
      });
      const res = await resumed.output();
      assert.equal(res.code, 0, new TextDecoder().decode(res.stderr));

      const after = (await requestLog(sim.logPath)).slice(killedAt);
      for (const entry of after) {
        assert.ok(
          !finished.has(entry.prompt_sha256 ?? ""),
          "a finished sample was requested again",
        );
      }
      for (const file of ["gsm8k_main", "arc_ARC-Easy", "arc_ARC-Challenge"]) {
        const ls = await fileLines(join(runDir, "predictions/qwen2.5", `${file}.jsonl`));
        const indices = ls.map((l) => JSON.parse(l).index);
        assert.deepEqual(indices, [...indices.keys()], `${file}: every sample once, in order`);
      }

      const fresh = await evaluate({
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets: ["gsm8k", "arc"],
        dataset_dir: FIXTURES,
        work_dir: join(dir, "fresh"),
        eval_batch_size: 4,
      });
      assert.deepEqual((await readReports(runDir)).map(comparable), fresh.reports.map(comparable));
    });
  } finally {
    await sim.close();
  }
});

Deno.test("--use-cache reuses matching samples when the limit grows, and --rerun-review calls no model", async () => {
  const sim = await startSim({ answerKey: await gsm8kKey(() => true) });
  try {
    await withTempDir(async (dir) => {
      const base = {
        model: "qwen2.5",
        api_url: sim.apiUrl,
        datasets: ["gsm8k"],
        dataset_dir: FIXTURES,
        work_dir: dir,
        no_timestamp: true,
      };
      const first = await evaluate({ ...base, limit: 3 });
      assert.equal(first.requested, 3);
      const more = await evaluate({ ...base, limit: 5, use_cache: dir });
      assert.equal(more.requested, 2);
      assert.equal(more.reports[0].execution.cached, 3);
      const rescored = await evaluate({
        ...base,
        limit: 5,
        use_cache: dir,
        rerun_review: true,
        dataset_args: { gsm8k: { filters: { remove_until: "Step by step." } } },
      });
      assert.equal(rescored.requested, 0);
      assert.equal(rescored.reports[0].score, 1);
      assert.equal((await requestLog(sim.logPath)).length, 5);
    });
  } finally {
    await sim.close();
  }
});

Deno.test("--use-cache never reuses answers from another endpoint or another model", async () => {
  // Two servers that answer differently: a reused answer from the first would show in the score.
  const right = await startSim({ answerKey: await gsm8kKey(() => true) });
  const wrong = await startSim({ answerKey: await gsm8kKey(() => false) });
  try {
    await withTempDir(async (dir) => {
      const base = {
        model: "qwen2.5",
        datasets: ["gsm8k"],
        dataset_dir: FIXTURES,
        work_dir: dir,
        no_timestamp: true,
        limit: 3,
      };
      const first = await evaluate({ ...base, api_url: right.apiUrl });
      assert.equal(first.requested, 3);
      assert.equal(first.reports[0].score, 1);
      // Same model name, same requests, another endpoint: every answer is asked for again.
      const moved = await evaluate({ ...base, api_url: wrong.apiUrl, use_cache: dir });
      assert.equal(moved.requested, 3);
      assert.equal(moved.reports[0].execution.cached, 0);
      assert.equal(moved.reports[0].score, 0);
      // Same endpoint, another model name: asked again too.
      const renamed = await evaluate({
        ...base,
        model: "qwen2.5-other",
        api_url: wrong.apiUrl,
        use_cache: dir,
      });
      assert.equal(renamed.requested, 3);
      assert.equal(renamed.reports[0].execution.cached, 0);
      // The control: the same endpoint and model again reuse all three.
      const same = await evaluate({ ...base, api_url: wrong.apiUrl, use_cache: dir });
      assert.equal(same.requested, 0);
      assert.equal(same.reports[0].execution.cached, 3);
      assert.equal(same.reports[0].score, 0);
      assert.equal((await requestLog(right.logPath)).length, 3);
      assert.equal((await requestLog(wrong.logPath)).length, 6);
    });
  } finally {
    await right.close();
    await wrong.close();
  }
});
