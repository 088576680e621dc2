/**
 * The kill -9 test of a judged benchmark, shared by the benchmarks' end-to-end tests: the run goes
 * through the CLI against a judge simulator that answers slowly, is killed with SIGKILL while
 * judge calls are in flight, and is resumed with `--use-cache`. The judge simulator's request log
 * then shows whether a prompt it had answered before the kill was asked again.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  answeredPrompts,
  evalCommandArgs,
  FIXTURES,
  type KeyEntry,
  requestLog,
  startSim,
  type TestSim,
  withTempDir,
} from "./helpers.ts";
import { ARENA_JUDGE_GEN } from "./arena_fixture.ts";
import { readReport } from "../../lib/results/eval/report_file.ts";
import type { EvalReport } from "../../lib/results/eval/report.ts";

/** How late the slow judge answers each call, in milliseconds. */
export const SLOW_JUDGE_MS = 800;

/** A judge simulator (model `judge-m`) answering every call {@linkcode SLOW_JUDGE_MS} late. */
export function startSlowJudge(answerKey: KeyEntry[]): Promise<TestSim> {
  return startSim({ answerKey, models: ["judge-m"], ttftMs: SLOW_JUDGE_MS });
}

/**
 * `lmeter eval` arguments of a judged run of `dataset` (model `qwen2.5` at `candidate`, the
 * fixtures' dataset folder, judge `judge-m` at `judge` without retries), then `extra`.
 */
function judgedRunArgs(
  dataset: string,
  options: {
    candidate: string;
    judge: string;
    runDir: string;
    /** More `judge_model_args` keys. */
    judgeArgs?: Record<string, unknown>;
    extra?: string[];
  },
): string[] {
  const judgeArgs = {
    api_url: options.judge,
    model_id: "judge-m",
    generation_config: ARENA_JUDGE_GEN,
    ...options.judgeArgs,
  };
  return [
    "--model",
    "qwen2.5",
    "--api-url",
    options.candidate,
    "--datasets",
    dataset,
    "--dataset-dir",
    FIXTURES,
    "--judge-model-args",
    JSON.stringify(judgeArgs),
    "--work-dir",
    options.runDir,
    "--no-timestamp",
    ...(options.extra ?? []),
  ];
}

/** What {@linkcode killAndResume} runs and expects. */
export interface KillAndResumeOptions {
  /** The judge simulator, slowed ({@linkcode startSlowJudge}). */
  judge: TestSim;
  /** `lmeter eval` arguments of the run, without `--use-cache`. */
  args: string[];
  /** The run's folder (its `--work-dir` with `--no-timestamp`). */
  runDir: string;
  /** The report file, relative to `runDir` (e.g. `reports/qwen2.5/simple_qa.json`). */
  report: string;
  /** The run is killed once the judge has given this many replies. */
  killAfter: number;
  /** Distinct judge prompts of the whole run. */
  calls: number;
  samples: number;
  /** Judge errors the resumed report must count (default 0). */
  judgeErrors?: number;
}

/**
 * Runs `args` through the CLI, kills it with SIGKILL while judge calls are in flight, resumes it
 * with `--use-cache`, and checks that no prompt the judge answered before the kill was asked
 * again, that every sample ends graded (scored or a judge error) and the judge errors counted.
 * Returns the resumed run's report.
 */
export async function killAndResume(options: KillAndResumeOptions): Promise<EvalReport> {
  const command = (args: string[]) =>
    new Deno.Command(Deno.execPath(), {
      args: evalCommandArgs(args),
      stdout: "null",
      stderr: "piped",
    });
  const child = command(options.args).spawn();
  const stderr = new Response(child.stderr).text();
  const deadline = Date.now() + 60_000;
  while ((await requestLog(options.judge.logPath)).length < options.killAfter) {
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the run did not reach the judge: ${await stderr}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  // Kill 300 ms after that reply was sent: long enough for the run to have stored it (a reply
  // that lands in the same instant as kill -9 cannot be kept by anyone), well before the next
  // replies (SLOW_JUDGE_MS after they were asked), so the next calls are in flight.
  await new Promise((r) => setTimeout(r, 300));
  child.kill("SIGKILL");
  await child.status;
  await stderr;
  const killedAt = Date.now();
  const answered = await answeredPrompts(options.judge.logPath);
  assert.ok(answered.size < options.calls, `answered ${answered.size} before the kill`);

  const resumed = await command([...options.args, "--use-cache", options.runDir]).output();
  assert.equal(resumed.code, 0, new TextDecoder().decode(resumed.stderr));
  // The resumed run's calls arrived after the kill; the killed run's calls in flight may be
  // logged later than the kill too, but arrived before it.
  const log = await requestLog(options.judge.logPath);
  const repeated = log.filter((l) =>
    Date.parse(l.time) > killedAt && answered.has(l.prompt_sha256)
  );
  assert.deepEqual(repeated, [], "the judge was asked again for a reply it had given");
  assert.equal(new Set(log.map((l) => l.prompt_sha256)).size, options.calls);
  const report = await readReport(join(options.runDir, options.report));
  const judgeErrors = options.judgeErrors ?? 0;
  assert.equal(report.execution.samples, options.samples);
  assert.equal(report.execution.judgeErrors ?? 0, judgeErrors);
  assert.equal(report.execution.scored, options.samples - judgeErrors);
  return report;
}

/**
 * {@linkcode killAndResume} of a judged run of `dataset` ({@linkcode judgedRunArgs}: model
 * `qwen2.5` at `candidate`) in a fresh folder; returns the resumed run's report.
 */
export function killAndResumeRun(
  dataset: string,
  options: Omit<KillAndResumeOptions, "args" | "runDir" | "report"> & {
    candidate: TestSim;
    judgeArgs?: Record<string, unknown>;
    extra?: string[];
  },
): Promise<EvalReport> {
  const { candidate, judgeArgs, extra, ...expected } = options;
  return withTempDir((dir) => {
    const runDir = join(dir, "run");
    const args = judgedRunArgs(dataset, {
      candidate: candidate.apiUrl,
      judge: options.judge.apiUrl,
      runDir,
      ...(judgeArgs ? { judgeArgs } : {}),
      ...(extra ? { extra } : {}),
    });
    return killAndResume({ ...expected, args, runDir, report: `reports/qwen2.5/${dataset}.json` });
  });
}
