/**
 * Fetching a perf dataset's file from ModelScope or Hugging Face (main thread, before the
 * scoped job starts), unless `--dataset-path` names a local copy.
 *
 * @module
 */
import { type DataSettings, resolveDataSettings, resolveHubFile } from "../data/mod.ts";
import { UserError } from "../errors.ts";
import type { PerfDataset } from "./dataset.ts";

/** The local file of `plugin`'s dataset on the chosen hub (downloaded once into the cache). */
export async function fetchPerfDataset(
  plugin: PerfDataset,
  o: {
    dataSource: string;
    signal?: AbortSignal;
    log?: (line: string) => void;
    /** Hub endpoints and cache (default: from the environment). */
    settings?: DataSettings;
  },
): Promise<string> {
  const dataset = plugin.name;
  const hub = plugin.hub;
  if (!hub) throw new Error(`dataset ${dataset} has no hub source`);
  if (o.dataSource === "local") {
    throw new UserError(
      `Cannot read dataset '${dataset}': --data-source local needs --dataset-path`,
      `Download ${hub.path} from ${hub.repoId} and pass it with --dataset-path.`,
    );
  }
  const isHf = o.dataSource === "huggingface";
  try {
    return await resolveHubFile({
      repoId: isHf ? hub.hfRepoId ?? hub.repoId : hub.repoId,
      path: hub.path,
      hub: isHf ? "huggingface" : "modelscope",
      settings: o.settings ?? resolveDataSettings(Deno.env.toObject()),
      signal: o.signal,
      label: dataset,
      log: o.log,
    });
  } catch (e) {
    if (e instanceof UserError) {
      throw new UserError(
        e.message,
        `Offline? Download ${hub.path} from ${hub.repoId} (or prefetch it with 'lmeter datasets pull') ` +
          "and pass it with --dataset-path, or use --dataset random.",
        { exitCode: e.exitCode, cause: e },
      );
    }
    throw e;
  }
}
