import assert from "node:assert/strict";
import { join } from "node:path";
import { buildScope } from "../jobs/scope.ts";
import {
  JobEngine,
  type JobEngineOptions,
  type KindHandler,
  missingSecrets,
  PERF_INTERRUPTED,
  type RunJob,
  type RunSummary,
} from "./engine.ts";
import { JobStore } from "./job_store.ts";

const COUNTS = { total: 1, completed: 1, errored: 0 };

/** A kind whose jobs do nothing but wait for the test (its config's `url` is the target). */
function fakeKind(resumable: boolean): KindHandler {
  return {
    check: (config) => ({ url: typeof config.url === "string" ? config.url : null }),
    prepare: (config, ctx) =>
      Promise.resolve({
        job: "fake",
        input: { ...config, resume: ctx.resume },
        scope: buildScope({}),
      }),
    summarize: (output) => output as RunSummary,
    files: { log: "log.txt", report: "report.html", progress: "progress.json" },
    resumable,
  };
}

/** Jobs that run until the test finishes them; records what ran, in order. */
class FakeRunner {
  readonly started: { name: string; resume: boolean; input: Record<string, unknown> }[] = [];
  readonly #finish = new Map<string, (s: RunSummary) => void>();
  run: RunJob = (_job, input, options) => {
    const i = input as Record<string, unknown>;
    const name = String(i.name);
    this.started.push({ name, resume: i.resume === true, input: i });
    return new Promise((resolve) => {
      this.#finish.set(name, resolve);
      options.signal?.addEventListener(
        "abort",
        () => resolve({ counts: COUNTS, error: null, interrupted: true }),
      );
    });
  };
  finish(name: string, summary: RunSummary = { counts: COUNTS, error: null, interrupted: false }) {
    this.#finish.get(name)!(summary);
  }
  names(): string[] {
    return this.started.map((s) => s.name);
  }
}

async function withEngine(
  options: Partial<JobEngineOptions> & { dir: string; runner: FakeRunner },
): Promise<JobEngine> {
  const store = await JobStore.open(join(options.dir, "jobs.kv"));
  const engine = new JobEngine({
    store,
    kinds: { eval: fakeKind(true), perf: fakeKind(false) },
    outputs: options.dir,
    maxJobs: 2,
    cancelGraceMs: 1000,
    retentionDays: 30,
    pollMs: 60_000,
    log: () => {},
    run: options.runner.run,
    ...options,
  });
  await engine.start();
  return engine;
}

async function settle(engine: JobEngine, id: string) {
  const job = await engine.waitTerminal(id);
  assert.ok(job, `job ${id} is terminal`);
  return job;
}

/** Waits until the runner has started `n` jobs (the engine starts them asynchronously). */
async function started(runner: FakeRunner, n: number) {
  while (runner.started.length < n) await new Promise((r) => setTimeout(r, 5));
}

Deno.test("JobEngine runs perf jobs alone on their target, first come first served, and others beside them", async () => {
  const dir = await Deno.makeTempDir();
  const runner = new FakeRunner();
  const engine = await withEngine({ dir, runner, maxJobs: 3 });
  try {
    const a = "http://127.0.0.1:1/v1";
    const b = "http://127.0.0.1:2/v1";
    await engine.submit("perf", { name: "p1", url: a }, { id: "p1" });
    await engine.submit("perf", { name: "p2", url: a }, { id: "p2" });
    await engine.submit("eval", { name: "e1", url: a }, { id: "e1" });
    await engine.submit("eval", { name: "e2", url: b }, { id: "e2" });
    await started(runner, 2);
    // p2 and e1 wait for p1 (e1 may not overtake p2 on that target); e2 runs beside p1.
    assert.deepEqual(runner.names(), ["p1", "e2"]);
    runner.finish("p1");
    await settle(engine, "p1");
    await started(runner, 3);
    assert.deepEqual(runner.names(), ["p1", "e2", "p2"]);
    runner.finish("p2");
    await started(runner, 4);
    assert.deepEqual(runner.names(), ["p1", "e2", "p2", "e1"]);
    runner.finish("e1");
    runner.finish("e2");
    for (const id of ["p1", "p2", "e1", "e2"]) {
      assert.equal((await settle(engine, id)).status, "succeeded");
    }
  } finally {
    await engine.stop();
    engine.store.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("JobEngine runs at most max_jobs at once", async () => {
  const dir = await Deno.makeTempDir();
  const runner = new FakeRunner();
  const engine = await withEngine({ dir, runner, maxJobs: 1 });
  try {
    await engine.submit("eval", { name: "a" }, { id: "a" });
    await engine.submit("eval", { name: "b" }, { id: "b" });
    await started(runner, 1);
    assert.equal((await engine.store.get("b"))?.status, "queued");
    runner.finish("a");
    await started(runner, 2);
    runner.finish("b");
    assert.equal((await settle(engine, "b")).status, "succeeded");
  } finally {
    await engine.stop();
    engine.store.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("JobEngine: the same id and config is the same job, another config a conflict; secrets are not stored", async () => {
  const dir = await Deno.makeTempDir();
  const runner = new FakeRunner();
  const engine = await withEngine({ dir, runner });
  try {
    const first = await engine.submit("eval", { name: "x", api_key: "sk-secret" }, { id: "x" });
    assert.equal(first.outcome, "created");
    assert.equal(
      (await engine.submit("eval", { name: "x", api_key: "sk-other" }, { id: "x" })).outcome,
      "existing",
    );
    assert.equal((await engine.submit("eval", { name: "y" }, { id: "x" })).outcome, "conflict");
    await started(runner, 1);
    // The job got its key; the store never saw it.
    assert.equal(runner.started[0].input.api_key, "sk-secret");
    const stored = await engine.store.get("x");
    assert.deepEqual(stored?.secret_keys, ["api_key"]);
    assert.ok(!JSON.stringify(stored).includes("sk-secret"));
    runner.finish("x");
    await settle(engine, "x");
  } finally {
    await engine.stop();
    engine.store.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("JobEngine cancels a queued job at once and a running one after it flushes", async () => {
  const dir = await Deno.makeTempDir();
  const runner = new FakeRunner();
  const engine = await withEngine({ dir, runner, maxJobs: 1 });
  try {
    await engine.submit("eval", { name: "run" }, { id: "run" });
    await engine.submit("eval", { name: "wait" }, { id: "wait" });
    await started(runner, 1);
    assert.equal((await engine.cancel("wait"))?.status, "canceled");
    await engine.cancel("run");
    const job = await settle(engine, "run");
    assert.equal(job.status, "canceled");
    assert.deepEqual(job.result_counts, COUNTS);
    assert.deepEqual(runner.names(), ["run"]);
  } finally {
    await engine.stop();
    engine.store.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("after a restart an eval job resumes, a perf job fails as interrupted, a job without its key fails", async () => {
  const dir = await Deno.makeTempDir();
  const first = new FakeRunner();
  const engine = await withEngine({ dir, runner: first, maxJobs: 3 });
  await engine.submit("eval", { name: "e" }, { id: "e" });
  await engine.submit("perf", { name: "p", url: "http://127.0.0.1:1/v1" }, { id: "p" });
  await engine.submit("eval", { name: "k", api_key: "sk-1" }, { id: "k" });
  await started(first, 3);
  // A crash: the store goes first, so the jobs stay `running` in it.
  engine.store.close();
  await engine.stop();
  const second = new FakeRunner();
  const restarted = await withEngine({ dir, runner: second });
  try {
    await started(second, 1);
    assert.deepEqual(second.started.map((s) => [s.name, s.resume]), [["e", true]]);
    assert.equal((await restarted.store.get("e"))?.attempt, 2);
    const p = await settle(restarted, "p");
    assert.equal(p.status, "failed");
    assert.equal(p.error, PERF_INTERRUPTED);
    const k = await settle(restarted, "k");
    assert.equal(k.error, missingSecrets(["api_key"]));
    assert.match(k.error ?? "", /resubmit with api_key/);
    // Resubmitting with the key runs it again.
    await restarted.submit("eval", { name: "k", api_key: "sk-1" }, { id: "k" });
    await started(second, 2);
    assert.equal(second.started[1].input.api_key, "sk-1");
    second.finish("e");
    second.finish("k");
    assert.equal((await settle(restarted, "e")).status, "succeeded");
    assert.equal((await settle(restarted, "k")).status, "succeeded");
  } finally {
    await restarted.stop();
    restarted.store.close();
    await Deno.remove(dir, { recursive: true });
  }
});
