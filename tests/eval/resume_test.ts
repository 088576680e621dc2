import assert from "node:assert/strict";
import { join } from "node:path";
import type { EvalReport } from "../../lib/results/eval/report.ts";
import { readReport } from "../../lib/results/eval/report_file.ts";
import {
  evalCommandArgs,
  evaluate,
  fileLines,
  FIXTURES,
  gsm8kKey,
  requestLog,
  sha256,
  startSim,
  withTempDir,
} from "./helpers.ts";
import { type KvConnectStub, startKvConnectStub } from "../kv/kv_connect_stub.ts";

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

/**
 * Where the resume store lives: the run folder's KV file, or a remote KV (`--cache-url`, here the
 * KV Connect stub, with its token in this process's DENO_KV_ACCESS_TOKEN for in-process runs).
 */
type StoreKind = "file" | "remote";
const STORES: StoreKind[] = ["file", "remote"];

async function withStore(
  kind: StoreKind,
  fn: (stub: KvConnectStub | null, cache: { cache_url?: string }) => Promise<void>,
): Promise<void> {
  if (kind === "file") return await fn(null, {});
  const stub = startKvConnectStub();
  const before = Deno.env.get("DENO_KV_ACCESS_TOKEN");
  Deno.env.set("DENO_KV_ACCESS_TOKEN", stub.token);
  try {
    await fn(stub, { cache_url: stub.url });
  } finally {
    if (before === undefined) Deno.env.delete("DENO_KV_ACCESS_TOKEN");
    else Deno.env.set("DENO_KV_ACCESS_TOKEN", before);
    await stub.close();
  }
}

/** The run folder `dir` has a KV file exactly when no remote store was used, and the stub was written. */
async function assertStoreUsed(stub: KvConnectStub | null, dir: string): Promise<void> {
  const file = await Deno.stat(join(dir, "cache", "eval_store.kv")).then(() => true, () => false);
  assert.equal(file, stub === null, "where the store is");
  if (stub) assert.ok(stub.requests.includes("/v2/atomic_write"), "nothing was written remotely");
}

for (const kind of STORES) {
  const title = kind === "file"
    ? "kill -9 halfway, then --use-cache: same reports as an uninterrupted run, no finished sample requested twice"
    : "kill -9 halfway with --cache-url, then a retried run in a new folder: same reports, no finished sample requested twice, the token in no file or log";
  Deno.test(title, async () => {
    const key = await gsm8kKey((i) => i % 2 === 0);
    // Slow enough that the run is still going when it is killed.
    const sim = await startSim({ answerKey: key, ttftMs: 150 });
    try {
      await withStore(kind, (stub) => withTempDir((dir) => killAndResume(dir, { sim, stub })));
    } finally {
      await sim.close();
    }
  });
}

/** The kill -9 test: a run killed halfway, then resumed (file) or retried elsewhere (remote). */
async function killAndResume(
  dir: string,
  ctx: { sim: { apiUrl: string; logPath: string }; stub: KvConnectStub | null },
): Promise<void> {
  const { sim, stub } = ctx;
  const runDir = join(dir, "run");
  const args = (workDir: string) =>
    evalCommandArgs([
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
      workDir,
      "--no-timestamp",
      ...(stub ? ["--cache-url", stub.url] : []),
    ]);
  const child = new Deno.Command(Deno.execPath(), {
    args: args(runDir),
    stdout: "null",
    stderr: "null",
  }).spawn();
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

  // A file store resumes its folder; a remote store serves a retried pod with a fresh folder,
  // which reads the token from a file this time (and has none in its environment).
  let resumedDir = runDir;
  let resumedArgs = [...args(runDir), "--use-cache", runDir];
  const env = Deno.env.toObject();
  if (stub) {
    resumedDir = join(dir, "retry");
    const tokenFile = join(dir, "kv-token");
    await Deno.writeTextFile(tokenFile, `${stub.token}\n`);
    resumedArgs = [...args(resumedDir), "--cache-token-file", tokenFile];
    delete env.DENO_KV_ACCESS_TOKEN;
  }
  const res = await new Deno.Command(Deno.execPath(), {
    args: resumedArgs,
    stdout: "piped",
    stderr: "piped",
    clearEnv: true,
    env,
  }).output();
  const output = new TextDecoder().decode(res.stdout) + new TextDecoder().decode(res.stderr);
  assert.equal(res.code, 0, output);

  const after = (await requestLog(sim.logPath)).slice(killedAt);
  for (const entry of after) {
    assert.ok(!finished.has(entry.prompt_sha256 ?? ""), "a finished sample was requested again");
  }
  for (const file of ["gsm8k_main", "arc_ARC-Easy", "arc_ARC-Challenge"]) {
    const ls = await fileLines(join(resumedDir, "predictions/qwen2.5", `${file}.jsonl`));
    const indices = ls.map((l) => JSON.parse(l).index);
    assert.deepEqual(indices, [...indices.keys()], `${file}: every sample once, in order`);
  }
  if (stub) {
    assert.match(output, /samples reused from the run cache/);
    assert.ok(!output.includes(stub.token), "the token was printed");
    for (const file of await filesUnder(dir)) {
      if (file.endsWith("kv-token")) continue;
      const text = new TextDecoder().decode(await Deno.readFile(file));
      assert.ok(!text.includes(stub.token), `the token is in ${file}`);
    }
  }

  const fresh = await evaluate({
    model: "qwen2.5",
    api_url: sim.apiUrl,
    datasets: ["gsm8k", "arc"],
    dataset_dir: FIXTURES,
    work_dir: join(dir, "fresh"),
    eval_batch_size: 4,
  });
  assert.deepEqual((await readReports(resumedDir)).map(comparable), fresh.reports.map(comparable));
}

/** Every file under `dir`. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) out.push(...await filesUnder(path));
    else if (e.isFile) out.push(path);
  }
  return out;
}

for (const kind of STORES) {
  Deno.test(`--use-cache (${kind} store) reuses matching samples when the limit grows, and --rerun-review calls no model`, async () => {
    const sim = await startSim({ answerKey: await gsm8kKey(() => true) });
    try {
      await withStore(kind, (stub, cache) =>
        withTempDir(async (dir) => {
          const base = {
            ...cache,
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
          await assertStoreUsed(stub, dir);
        }));
    } finally {
      await sim.close();
    }
  });
}

for (const kind of STORES) {
  Deno.test(`--use-cache (${kind} store) never reuses answers from another endpoint or another model`, async () => {
    // Two servers that answer differently: a reused answer from the first would show in the score.
    const right = await startSim({ answerKey: await gsm8kKey(() => true) });
    const wrong = await startSim({ answerKey: await gsm8kKey(() => false) });
    try {
      await withStore(kind, (stub, cache) =>
        withTempDir(async (dir) => {
          const base = {
            ...cache,
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
          await assertStoreUsed(stub, dir);
        }));
    } finally {
      await right.close();
      await wrong.close();
    }
  });
}
