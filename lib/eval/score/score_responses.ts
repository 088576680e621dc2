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
import { type Sample, type Score, targetText } from "../benchmark/types.ts";
import { ScoringError } from "./scoring_error.ts";

/** One scored response. */
export interface ScoredResponse {
  id: string;
  extracted: string;
  /** The headline metric's value (0–1). */
  score: number;
  /** Every metric the scorer produced. */
  scores: Record<string, number>;
  /** Per extractor variant, when asked: what it extracted and the score it gives. */
  variants?: Record<string, { extracted: string; score: number }>;
  /** False when the variants do not all give the same score. */
  agree?: boolean;
}

/** Scores input rows `{id?, target, response, choices?}`; errors name the file and line. */
export async function scoreResponses(
  bench: ResolvedBenchmark,
  rows: readonly Row[],
  options: { variants?: readonly string[]; signal?: AbortSignal } = {},
): Promise<ScoredResponse[]> {
  const out: ScoredResponse[] = [];
  const signal = options.signal ?? new AbortController().signal;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const where = () => {
      const src = rowSource(row);
      return src ? describeSource(src) : `input line ${i + 1}`;
    };
    const response = row.response;
    const target = row.target;
    if (typeof response !== "string") throw badLine(where(), "response", "a string", response);
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
    const sample: Sample = {
      input: "",
      target: Array.isArray(target) ? target.map(String) : String(target),
      ...(choices ? { choices: choices as string[] } : {}),
    };
    const id = typeof row.id === "string" || typeof row.id === "number"
      ? String(row.id)
      : String(i + 1);
    const failed = (what: string, cause: unknown) =>
      new ScoringError({ sampleId: id, where: where(), what, cause });
    const filtered = applyFilters(response, bench.filters);
    let score: Score;
    try {
      const extracted = bench.extractor.extract(filtered, sample);
      score = await bench.scorer.score(
        { sample, response, filtered, extracted, reasoning: "" },
        { signal, params: bench.params },
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
      score: score.value[main] ?? 0,
      scores: score.value,
    };
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
    out.push(item);
  }
  return out;
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
