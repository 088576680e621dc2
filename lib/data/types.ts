/**
 * Types shared by the dataset layer: rows, hubs, settings and manifests.
 *
 * @module
 */

/** One record of a dataset: column name → value (strings, numbers, booleans, null, arrays, objects). */
export type Row = Record<string, unknown>;

/** A remote dataset hub lmeter can download from. */
export type Hub = "huggingface" | "modelscope";

/** Where a benchmark's data comes from: a hub, or only local files (`local`). */
export type DatasetHub = Hub | "local";

/** The hubs, in the order `--help` lists them. */
export const HUBS: readonly Hub[] = ["modelscope", "huggingface"];

/**
 * Settings derived from the environment in the main thread (jobs have no env access) and
 * passed down to every function that may touch the cache or the network.
 */
export interface DataSettings {
  /** Root of lmeter's caches; datasets live under `<cacheDir>/datasets/<hub>/<repo>/<revision>`. */
  cacheDir: string;
  /** Hugging Face endpoint, e.g. `https://huggingface.co` or a mirror (`HF_ENDPOINT`). */
  hfEndpoint: string;
  /** ModelScope endpoint, e.g. `https://www.modelscope.cn` (`MODELSCOPE_ENDPOINT` / `MODELSCOPE_DOMAIN`). */
  msEndpoint: string;
  /** Hugging Face access token (`HF_TOKEN`), sent as a bearer token to the Hugging Face endpoint only. */
  token?: string;
  /** ModelScope access token (`MODELSCOPE_API_TOKEN`), sent to the ModelScope endpoint only. */
  modelscopeToken?: string;
  /** Never touch the network: only cached or local data (`LMETER_OFFLINE=1`, `HF_HUB_OFFLINE=1`). */
  offline: boolean;
}

/** The pinned identity of one split (of one subset): how many rows, and the hash of their content. */
export interface SplitManifest {
  rows: number;
  /** `rowsHash()` of the rows: lowercase hex sha256. */
  sha256: string;
}

/** Receives one line of progress or warning text (the CLI prints it to stderr). */
export type DataLog = (line: string) => void;
