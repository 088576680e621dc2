/**
 * Reasoning efficiency over a finished run (EvalScope's ThinkBench as `lmeter thinkbench`): for
 * each sample of one benchmark, the reasoning part of its response is counted with the tokenizer,
 * its switch phrases are counted, it is cut into paragraphs, and the judge marks the first
 * paragraph that reaches the correct answer. Per level (subset): the means of
 * `lib/metrics/reasoning_efficiency.ts`, with judge errors and skipped samples counted apart.
 *
 * The judge is the judge engine (its client, retries, `judge_worker_num`), its replies cached in
 * the run's store: a second analysis of the same run asks the judge nothing it answered. The run
 * folder is locked for the analysis, as for an eval.
 *
 * @module
 */
import { join } from "node:path";
import { iterateJsonl } from "../../data/jsonl.ts";
import {
  type ReasoningSample,
  reasoningStats,
  reflectionTokens,
  tokenEfficiency,
} from "../../metrics/reasoning_efficiency.ts";
import { runLayout, subsetFileName } from "../../results/eval/layout.ts";
import { readReport } from "../../results/eval/report_file.ts";
import {
  THINKBENCH_SCHEMA,
  type ThinkbenchLevel,
  type ThinkbenchReport,
  writeThinkbench,
} from "../../results/eval/thinkbench_file.ts";
import type { Tokenizer } from "../../tokenizer/mod.ts";
import { buildTokenizer } from "../data/build_samples.ts";
import { JudgeEngine } from "../judge/judge_engine.ts";
import type { JudgeSettings } from "../judge/settings.ts";
import type { Judge } from "../judge/types.ts";
import { acquireRunLock } from "../store/run_lock.ts";
import { RunStore } from "../store/run_store.ts";
import { critiquePrompt, parseFirstCorrect } from "./critique.ts";
import {
  countSwitches,
  reasoningPart,
  splitSegments,
  type SplitStrategy,
  SWITCH_PHRASES,
} from "./segments.ts";

/** What to analyse, resolved on the main thread (structured-clone safe). */
export interface ThinkbenchTask {
  /** The eval run folder. */
  runDir: string;
  /** The model folder under `reports/`. */
  model: string;
  benchmark: string;
  /** The judge (its `apiUrl` and `model` set). */
  judge: JudgeSettings;
  /** `o200k_base`, a tokenizer directory, or a hub id lmeter ships. */
  tokenizer: string;
  split: SplitStrategy;
  /** Samples per level at most (the first by index); null for all. */
  limit: number | null;
}

/** One sample's outcome, as its line in `<benchmark>_samples.jsonl`. */
interface SampleRow {
  level: string;
  index: number;
  status: "graded" | "judge_error" | "skipped";
  reason?: string;
  stats?: ReasoningSample & { firstCorrectIndex: number; paragraphs: number };
  judge?: { reply: string; cached: boolean };
}

/** Runs the analysis and writes its files; returns the report. */
export async function runThinkbench(
  task: ThinkbenchTask,
  options: { signal?: AbortSignal; log?: (line: string) => void } = {},
): Promise<ThinkbenchReport> {
  const log = options.log ?? ((line: string) => console.error(line));
  const layout = runLayout(task.runDir, task.model);
  const report = await readReport(join(layout.reports, `${task.benchmark}.json`));
  const levels = report.metrics[0]?.categories.flatMap((c) => c.subsets.map((s) => s.name)) ?? [];
  const tokenizer = await buildTokenizer(task.tokenizer, { where: "--tokenizer" });
  const lock = await acquireRunLock(join(task.runDir, "cache", "lock"));
  let store: RunStore | null = null;
  let judge: JudgeEngine | null = null;
  try {
    store = await RunStore.open(layout.store);
    judge = new JudgeEngine(task.judge, { store });
    const rows: SampleRow[] = [];
    const out: ThinkbenchLevel[] = [];
    for (const level of [...new Set(levels)]) {
      const got = await analyseLevel(task, {
        level,
        layout,
        tokenizer,
        judge,
        signal: options.signal,
      });
      rows.push(...got);
      out.push(levelRow(level, got));
      const last = out[out.length - 1];
      log(
        `${task.benchmark} ${level}: ${last.n} graded, ${last.judgeErrors} judge errors, ${last.skipped} skipped`,
      );
    }
    const result: ThinkbenchReport = {
      schema: THINKBENCH_SCHEMA,
      model: task.model,
      benchmark: task.benchmark,
      judgeModel: judge.model,
      tokenizer: tokenizer.name,
      split: task.split,
      switchPhrases: [...SWITCH_PHRASES],
      limit: task.limit,
      levels: out,
      overall: levelRow("OVERALL", rows),
      judge: { ...judge.stats },
      createdAt: new Date().toISOString(),
    };
    await store.flush();
    await writeThinkbench(task.runDir, result, {
      sampleLines: rows.map((r) => JSON.stringify(sampleLine(r))),
    });
    const s = judge.stats;
    log(
      `${task.benchmark}: judge ${judge.model}: ${s.calls} calls, ${s.cached} cached replies, ${s.failed} failed calls, ${result.overall.judgeErrors} judge errors`,
    );
    return result;
  } finally {
    judge?.close();
    await store?.close();
    lock.release();
  }
}

/** The samples of one level, each analysed (judge calls run together, capped by the engine). */
async function analyseLevel(
  task: ThinkbenchTask,
  ctx: {
    level: string;
    layout: ReturnType<typeof runLayout>;
    tokenizer: Tokenizer;
    judge: Judge;
    signal?: AbortSignal;
  },
): Promise<SampleRow[]> {
  const file = subsetFileName(task.benchmark, ctx.level);
  const scores = new Map<number, number | null>();
  for await (const r of iterateJsonl(join(ctx.layout.reviews, file), { signal: ctx.signal })) {
    const s =
      (r.sample_score as { score?: { value?: Record<string, unknown>; main_score_name?: string } })
        ?.score;
    const v = s?.value?.[s?.main_score_name ?? ""];
    scores.set(Number(r.index), typeof v === "number" ? v : null);
  }
  const predictions: Record<string, unknown>[] = [];
  for await (const r of iterateJsonl(join(ctx.layout.predictions, file), { signal: ctx.signal })) {
    predictions.push(r);
  }
  predictions.sort((a, b) => Number(a.index) - Number(b.index));
  const chosen = task.limit === null ? predictions : predictions.slice(0, task.limit);
  return await Promise.all(
    chosen.map((p) =>
      analyseSample(p, { ...ctx, score: scores.get(Number(p.index)) ?? null, split: task.split })
    ),
  );
}

async function analyseSample(
  p: Record<string, unknown>,
  ctx: {
    level: string;
    tokenizer: Tokenizer;
    judge: Judge;
    score: number | null;
    split: SplitStrategy;
    signal?: AbortSignal;
  },
): Promise<SampleRow> {
  const base = { level: ctx.level, index: Number(p.index) };
  if (p.status !== "success") {
    return { ...base, status: "skipped", reason: "the generation failed" };
  }
  if (ctx.score === null) return { ...base, status: "skipped", reason: "the sample has no score" };
  const messages = Array.isArray(p.messages) ? p.messages as Record<string, unknown>[] : [];
  const answer = messages[messages.length - 1] ?? {};
  const reasoning = reasoningPart({
    content: String(answer.content ?? ""),
    reasoning: typeof answer.reasoning_content === "string" ? answer.reasoning_content : null,
  });
  const reasoningTokens = ctx.tokenizer.count(reasoning);
  if (reasoningTokens === 0) return { ...base, status: "skipped", reason: "no reasoning text" };
  const problem = String(messages.findLast((m) => m.role === "user")?.content ?? "");
  const target = Array.isArray(p.target) ? p.target.map(String).join(", ") : String(p.target ?? "");
  const segments = splitSegments(reasoning, { strategy: ctx.split });
  const reply = await ctx.judge.ask(
    [{ role: "user", content: critiquePrompt(problem, { answer: target, segments }) }],
    { signal: ctx.signal },
  );
  const judge = { reply: reply.text, cached: reply.cached };
  if (reply.error !== undefined) {
    return { ...base, status: "judge_error", reason: reply.error, judge };
  }
  const verdict = parseFirstCorrect(reply.text, segments.length);
  if ("error" in verdict) return { ...base, status: "judge_error", reason: verdict.error, judge };
  const firstCorrectTokens = verdict.index < 0 ? 0 : Math.min(
    reasoningTokens,
    ctx.tokenizer.count(reasoning.slice(0, segments[verdict.index].end)),
  );
  return {
    ...base,
    status: "graded",
    stats: {
      reasoningTokens,
      firstCorrectTokens,
      thoughts: countSwitches(reasoning),
      score: ctx.score,
      firstCorrectIndex: verdict.index,
      paragraphs: segments.length,
    },
    judge,
  };
}

function levelRow(level: string, rows: readonly SampleRow[]): ThinkbenchLevel {
  const graded = rows.flatMap((r) => r.stats ? [r.stats] : []);
  return {
    level,
    samples: rows.length,
    judgeErrors: rows.filter((r) => r.status === "judge_error").length,
    skipped: rows.filter((r) => r.status === "skipped").length,
    ...reasoningStats(graded),
  };
}

function sampleLine(r: SampleRow): Record<string, unknown> {
  const s = r.stats;
  return {
    level: r.level,
    index: r.index,
    status: r.status,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    ...(s
      ? {
        reasoning_tokens: s.reasoningTokens,
        paragraphs: s.paragraphs,
        first_correct_index: s.firstCorrectIndex,
        first_correct_tokens: s.firstCorrectTokens,
        reflection_tokens: reflectionTokens(s),
        token_efficiency: tokenEfficiency(s),
        thoughts: s.thoughts,
        score: s.score,
      }
      : {}),
    ...(r.judge ? { judge: r.judge } : {}),
  };
}
