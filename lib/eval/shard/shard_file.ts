/**
 * `shard.json`, written beside a shard's run (at the root of its run folder): which shard it is,
 * a digest of the settings every shard must share, and per benchmark what the merge needs to
 * rebuild the whole report — the benchmark's report facts, and per subset how many sample groups
 * the whole evaluation has and which samples came from the run cache.
 *
 * @module
 */
import { join } from "node:path";
import { UserError } from "../../errors.ts";
import { contentHash } from "../../util/hash.ts";
import { isRecord } from "../../util/is_record.ts";
import type { ReportBenchmark } from "../score/aggregate.ts";
import type { ResolvedTask, TaskConfig } from "../config/task_config.ts";
import type { Shard } from "../config/shard.ts";

/** Schema id of `shard.json`. */
export const SHARD_SCHEMA = "lmeter.eval.shard/1";

/** The file's name in a run folder. */
export const SHARD_FILE = "shard.json";

/** What a shard records of one benchmark. */
export interface ShardBenchmark {
  name: string;
  report: ReportBenchmark;
  subsets: {
    name: string;
    /** Sample groups of the whole (unsharded) subset. */
    groups: number;
    /** Indexes of this shard's samples reused from the run cache. */
    cached: number[];
  }[];
}

/** `shard.json`. */
export interface ShardFile {
  schema: typeof SHARD_SCHEMA;
  index: number;
  count: number;
  /** Digest of the task settings that decide the samples and their answers. */
  config_digest: string;
  lmeter_version: string;
  model_id: string;
  repeats: number;
  collect_perf: boolean;
  benchmarks: ShardBenchmark[];
}

/**
 * Settings that may differ between the shards of one evaluation: where each writes, how it is
 * driven and reported, and the shard itself. Everything else goes into the digest.
 */
const LOCAL_KEYS: readonly (keyof TaskConfig)[] = [
  "shard",
  "shards",
  "work_dir",
  "use_cache",
  "no_timestamp",
  "api_key",
  "eval_batch_size",
  "debug",
  "enable_progress_tracker",
  "fail_on",
  "cache_url",
  "cache_token_file",
];

/** The digest of `task`'s shared settings: equal for every shard of one evaluation. */
export function configDigest(task: ResolvedTask): string {
  const shared: Record<string, unknown> = { ...task.config };
  for (const k of LOCAL_KEYS) delete shared[k];
  return contentHash(shared);
}

/** The shard file of a finished sharded run. */
export function shardFile(
  task: ResolvedTask,
  options: { shard: Shard; version: string; benchmarks: ShardBenchmark[] },
): ShardFile {
  return {
    schema: SHARD_SCHEMA,
    index: options.shard.index,
    count: options.shard.count,
    config_digest: configDigest(task),
    lmeter_version: options.version,
    model_id: task.modelId,
    repeats: task.repeats,
    collect_perf: task.collectPerf,
    benchmarks: options.benchmarks,
  };
}

/** Reads `<dir>/shard.json`; a {@linkcode UserError} naming the folder when it is not one. */
export async function readShardFile(dir: string): Promise<ShardFile> {
  const path = join(dir, SHARD_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    throw new UserError(
      `Cannot merge ${dir}: no readable ${SHARD_FILE} (${e instanceof Error ? e.message : e})`,
      "Pass the run folders of lmeter eval --shard K/N runs that finished.",
    );
  }
  if (!isRecord(raw) || raw.schema !== SHARD_SCHEMA || !Array.isArray(raw.benchmarks)) {
    throw new UserError(
      `Cannot merge ${dir}: ${SHARD_FILE} is not a ${SHARD_SCHEMA} file`,
      "Pass the run folders of lmeter eval --shard K/N runs that finished.",
    );
  }
  return raw as unknown as ShardFile;
}
