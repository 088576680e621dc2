/**
 * Shared pieces of the eval end-to-end tests: fixture paths, answer keys built from the
 * fixtures, a simulator per test, and in-process runs.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import { readTable, resolveDataSettings, type Row } from "../../lib/data/mod.ts";
import { libDataAccess } from "../../lib/eval/data/data_access.ts";
import { runEvaluation, type RunResult } from "../../lib/eval/run/run_evaluation.ts";
import type { TaskConfig } from "../../lib/eval/config/task_config.ts";
import { optionLabel } from "../../lib/eval/prompt/mcq.ts";
import type { ProgramRunner } from "../../lib/eval/benchmark/execution.ts";
import { startSimulator } from "../../lib/sim/mod.ts";
import { parseCommandArgs } from "../../lib/cli/command.ts";
import { scoreCommand } from "../../lib/cli/score.ts";
import { runCli } from "../capture_console.ts";

export { withTempDir } from "./temp_dir.ts";

/** The fixture datasets (our own items, in the real column layouts). */
export const FIXTURES = new URL("../fixtures/eval/data/", import.meta.url).pathname;

/** One answer-key line of the simulator. */
export interface KeyEntry {
  match: string;
  answer: string;
  wrong_answer?: string;
  p_correct?: number;
  /** A scripted failure for every request the entry matches (`500`, `hang`, …). */
  fault?: string;
  /** Sent as `reasoning_content` before the answer. */
  reasoning?: string;
}

/** Reads a fixture file. */
export function fixture(path: string): Promise<Row[]> {
  return readTable(join(FIXTURES, path));
}

/** Right on the items whose position satisfies `right`, wrong (but readable) on the others. */
export async function gsm8kKey(right: (i: number) => boolean): Promise<KeyEntry[]> {
  const rows = await fixture("gsm8k/main/test-00000-of-00001.parquet");
  return rows.map((r, i) => {
    const target = String(r.answer).split("####").pop()!.trim();
    return {
      match: String(r.question),
      answer: right(i)
        ? `Step by step.\nThe answer is \\boxed{${target}}.`
        : `So it is \\boxed{${Number(target) + 7}}.`,
    };
  });
}

/** Multiple-choice key: `answerOf(row)` gives the right option index of a row. */
export function mcqKey(
  rows: readonly Row[],
  options: {
    right: (i: number) => boolean;
    question: (r: Row) => string;
    answerIndex: (r: Row) => number;
    count: (r: Row) => number;
    marker?: string;
  },
): KeyEntry[] {
  const marker = options.marker ?? "ANSWER: ";
  return rows.map((r, i) => {
    const a = options.answerIndex(r);
    const letter = optionLabel(options.right(i) ? a : (a + 1) % options.count(r));
    return { match: options.question(r), answer: `${marker}${letter}` };
  });
}

/** A running simulator for one test. */
export interface TestSim {
  /** OpenAI base URL (`…/v1`). */
  apiUrl: string;
  /** The JSONL request log. */
  logPath: string;
  close(): Promise<void>;
}

/** Starts the simulator on 127.0.0.1 with an answer key (zero latency unless given). */
export async function startSim(
  options: {
    answerKey?: KeyEntry[];
    ttftMs?: number;
    itlMs?: number;
    fault500Rate?: number;
    models?: string[];
  } = {},
): Promise<TestSim> {
  const dir = await Deno.makeTempDir({ prefix: "lmeter-sim-log-" });
  const logPath = join(dir, "requests.jsonl");
  const sim = await startSimulator({
    port: 0,
    ttftMs: options.ttftMs ?? 0,
    itlMs: options.itlMs ?? 0,
    models: options.models ?? ["qwen2.5"],
    answerKey: (options.answerKey ?? []) as never,
    fault500Rate: options.fault500Rate ?? 0,
    loremTokens: 8,
    requestLog: logPath,
  });
  const base = sim.url.replace(/\/+$/, "");
  return {
    apiUrl: base.endsWith("/v1") ? base : `${base}/v1`,
    logPath,
    close: async () => {
      await sim.close();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

/** `deno` arguments that run `lmeter eval` from source with `args` (for tests that kill the run). */
export function evalCommandArgs(args: readonly string[]): string[] {
  return lmeterCommandArgs("eval", args);
}

/** `deno` arguments that run `lmeter <command>` from source with `args`. */
export function lmeterCommandArgs(command: string, args: readonly string[]): string[] {
  const main = new URL("../../main.ts", import.meta.url).pathname;
  const config = new URL("../../deno.json", import.meta.url).pathname;
  return ["run", "-A", "--config", config, main, command, ...args];
}

/** The prompt hashes the simulator answered in full (its request log's `completed` lines). */
export async function answeredPrompts(logPath: string): Promise<Set<string | null>> {
  return new Set(
    (await requestLog(logPath)).filter((l) => l.outcome === "completed").map((l) =>
      l.prompt_sha256
    ),
  );
}

/** The non-empty lines of a file, or none when it does not exist (yet). */
export async function fileLines(path: string): Promise<string[]> {
  try {
    return (await Deno.readTextFile(path)).split("\n").filter((l) => l !== "");
  } catch {
    return [];
  }
}

/** The simulator's request log lines. */
export async function requestLog(
  path: string,
): Promise<{ prompt_sha256: string | null; outcome: string; seq: number; time: string }[]> {
  let text = "";
  try {
    text = await Deno.readTextFile(path);
  } catch {
    return [];
  }
  return text.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
}

/** Runs an evaluation in this process with the built-in benchmarks and lib/data. */
export function evaluate(
  config: TaskConfig,
  options: { signal?: AbortSignal; sandbox?: ProgramRunner } = {},
): Promise<RunResult> {
  return runEvaluation(config, {
    registry: BENCHMARKS,
    data: libDataAccess({
      settings: resolveDataSettings({
        LMETER_CACHE: "/nonexistent-lmeter-cache",
        LMETER_OFFLINE: "1",
      }),
      datasetDir: config.dataset_dir,
    }),
    output: "silent",
    signal: options.signal,
    sandbox: options.sandbox,
  });
}

/** Lower-case hex SHA-256 of a string (how the simulator logs prompts). */
export async function sha256(text: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Runs `lmeter score` with `args` in this process; returns its exit code and what it printed to stderr. */
export async function runScore(args: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const error = console.error;
  console.error = (...a: unknown[]) => err.push(a.join(" "));
  try {
    const options = await parseCommandArgs(scoreCommand.spec, args);
    const code = await scoreCommand.run({ options, signal: new AbortController().signal });
    return { code, err: err.join("\n") };
  } finally {
    console.error = error;
  }
}

/**
 * Runs one `lmeter eval` command line whole (`<dir>/whole`) and as two shards merged
 * (`<dir>/s0`, `<dir>/s1` → `<dir>/merged`); every command must exit 0. Returns the report at
 * `reportPath` (relative to a run folder) from the whole run and from the merge.
 */
export async function wholeAndMergedReports(
  dir: string,
  args: (workDir: string, extra?: string[]) => string[],
  reportPath: string,
  // deno-lint-ignore no-explicit-any
): Promise<{ expected: any; actual: any }> {
  const whole = await runCli(args(join(dir, "whole")));
  assert.equal(whole.code, 0, whole.err);
  const shards = [join(dir, "s0"), join(dir, "s1")];
  for (const [k, shard] of shards.entries()) {
    const r = await runCli(args(shard, ["--shard", `${k}/2`]));
    assert.equal(r.code, 0, r.err);
  }
  const merged = await runCli(["merge", ...shards, "--to", join(dir, "merged")]);
  assert.equal(merged.code, 0, merged.err);
  return {
    expected: JSON.parse(await Deno.readTextFile(join(dir, "whole", reportPath))),
    actual: JSON.parse(await Deno.readTextFile(join(dir, "merged", reportPath))),
  };
}
