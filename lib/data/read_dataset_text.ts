/**
 * `readDatasetText`: the whole text of one file of a dataset, from a local directory or a hub
 * repository (downloaded once into the cache), for datasets that are plain text (a corpus).
 *
 * @module
 */
import { join } from "node:path";
import { fileError } from "./read_error.ts";
import { resolveHubFile } from "./resolve_hub_file.ts";
import type { DataLog, DatasetHub, DataSettings } from "./types.ts";

/** Which file to read. */
export interface DatasetTextRequest {
  /** A hub id, or a local directory when `hub` is `local`. */
  datasetId: string;
  hub: DatasetHub;
  /** Path of the file inside the repository or directory. */
  path: string;
  revision?: string;
  /** Names the dataset in messages (default: the id). */
  label?: string;
}

/** Reads the file `request` names; a missing or unreadable file is a user error naming it. */
export async function readDatasetText(
  request: DatasetTextRequest,
  options: { settings: DataSettings; signal?: AbortSignal; log?: DataLog },
): Promise<string> {
  const path = request.hub === "local"
    ? join(request.datasetId, request.path)
    : await resolveHubFile({
      repoId: request.datasetId,
      path: request.path,
      hub: request.hub,
      revision: request.revision,
      settings: options.settings,
      signal: options.signal,
      label: request.label,
      log: options.log,
    });
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    throw fileError(path, error);
  }
}
