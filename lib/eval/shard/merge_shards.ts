/**
 * `lmeter merge <shard dirs…> --to DIR`: joins the run folders of `lmeter eval --shard K/N` into
 * one run folder, as if the evaluation had run unsharded. It refuses shards of different
 * evaluations, and missing or duplicate sample groups, naming them. Predictions and reviews are
 * concatenated in index order; each report is rebuilt from the per-sample scores by the same
 * aggregation a run uses — standard errors and confidence intervals are computed over all
 * samples, never averaged across shards.
 *
 * @module
 */
import { basename, join } from "node:path";
import { parse as parseYaml, stringify as toYaml } from "yaml";
import { UserError } from "../../errors.ts";
import { iterateLines } from "../../data/jsonl.ts";
import { isRecord } from "../../util/is_record.ts";
import { runLayout, subsetFileName } from "../../results/eval/layout.ts";
import type { EvalReport } from "../../results/eval/report.ts";
import { readReport, writeReport } from "../../results/eval/report_file.ts";
import { buildReport, type ReportBenchmark, type SampleResult } from "../score/aggregate.ts";
import type { EvalHtmlPage } from "../run/run_evaluation.ts";
import { readShardFile, type ShardBenchmark, type ShardFile } from "./shard_file.ts";

/** Options of {@linkcode mergeShards}. */
export interface MergeOptions {
  /** The merged run folder (created; must not hold a run already). */
  to: string;
  /** Draws `reports/report.html`; without it no page is written. */
  renderHtml?: (page: EvalHtmlPage) => string;
  /** Injected clock (the reports' `created_at`). */
  now?: () => Date;
  /**
   * A benchmark's custom aggregation (Arena-Hard's Bradley–Terry, AlpacaEval's length control)
   * and its resolved `extra_params`, from the benchmark's name and the run's `dataset_args` for
   * it; undefined when it has none. The merged report computes it over every shard's samples, as
   * the unsharded run would. Without this option such rows are left out.
   */
  customAggregation?: (
    benchmark: string,
    datasetArgs: Readonly<Record<string, unknown>>,
  ) => ReportBenchmark["custom"];
}

/** What a merge produced. */
export interface MergeResult {
  runDir: string;
  modelId: string;
  reports: EvalReport[];
}

/** One sample's lines and outcome, from a shard's files. */
interface SampleLines {
  index: number;
  groupId: number;
  prediction: string;
  review: string | null;
  result: SampleResult;
}

const HINT = "Pass the run folder of every shard of one evaluation once (lmeter eval --shard K/N).";

/** Merges the shard run folders `dirs` into `options.to`. */
export async function mergeShards(
  dirs: readonly string[],
  options: MergeOptions,
): Promise<MergeResult> {
  if (dirs.length === 0) throw new UserError("Cannot merge: no shard folders given", HINT);
  const shards = await Promise.all(dirs.map(readShardFile));
  checkSameEvaluation(dirs, shards);
  checkShardIndexes(dirs, shards);
  const first = shards[0];
  if (await exists(join(options.to, "reports"))) {
    throw new UserError(
      `Cannot merge into ${options.to}: it already holds a run`,
      "Pass --to a new or empty folder.",
    );
  }
  const layout = runLayout(options.to, first.model_id);
  for (const dir of [layout.configs, layout.logs, layout.predictions, layout.reviews]) {
    await Deno.mkdir(dir, { recursive: true });
  }
  const endpoint = JSON.parse(
    await Deno.readTextFile(runLayout(dirs[0], first.model_id).endpoint),
  ) as Record<string, unknown>;
  await Deno.copyFile(runLayout(dirs[0], first.model_id).endpoint, layout.endpoint);
  const config = await unshardedConfig(dirs[0]);
  await Deno.writeTextFile(layout.taskConfig, config);
  const datasetArgs = (parseYaml(config) as Record<string, unknown>).dataset_args;
  const now = options.now ?? (() => new Date());
  const reports: EvalReport[] = [];
  for (const [b, bench] of first.benchmarks.entries()) {
    const args = isRecord(datasetArgs) && isRecord(datasetArgs[bench.name])
      ? datasetArgs[bench.name] as Record<string, unknown>
      : {};
    const custom = options.customAggregation?.(bench.name, args);
    const outcomes = new Map<string, SampleResult[]>();
    for (const subset of bench.subsets) {
      const samples = await mergedSubset(dirs, shards, {
        bench,
        subset: subset.name,
        b,
        keepMetadata: custom !== undefined,
      });
      const file = subsetFileName(bench.name, subset.name);
      await writeLines(join(layout.predictions, file), samples.map((s) => s.prediction));
      await writeLines(
        join(layout.reviews, file),
        samples.flatMap((s) => (s.review === null ? [] : [s.review])),
      );
      outcomes.set(subset.name, samples.map((s) => s.result));
    }
    const fingerprints = await summedFingerprints(dirs, shards, bench.name);
    const report = buildReport(custom ? { ...bench.report, custom } : bench.report, outcomes, {
      model: first.model_id,
      repeats: first.repeats,
      endpoint: { ...endpoint, system_fingerprints: fingerprints },
      collectPerf: first.collect_perf,
      now: now(),
    });
    await Deno.mkdir(layout.reports, { recursive: true });
    await writeReport(join(layout.reports, `${bench.name}.json`), report);
    reports.push(report);
  }
  await Deno.writeTextFile(
    layout.logFile,
    `merged ${shards.length} shards of ${first.count}: ${dirs.join(", ")}\n`,
  );
  if (options.renderHtml && reports.length > 0) {
    const html = options.renderHtml({
      models: [{ model: first.model_id, reports }],
      config: await Deno.readTextFile(layout.taskConfig),
      runName: basename(options.to),
    });
    await Deno.writeTextFile(join(options.to, "reports", "report.html"), html);
  }
  return { runDir: options.to, modelId: first.model_id, reports };
}

function checkSameEvaluation(dirs: readonly string[], shards: readonly ShardFile[]): void {
  const first = shards[0];
  const shape = (s: ShardFile) =>
    JSON.stringify(
      s.benchmarks.map((b) => [b.name, b.subsets.map((x) => [x.name, x.groups])]),
    );
  for (const [i, s] of shards.entries()) {
    const differs = s.count !== first.count
      ? `${s.count} shards against ${first.count}`
      : s.config_digest !== first.config_digest
      ? "different settings (config digest)"
      : s.model_id !== first.model_id
      ? `model ${s.model_id} against ${first.model_id}`
      : s.repeats !== first.repeats
      ? `repeats ${s.repeats} against ${first.repeats}`
      : shape(s) !== shape(first)
      ? "different benchmarks, subsets or sample counts"
      : "";
    if (differs) {
      throw new UserError(
        `Cannot merge ${dirs[i]} with ${
          dirs[0]
        }: they are shards of different evaluations (${differs})`,
        HINT,
      );
    }
  }
}

function checkShardIndexes(dirs: readonly string[], shards: readonly ShardFile[]): void {
  const seen = new Map<number, string>();
  for (const [i, s] of shards.entries()) {
    const other = seen.get(s.index);
    if (other !== undefined) {
      throw new UserError(
        `Cannot merge: shard ${s.index}/${s.count} is given twice (${other} and ${dirs[i]})`,
        HINT,
      );
    }
    seen.set(s.index, dirs[i]);
  }
  const count = shards[0].count;
  const missing = [...Array(count).keys()].filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new UserError(
      `Cannot merge: shard${missing.length > 1 ? "s" : ""} ${
        missing.map((k) => `${k}/${count}`).join(", ")
      } missing (${firstGroups(shards[0].benchmarks[0], missing, count)})`,
      HINT,
    );
  }
}

/** `gsm8k/main groups 1, 4, 7…`: the first groups of the first subset the shards would hold. */
function firstGroups(bench: ShardBenchmark | undefined, shards: number[], count: number): string {
  const subset = bench?.subsets[0];
  if (!bench || !subset) return "no samples";
  const groups = [...Array(subset.groups).keys()].filter((g) => shards.includes(g % count));
  return `${bench.name}/${subset.name} groups ${listed(groups)}`;
}

function listed(groups: readonly number[]): string {
  return groups.slice(0, 8).join(", ") + (groups.length > 8 ? ` … (${groups.length})` : "");
}

/** Every sample of one subset over all shards, in index order; checks each group once. */
async function mergedSubset(
  dirs: readonly string[],
  shards: readonly ShardFile[],
  where: { bench: ShardBenchmark; subset: string; b: number; keepMetadata: boolean },
): Promise<SampleLines[]> {
  const { bench, subset } = where;
  const owner = new Map<number, string>();
  const samples: SampleLines[] = [];
  for (const [i, dir] of dirs.entries()) {
    const layout = runLayout(dir, shards[i].model_id);
    const file = subsetFileName(bench.name, subset);
    const cached = new Set(
      shards[i].benchmarks[where.b].subsets.find((s) => s.name === subset)?.cached ?? [],
    );
    const reviews = new Map<number, string>();
    for await (const { text } of iterateLines(join(layout.reviews, file))) {
      if (text.trim()) reviews.set(Number(JSON.parse(text).index), text);
    }
    const groupsHere = new Set<number>();
    for await (const { text } of iterateLines(join(layout.predictions, file))) {
      if (!text.trim()) continue;
      const p = JSON.parse(text);
      const index = Number(p.index);
      const groupId = Number(p.group_id);
      const other = owner.get(groupId);
      if (other !== undefined && other !== dir) {
        throw new UserError(
          `Cannot merge: ${bench.name}/${subset} group ${groupId} is in both ${other} and ${dir}`,
          HINT,
        );
      }
      owner.set(groupId, dir);
      groupsHere.add(groupId);
      const review = reviews.get(index) ?? null;
      samples.push({
        index,
        groupId,
        prediction: text,
        review,
        result: sampleResult(
          p,
          review === null ? null : JSON.parse(review),
          cached.has(index),
          where.keepMetadata,
        ),
      });
    }
  }
  const total = bench.subsets.find((s) => s.name === subset)?.groups ?? 0;
  const missing = [...Array(total).keys()].filter((g) => !owner.has(g));
  if (missing.length > 0) {
    throw new UserError(
      `Cannot merge: ${bench.name}/${subset} groups ${listed(missing)} are in no shard (shard ${
        missing[0] % shards[0].count
      }/${shards[0].count} did not finish them?)`,
      HINT,
    );
  }
  return samples.sort((a, b) => a.index - b.index);
}

/** A sample's outcome rebuilt from its prediction line and review line (null when it failed); the
 * score's metadata kept when a custom aggregation reads it. */
function sampleResult(
  p: Record<string, unknown>,
  r: Record<string, unknown> | null,
  cached: boolean,
  keepMetadata: boolean,
): SampleResult {
  const out = isRecord(p.model_output) ? p.model_output : {};
  const perf = isRecord(out.perf_metrics) ? out.perf_metrics : {};
  const usage = isRecord(out.usage) ? out.usage : null;
  const latencyMs = typeof perf.latency === "number" ? perf.latency * 1000 : undefined;
  const base = {
    index: Number(p.index),
    groupId: Number(p.group_id),
    repeat: Number(p.repeat),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
  };
  if (r === null || p.status !== "success") {
    return {
      ...base,
      outcome: "error",
      value: {},
      extracted: "",
      noAnswer: false,
      truncated: false,
      cached: false,
    };
  }
  const score = isRecord(r.sample_score) && isRecord(r.sample_score.score)
    ? r.sample_score.score
    : {};
  return {
    ...base,
    outcome: "success",
    value: (isRecord(score.value) ? score.value : {}) as Record<string, number>,
    extracted: String(score.extracted_prediction ?? ""),
    noAnswer: r.no_answer === true,
    truncated: r.truncated === true,
    cached,
    ...(keepMetadata && isRecord(score.metadata) ? { metadata: score.metadata } : {}),
    ...(typeof perf.ttft === "number" ? { ttftMs: perf.ttft * 1000 } : {}),
    ...(usage
      ? { inputTokens: Number(usage.input_tokens), outputTokens: Number(usage.output_tokens) }
      : {}),
  };
}

/** The system fingerprints the shards' reports of `bench` counted, summed. */
async function summedFingerprints(
  dirs: readonly string[],
  shards: readonly ShardFile[],
  bench: string,
): Promise<Record<string, number>> {
  const sum: Record<string, number> = {};
  for (const [i, dir] of dirs.entries()) {
    const report = await readReport(
      join(runLayout(dir, shards[i].model_id).reports, `${bench}.json`),
    );
    const fps = isRecord(report.endpoint) && isRecord(report.endpoint.system_fingerprints)
      ? report.endpoint.system_fingerprints
      : {};
    for (const [fp, n] of Object.entries(fps)) sum[fp] = (sum[fp] ?? 0) + Number(n);
  }
  return sum;
}

/** The first shard's task config without its shard settings: what the unsharded run writes. */
async function unshardedConfig(dir: string): Promise<string> {
  const text = await Deno.readTextFile(join(dir, "configs", "task_config.yaml"));
  const doc = parseYaml(text) as Record<string, unknown>;
  delete doc.shard;
  delete doc.shards;
  return toYaml(doc, { lineWidth: 0 });
}

async function writeLines(path: string, lines: readonly string[]): Promise<void> {
  await Deno.writeTextFile(path, lines.length ? lines.join("\n") + "\n" : "");
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}
