/**
 * The production {@linkcode DataAccess}: lib/data's readers, hub downloads and cache.
 *
 * @module
 */
import {
  type DataLog,
  type DataSettings,
  loadSplit,
  readDatasetText,
  readTable,
} from "../../data/mod.ts";
import type { DataAccess, FileRequest, SplitRequest } from "./dataset_source.ts";

/** Options of {@linkcode libDataAccess}. */
export interface LibDataOptions {
  settings: DataSettings;
  /** `--dataset-dir`. */
  datasetDir?: string;
  /** Warn instead of failing on a manifest mismatch. */
  ignoreManifest?: boolean;
  /** Data was located (and downloaded) beforehand: never force a new download here. */
  prefetched?: boolean;
  signal?: AbortSignal;
  log?: DataLog;
}

/** Dataset access through lib/data. */
export function libDataAccess(options: LibDataOptions): DataAccess {
  return {
    loadSplit: (req: SplitRequest) =>
      loadSplit(
        {
          datasetId: req.datasetId,
          hub: req.hub,
          subset: req.subset,
          split: req.split,
          revision: req.revision,
        },
        {
          settings: options.settings,
          datasetDir: options.datasetDir,
          force: options.prefetched ? false : req.forceRedownload,
          patterns: req.patterns,
          label: req.label,
          manifest: req.manifest,
          ignoreManifest: options.ignoreManifest,
          signal: options.signal,
          log: options.log,
        },
      ),
    readTable: (path: string) => readTable(path, { signal: options.signal }),
    readText: (req: FileRequest) =>
      readDatasetText(req, {
        settings: options.settings,
        signal: options.signal,
        log: options.log,
      }),
    exists: async (path: string) => {
      try {
        await Deno.stat(path);
        return true;
      } catch {
        return false;
      }
    },
  };
}
