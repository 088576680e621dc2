/**
 * Reads what earlier runs recorded, for benchmarks built from them (`def.fromRuns`, general_arena):
 * each report folder `<run>/reports/<model>` gives its benchmarks and subsets (from the report
 * files), the answers (`<run>/reviews/<model>/<benchmark>_<subset>.jsonl`) and the prompts
 * (`<run>/predictions/<model>/…`), joined by sample index.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { UserError } from "../../errors.ts";
import { readTable } from "../../data/mod.ts";
import { readReport } from "../../results/eval/report_file.ts";
import { subsetFileName } from "../../results/eval/layout.ts";
import { isRecord } from "../../util/is_record.ts";
import type { RunAnswer, RunOutputs } from "../benchmark/benchmark.ts";

/** The reviews and predictions folders beside a report folder. */
export function runFolders(reportPath: string): { reviews: string; predictions: string } {
  const root = dirname(dirname(reportPath));
  const model = basename(reportPath);
  return { reviews: join(root, "reviews", model), predictions: join(root, "predictions", model) };
}

/** Reads one report folder's benchmarks, subsets and answers. */
export async function readRunOutputs(reportPath: string): Promise<RunOutputs> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(reportPath)) {
      if (entry.isFile && entry.name.endsWith(".json")) names.push(entry.name);
    }
  } catch (e) {
    throw new UserError(
      `Cannot read the run reports in ${reportPath}: ${(e as Error).message}`,
      "Give report_path as an earlier run's outputs/<run>/reports/<model> folder.",
    );
  }
  const { reviews, predictions } = runFolders(reportPath);
  const subsets: RunOutputs["subsets"] = [];
  for (const name of names.sort()) {
    const report = await readReport(join(reportPath, name));
    const subsetNames = report.metrics[0]?.categories.flatMap((c) =>
      c.subsets.map((s) => s.name)
    ) ?? [];
    for (const subset of subsetNames) {
      const file = subsetFileName(report.datasetName, subset);
      subsets.push({
        dataset: report.datasetName,
        subset,
        answers: await readAnswers(join(reviews, file), join(predictions, file)),
      });
    }
  }
  return { reportPath, subsets };
}

/** The answers of one subset file, in index order (first attempt of each sample). */
async function readAnswers(reviewFile: string, predictionFile: string): Promise<RunAnswer[]> {
  const questions = new Map<number, string>();
  for (const row of await readTable(predictionFile)) {
    const messages = Array.isArray(row.messages) ? row.messages : [];
    const user = messages.findLast((m) => isRecord(m) && m.role === "user");
    if (isRecord(user) && !questions.has(Number(row.index))) {
      questions.set(Number(row.index), String(user.content ?? ""));
    }
  }
  const answers = new Map<number, RunAnswer>();
  for (const row of await readTable(reviewFile)) {
    const index = Number(row.index);
    const score = isRecord(row.sample_score) && isRecord(row.sample_score.score)
      ? row.sample_score.score
      : {};
    if (answers.has(index)) continue;
    answers.set(index, {
      index,
      question: questions.get(index) ?? "",
      answer: String(score.prediction ?? ""),
    });
  }
  return [...answers.values()].sort((a, b) => a.index - b.index);
}
