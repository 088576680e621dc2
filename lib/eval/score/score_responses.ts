/**
 * Offline scoring (`lmeter score`): a benchmark's filters, extractor and scorer applied to
 * responses produced elsewhere, optionally with every extractor variant side by side.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import { describeSource, rowSource } from "../../data/row_source.ts";
import type { Row } from "../benchmark/benchmark.ts";
import { runVariant } from "./extractors.ts";
import { applyFilters } from "./filters.ts";
import type { ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";
import { type Sample, type Score, type ScoreUnits, targetText } from "../benchmark/types.ts";
import { ScoringError } from "./scoring_error.ts";
import { scoreContext } from "./score_sample.ts";
import { runPool } from "../run/pool.ts";
import type { ProgramRunner } from "../benchmark/execution.ts";
import type { Judge } from "../judge/types.ts";

/** One scored response. */
export interface ScoredResponse {
  id: string;
  extracted: string;
  /** The headline metric's value (0–1); null when the judge could not grade it. */
  score: number | null;
  /** Why the LLM judge could not grade it (the response then has no score). */
  judge_error?: string;
  /** Every metric the scorer produced. */
  scores: Record<string, number>;
  /** Per extractor variant, when asked: what it extracted and the score it gives. */
  variants?: Record<string, { extracted: string; score: number }>;
  /** False when the variants do not all give the same score. */
  agree?: boolean;
  /** For benchmarks that run code: how the sandbox run ended (`ok`, `error`, `timeout`, …). */
  status?: string;
  /** For benchmarks that run code: one result per test. */
  tests?: unknown[];
  /** What the scorer kept (IFEval's verdict lists), for input lines that are dataset rows. */
  details?: Record<string, unknown>;
  /** The score's parts, for metrics pooled over parts (IFEval's instructions). */
  units?: ScoreUnits;
}

/** Options of {@linkcode scoreResponses}. */
export interface ScoreResponsesOptions {
  variants?: readonly string[];
  signal?: AbortSignal;
  /** Runs the programs of benchmarks that execute code (required for those). */
  sandbox?: ProgramRunner;
  /** Lines scored at once (default 1; code benchmarks wait on the sandbox, judged ones on the judge). */
  concurrency?: number;
  /** The LLM judge, for benchmarks the judge strategy makes judged. */
  judge?: Judge;
}

/**
 * Scores input rows, in order; errors name the file and line. Rows are `{id?, target, response,
 * choices?}`, or the benchmark's own dataset row plus `response` (always for benchmarks that run
 * code; for the others when the row has no `target`, e.g. IFEval's `{key, prompt,
 * instruction_id_list, kwargs}`).
 */
export async function scoreResponses(
  bench: ResolvedBenchmark,
  rows: readonly Row[],
  options: ScoreResponsesOptions = {},
): Promise<ScoredResponse[]> {
  const out: ScoredResponse[] = new Array(rows.length);
  const signal = options.signal ?? new AbortController().signal;
  let failure: unknown = null;
  await runPool(rows.map((_, i) => i), {
    concurrency: options.concurrency ?? 1,
    stop: () => failure !== null || signal.aborted,
  }, async (i) => {
    try {
      out[i] = await scoreRow(bench, rows[i], { index: i, signal, options });
    } catch (e) {
      failure ??= e;
    }
  });
  if (failure !== null) throw failure;
  signal.throwIfAborted();
  return out;
}

async function scoreRow(
  bench: ResolvedBenchmark,
  row: Row,
  context: { index: number; signal: AbortSignal; options: ScoreResponsesOptions },
): Promise<ScoredResponse> {
  const { index: i, signal, options } = context;
  const where = () => {
    const src = rowSource(row);
    return src ? describeSource(src) : `input line ${i + 1}`;
  };
  const response = row.response;
  if (typeof response !== "string") throw badLine(where(), "response", "a string", response);
  const fromDataset = bench.def.runsCode === true || row.target === undefined;
  const sample = fromDataset ? datasetSample(bench, row, where) : plainSample(row, where);
  const id = typeof row.id === "string" || typeof row.id === "number"
    ? String(row.id)
    : sample.id ?? String(i + 1);
  const failed = (what: string, cause: unknown) =>
    new ScoringError({ sampleId: id, where: where(), what, cause });
  const filtered = applyFilters(response, bench.filters);
  let score: Score;
  try {
    const extracted = bench.extractor.extract(filtered, sample);
    score = await bench.scorer.score(
      { sample, response, filtered, extracted, reasoning: "" },
      scoreContext(bench, { signal, sandbox: options.sandbox, judge: options.judge }),
    );
  } catch (e) {
    if (signal.aborted) throw e;
    throw failed(`${bench.name}'s scorer`, e);
  }
  const main = bench.primaryMetric && bench.primaryMetric in score.value
    ? bench.primaryMetric
    : score.main;
  const item: ScoredResponse = {
    id,
    extracted: score.extracted,
    score: score.judgeError !== undefined ? null : score.value[main] ?? 0,
    ...(score.judgeError !== undefined ? { judge_error: score.judgeError } : {}),
    scores: score.value,
    ...(fromDataset && !bench.def.runsCode && score.metadata ? { details: score.metadata } : {}),
    ...(score.units ? { units: score.units } : {}),
  };
  const execution = score.metadata?.execution as { status?: string; tests?: unknown[] } | undefined;
  if (execution) {
    item.status = execution.status;
    item.tests = execution.tests;
  }
  if (options.variants && options.variants.length > 0) {
    item.variants = {};
    for (const name of options.variants) {
      try {
        item.variants[name] = runVariant(name, {
          text: filtered,
          sample,
          target: targetText(sample.target),
        });
      } catch (e) {
        throw failed(`extractor variant ${name}`, e);
      }
    }
    const values = new Set(Object.values(item.variants).map((v) => v.score));
    item.agree = values.size <= 1;
  }
  return item;
}

/** A `{target, choices?, question?}` line as a sample (a judge sees the question). */
function plainSample(row: Row, where: () => string): Sample {
  const target = row.target;
  const targetOk = typeof target === "string" || typeof target === "number" ||
    (Array.isArray(target) && target.every((t) => typeof t === "string"));
  if (!targetOk) throw badLine(where(), "target", 'a string such as "18" or "B"', target);
  const choices = row.choices;
  if (
    choices !== undefined &&
    !(Array.isArray(choices) && choices.every((c) => typeof c === "string"))
  ) {
    throw badLine(where(), "choices", "a list of strings", choices);
  }
  return {
    input: typeof row.question === "string" ? row.question : "",
    target: Array.isArray(target) ? target.map(String) : String(target),
    ...(choices ? { choices: choices as string[] } : {}),
  };
}

/** A dataset row (HumanEval, MBPP, LiveCodeBench) as the benchmark's own loader reads it. */
function datasetSample(bench: ResolvedBenchmark, row: Row, where: () => string): Sample {
  let sample: Sample | null;
  try {
    sample = bench.def.toSample(row);
  } catch (e) {
    throw new UserError(
      `Cannot score ${where()}: it ${(e as Error).message}`,
      `Each input line is a ${bench.name} dataset row (its own fields) plus "response".`,
    );
  }
  if (sample === null) {
    throw new UserError(
      `Cannot score ${where()}: ${bench.name} skips this row`,
      "Check its fields against the benchmark's dataset (lmeter benchmarks info).",
    );
  }
  return sample;
}

function badLine(where: string, field: string, expected: string, found: unknown): UserError {
  return new UserError(
    `Cannot score ${where}: ${
      found === undefined
        ? `no "${field}" field`
        : `"${field}" is ${JSON.stringify(found)?.slice(0, 40)}`
    } (expected ${expected})`,
    'Each input line is {"id"?: string, "target": string, "response": string, "choices"?: string[]}.',
  );
}
