/**
 * Downloads what a run will read from a hub, in the main thread, before the scoped job starts:
 * hub downloads redirect to CDN hosts a permission scope cannot list in advance, while a cached
 * split loads from disk with no network.
 *
 * @module
 */
import { type DataLog, type DataSettings, locateSplit, resolveHubFile } from "../../data/mod.ts";
import { type DataAccess, locateDataset } from "./dataset_source.ts";
import type { ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";
import type { ResolvedTask } from "../config/task_config.ts";
import { runFolders } from "./run_outputs.ts";

/** Local paths the job must be allowed to read (user dataset folders). */
export interface PrefetchResult {
  localPaths: string[];
}

/** Locates (and downloads into the cache) every split `benches` will read. */
export async function prefetchData(
  task: ResolvedTask,
  benches: readonly ResolvedBenchmark[],
  options: { settings: DataSettings; data: DataAccess; log?: DataLog; signal?: AbortSignal },
): Promise<PrefetchResult> {
  const localPaths: string[] = [];
  for (const bench of benches) {
    const loc = await locateDataset(bench, {
      hub: task.datasetHub,
      datasetDir: task.datasetDir,
      data: options.data,
    });
    // A benchmark built from earlier runs reads their report, review and prediction folders.
    if (loc.kind === "runs") {
      for (const path of loc.paths) localPaths.push(path, ...Object.values(runFolders(path)));
      continue;
    }
    const build = bench.def.build;
    // A built benchmark reads its tokenizer too: a local one must be in the job's read scope.
    const tokenizer = build ? bench.params[build.tokenizerParam] : undefined;
    if (typeof tokenizer === "string" && await options.data.exists(tokenizer)) {
      localPaths.push(tokenizer);
    }
    if (loc.kind !== "hub") {
      localPaths.push(loc.dir);
      continue;
    }
    if (build) {
      for (const subset of bench.subsets) {
        await resolveHubFile({
          repoId: loc.datasetId,
          path: bench.def.dataset.files![subset],
          hub: loc.hub,
          revision: bench.revision,
          settings: options.settings,
          signal: options.signal,
          label: bench.name,
          log: options.log,
        });
      }
      continue;
    }
    const configs = bench.def.dataset.subsetsFromConfig !== undefined
      ? [bench.def.dataset.subsetsFromConfig]
      : bench.subsets;
    const splits = [
      bench.evalSplit,
      ...(bench.fewShotNum > 0 && bench.trainSplit ? [bench.trainSplit] : []),
    ];
    for (const subset of configs) {
      for (const split of splits) {
        await locateSplit(
          { datasetId: loc.datasetId, hub: loc.hub, subset, split, revision: bench.revision },
          {
            settings: options.settings,
            label: bench.name,
            force: bench.forceRedownload,
            patterns: bench.def.dataset.patterns,
            log: options.log,
            signal: options.signal,
          },
        );
      }
    }
  }
  return { localPaths };
}
