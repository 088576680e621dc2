/**
 * A sharded evaluation: three shards run in sequence against the simulator and `lmeter merge`
 * joins them into files equal, byte for byte (timings, ids and timestamps masked), to one
 * unsharded run's. A missing or duplicated shard is refused by name.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { runCli } from "../capture_console.ts";
import {
  FIXTURES,
  gsm8kKey,
  startSim,
  type TestSim,
  wholeAndMergedReports,
  withTempDir,
} from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

function evalArgs(sim: TestSim, workDir: string, extra: string[] = []): string[] {
  return [
    "eval",
    "--model",
    "qwen2.5",
    "--api-url",
    sim.apiUrl,
    "--datasets",
    "gsm8k",
    "arc",
    "--limit",
    "5",
    "--repeats",
    "2",
    "--dataset-dir",
    FIXTURES,
    "--work-dir",
    workDir,
    "--no-timestamp",
    ...extra,
  ];
}

/** Every file of a run folder that the merge writes, by relative path, with volatile values masked. */
async function runFiles(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const sub of ["configs", "predictions", "reviews", "reports"]) {
    for await (const path of walk(join(root, sub))) {
      if (path.endsWith(".html")) continue;
      out.set(relative(root, path), mask(await Deno.readTextFile(path)));
    }
  }
  return out;
}

async function copyTree(from: string, to: string): Promise<void> {
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) {
      await Deno.mkdir(join(to, e.name));
      await copyTree(join(from, e.name), join(to, e.name));
    } else await Deno.copyFile(join(from, e.name), join(to, e.name));
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = [];
  for await (const e of Deno.readDir(dir)) entries.push(e);
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (e.isDirectory) yield* walk(join(dir, e.name));
    else yield join(dir, e.name);
  }
}

/** Timings, response ids, times of writing and the work folder differ between any two runs. */
function mask(text: string): string {
  return text
    .replace(
      /"(time|latency|ttft|mean|p50|p90|p99|max|created_at|id)": ?("[^"]*"|[\d.e-]+)/g,
      '"$1": "*"',
    )
    .replace(/^(\s*)(written_at|work_dir): .*$/gm, "$1$2: *");
}

Deno.test({
  ...opts,
  name:
    "three eval shards merge into the files of one unsharded run; missing and duplicate shards are refused",
  async fn() {
    const sim = await startSim({ answerKey: await gsm8kKey((i) => i % 3 !== 1) });
    try {
      await withTempDir(async (dir) => {
        const whole = await runCli(evalArgs(sim, join(dir, "whole")));
        assert.equal(whole.code, 0, whole.err);
        const shardDirs: string[] = [];
        for (let k = 0; k < 3; k++) {
          const shardDir = join(dir, `shard${k}`);
          const r = await runCli(evalArgs(sim, shardDir, ["--shard", `${k}/3`]));
          assert.equal(r.code, 0, r.err);
          const file = JSON.parse(await Deno.readTextFile(join(shardDir, "shard.json")));
          assert.equal(file.index, k);
          assert.equal(file.count, 3);
          shardDirs.push(shardDir);
        }
        // Shard 1 holds groups 1 and 4 of gsm8k: both attempts of each, nothing else.
        const part = await Deno.readTextFile(
          join(shardDirs[1], "predictions/qwen2.5/gsm8k_main.jsonl"),
        );
        assert.deepEqual(
          part.trim().split("\n").map((l) => [JSON.parse(l).group_id, JSON.parse(l).repeat]),
          [[1, 0], [1, 1], [4, 0], [4, 1]],
        );

        const merged = await runCli([
          "merge",
          ...shardDirs.toReversed(),
          "--to",
          join(dir, "merged"),
        ]);
        assert.equal(merged.code, 0, merged.err);
        const expected = await runFiles(join(dir, "whole"));
        const actual = await runFiles(join(dir, "merged"));
        assert.deepEqual([...actual.keys()], [...expected.keys()]);
        for (const [path, text] of expected) assert.equal(actual.get(path), text, path);
        assert.ok(
          (await Deno.stat(join(dir, "merged", "reports", "report.html"))).isFile,
        );

        const missing = await runCli([
          "merge",
          shardDirs[0],
          shardDirs[2],
          "--to",
          join(dir, "m2"),
        ]);
        assert.equal(missing.code, 2);
        assert.match(missing.err, /Cannot merge: shard 1\/3 missing \(gsm8k\/main groups 1, 4\)/);
        const twice = await runCli([
          "merge",
          shardDirs[0],
          shardDirs[1],
          shardDirs[1],
          "--to",
          join(dir, "m3"),
        ]);
        assert.equal(twice.code, 2);
        assert.match(twice.err, /shard 1\/3 is given twice/);

        // A shard of other settings, and a shard that lost a sample group, are refused by name.
        const other = join(dir, "other");
        await Deno.mkdir(other);
        await copyTree(shardDirs[1], other);
        const file = JSON.parse(await Deno.readTextFile(join(other, "shard.json")));
        await Deno.writeTextFile(
          join(other, "shard.json"),
          JSON.stringify({ ...file, config_digest: "0".repeat(64) }),
        );
        const mixed = await runCli([
          "merge",
          shardDirs[0],
          other,
          shardDirs[2],
          "--to",
          join(dir, "m4"),
        ]);
        assert.equal(mixed.code, 2);
        assert.match(
          mixed.err,
          /Cannot merge .*other with .*shard0: they are shards of different evaluations \(different settings/,
        );
        await Deno.writeTextFile(join(other, "shard.json"), JSON.stringify(file));
        const predictions = join(other, "predictions/qwen2.5/gsm8k_main.jsonl");
        const lines = (await Deno.readTextFile(predictions)).trim().split("\n");
        await Deno.writeTextFile(predictions, lines.slice(0, 2).join("\n") + "\n");
        const lost = await runCli([
          "merge",
          shardDirs[0],
          other,
          shardDirs[2],
          "--to",
          join(dir, "m5"),
        ]);
        assert.equal(lost.code, 2);
        assert.match(lost.err, /gsm8k\/main groups 4 are in no shard \(shard 1\/3/);
      });
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  ...opts,
  name:
    "a sharded arena_hard run merges into the unsharded run's report: the Bradley–Terry rows are computed over every shard's games",
  async fn() {
    const candidate = await startSim({ answerKey: [{ match: ".", answer: "Candidate answer." }] });
    // The candidate wins when it sits in seat A on questions 1 and 3, and every other game is a tie.
    const judge = await startSim({
      answerKey: [
        { match: "<|User Prompt|>\nName a prime", answer: "[[A=B]]" },
        {
          match: "<|The Start of Assistant A's Answer|>\nCandidate answer.",
          answer: "[[A>B]]",
        },
        { match: "<|User Prompt|>", answer: "[[A=B]]" },
      ],
      models: ["judge-m"],
    });
    try {
      await withTempDir(async (dir) => {
        const args = (workDir: string, extra: string[] = []) => [
          "eval",
          ...["--model", "qwen2.5", "--api-url", candidate.apiUrl],
          ...["--datasets", "arena_hard", "--dataset-dir", FIXTURES],
          ...["--judge-model-args", JSON.stringify({ api_url: judge.apiUrl, model_id: "judge-m" })],
          ...["--work-dir", workDir, "--no-timestamp"],
          ...extra,
        ];
        const { expected, actual } = await wholeAndMergedReports(
          dir,
          args,
          "reports/qwen2.5/arena_hard.json",
        );
        assert.equal(expected.metrics[0].aggregation, "elo");
        assert.ok(expected.score > 0.5 && expected.score < 1, String(expected.score));
        assert.deepEqual(actual.metrics, expected.metrics);
        assert.equal(actual.score, expected.score);
        assert.equal(mask(JSON.stringify(actual)), mask(JSON.stringify(expected)));
      });
    } finally {
      await candidate.close();
      await judge.close();
    }
  },
});
