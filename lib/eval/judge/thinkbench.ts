/**
 * Reasoning efficiency of a finished math run (EvalScope's thinkbench): for each successful
 * sample of a benchmark in a run folder, its thinking (`reasoning_content`, else the text before
 * `</think>`) is split into steps at blank lines and counted with a tokenizer; an LLM judge names
 * the first step that reaches the reference answer; the statistics are `lib/metrics`'s. Subsets
 * are the levels (MATH-500's `Level 1` … `Level 5`).
 *
 * @module
 */
import { join } from "node:path";
import { UserError } from "../../errors.ts";
import type { Tokenizer } from "../../tokenizer/types.ts";
import {
  countThoughts,
  type LevelEfficiency,
  levelEfficiency,
  type SampleEfficiency,
  sampleEfficiency,
  splitSteps,
} from "../../metrics/reasoning_efficiency.ts";
import { isRecord } from "../../util/is_record.ts";
import { readTable } from "../../data/mod.ts";
import { runPool } from "../run/pool.ts";
import { targetText } from "../benchmark/types.ts";
import type { Judge } from "./types.ts";
import { fillJudgePrompt } from "./generic_judge.ts";

/** The step judge's prompt (lmeter's own, ProcessBench-style). */
export const FIRST_CORRECT_PROMPT =
  `Below are a math problem, its reference answer, and a solution attempt split into numbered steps.

Problem:
{problem}

Reference answer: {answer}

Steps:
{steps}

Find the earliest step at which the attempt has reached the reference answer: the step states a result equal to it. Reply with that step's number written as [[k]], or [[-1]] if no step reaches it. Reply with nothing else.`;

/** One sample's result. */
export interface ThinkSample {
  level: string;
  index: number;
  steps: number;
  firstCorrectStep: number | null;
  stats: SampleEfficiency;
}

/** What {@linkcode thinkbench} found. */
export interface ThinkbenchResult {
  benchmark: string;
  model: string;
  levels: LevelEfficiency[];
  samples: ThinkSample[];
  /** Samples the judge could not mark (failed call or no `[[k]]`): left out of the statistics. */
  judgeErrors: number;
  /** Successful samples without any thinking: left out. */
  noReasoning: number;
}

/** The step number of a judge reply: the first `[[k]]`; -1 gives null (no step); no match: undefined. */
export function parseStep(reply: string): number | null | undefined {
  const m = /\[\[(-?\d+)\]\]/.exec(reply);
  if (!m) return undefined;
  const k = Number(m[1]);
  return k < 0 ? null : k;
}

/** The thinking of an answer: its `reasoning_content`, else the text before `</think>`. */
export function thinkingOf(message: Record<string, unknown>): string {
  const reasoning = message.reasoning_content;
  if (typeof reasoning === "string" && reasoning.trim() !== "") return reasoning;
  const content = typeof message.content === "string" ? message.content : "";
  const end = content.indexOf("</think>");
  return end < 0 ? "" : content.slice(0, end).replace(/^\s*<think>/, "");
}

/** Measures the reasoning efficiency of `benchmark` in the run folder `runDir`. */
export async function thinkbench(options: {
  runDir: string;
  benchmark: string;
  judge: Judge;
  tokenizer: Tokenizer;
  concurrency: number;
  model?: string;
  signal?: AbortSignal;
}): Promise<ThinkbenchResult> {
  const model = options.model ?? await onlyModel(options.runDir);
  const items = await readItems(options.runDir, { model, benchmark: options.benchmark });
  const samples: ThinkSample[] = [];
  let judgeErrors = 0;
  let noReasoning = 0;
  await runPool(items, { concurrency: options.concurrency }, async (item) => {
    const steps = splitSteps(item.thinking);
    if (steps.length === 0) {
      noReasoning++;
      return;
    }
    const content = fillJudgePrompt(FIRST_CORRECT_PROMPT, {
      problem: item.problem,
      answer: item.answer,
      steps: steps.map((s, i) => `[${i}] ${s}`).join("\n\n"),
    });
    const reply = await options.judge.ask([{ role: "user", content }], {
      signal: options.signal,
    });
    const step = reply.error === undefined ? parseStep(reply.text) : undefined;
    if (step === undefined) {
      judgeErrors++;
      return;
    }
    const stats = sampleEfficiency({
      stepTokens: steps.map((s) => options.tokenizer.count(s)),
      firstCorrectStep: step,
      correct: item.correct,
      thoughts: countThoughts(item.thinking),
    });
    samples.push({
      level: item.level,
      index: item.index,
      steps: steps.length,
      firstCorrectStep: step,
      stats,
    });
  });
  const order = [...new Set(items.map((i) => i.level))];
  samples.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || a.index - b.index);
  return {
    benchmark: options.benchmark,
    model,
    levels: levelEfficiency(samples),
    samples,
    judgeErrors,
    noReasoning,
  };
}

interface Item {
  level: string;
  index: number;
  problem: string;
  answer: string;
  thinking: string;
  correct: boolean;
}

async function onlyModel(runDir: string): Promise<string> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(join(runDir, "predictions"))) {
      if (e.isDirectory) names.push(e.name);
    }
  } catch { /* reported below */ }
  if (names.length !== 1) {
    throw new UserError(
      `Cannot read ${runDir}: ${
        names.length === 0 ? "no predictions folder" : `${names.length} models`
      }`,
      names.length === 0
        ? "Pass the folder of an eval run."
        : `Pass --model (one of ${names.join(", ")}).`,
    );
  }
  return names[0];
}

async function readItems(
  runDir: string,
  options: { model: string; benchmark: string },
): Promise<Item[]> {
  const dir = join(runDir, "predictions", options.model);
  const prefix = `${options.benchmark}_`;
  const files: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && e.name.startsWith(prefix) && e.name.endsWith(".jsonl")) files.push(e.name);
    }
  } catch { /* reported below */ }
  if (files.length === 0) {
    throw new UserError(
      `Cannot measure reasoning efficiency: ${dir} holds no ${options.benchmark} predictions`,
      "Pass the run folder and benchmark of a finished eval run (e.g. math_500).",
    );
  }
  const items: Item[] = [];
  for (const file of files.sort()) {
    const level = file.slice(prefix.length, -".jsonl".length);
    const reviews = new Map<number, Record<string, unknown>>();
    for (const r of await jsonLines(join(runDir, "reviews", options.model, file))) {
      if (typeof r.index === "number") reviews.set(r.index, r);
    }
    for (const p of await jsonLines(join(dir, file))) {
      if (p.status !== "success" || typeof p.index !== "number") continue;
      const messages = Array.isArray(p.messages) ? p.messages.filter(isRecord) : [];
      const answer = messages.at(-1) ?? {};
      const problem = messages.slice(0, -1).findLast((m) => m.role === "user")?.content;
      items.push({
        level,
        index: p.index,
        problem: typeof problem === "string" ? problem : "",
        answer: targetText(p.target as string | string[]),
        thinking: thinkingOf(answer),
        correct: reviewCorrect(reviews.get(p.index)),
      });
    }
  }
  return items;
}

/** A review's main score is 1 (or more). */
function reviewCorrect(review: Record<string, unknown> | undefined): boolean {
  const ss = review?.sample_score;
  const score = isRecord(ss) && isRecord(ss.score) ? ss.score : null;
  if (!score || !isRecord(score.value)) return false;
  const main = typeof score.main_score_name === "string" ? score.main_score_name : "";
  const v = score.value[main] ?? Object.values(score.value)[0];
  return typeof v === "number" && v >= 1;
}

/** The records of a JSONL file; none when it does not exist. */
async function jsonLines(path: string): Promise<Record<string, unknown>[]> {
  try {
    await Deno.stat(path);
  } catch {
    return [];
  }
  return (await readTable(path)).filter(isRecord);
}
