/**
 * Listing the files of a dataset repository on Hugging Face or ModelScope.
 *
 * @module
 */
import { HubError } from "./hub_error.ts";
import { hubFetch } from "./hub_fetch.ts";
import { hfTreeUrl, hubEndpoint, msInfoUrl, msTreeUrl } from "./hub_urls.ts";
import type { DataSettings, Hub } from "./types.ts";
import { isRecord } from "../util/is_record.ts";

/** One file of a repository. */
export interface RepoFile {
  /** `/`-separated path inside the repository. */
  path: string;
  /** Size in bytes, when the hub says. */
  size?: number;
  /** sha256 of the content (lowercase hex), when the hub says (LFS files). */
  sha256?: string;
}

/** Which repository to list. */
export interface ListRepoOptions {
  repoId: string;
  hub: Hub;
  revision: string;
  settings: DataSettings;
  /** Names the dataset in messages (default: the repo id). */
  label?: string;
  signal?: AbortSignal;
}

/** Page size asked of ModelScope (pages are read until an empty one: servers may cap it). */
const MS_PAGE_SIZE = 500;
const MAX_PAGES = 200;

/** Lists every file of a dataset repository (paths checked to stay inside the repository). */
export async function listRepoFiles(options: ListRepoOptions): Promise<RepoFile[]> {
  const files = options.hub === "huggingface" ? await listHf(options) : await listMs(options);
  for (const f of files) checkRepoPath(f.path, options);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function listHf(options: ListRepoOptions): Promise<RepoFile[]> {
  const { repoId, revision, settings } = options;
  const action = `download ${options.label ?? repoId} from huggingface`;
  const files: RepoFile[] = [];
  let url: string | undefined = hfTreeUrl(settings.hfEndpoint, repoId, revision);
  for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
    const response = await hubFetch(url, { ...options, action });
    const items = await readJson(response, action);
    if (!Array.isArray(items)) throw brokenAnswer(action, "expected a JSON array");
    for (const item of items) {
      if (!isRecord(item) || item.type !== "file" || typeof item.path !== "string") continue;
      const file: RepoFile = { path: item.path };
      if (typeof item.size === "number") file.size = item.size;
      const lfs = item.lfs;
      if (isRecord(lfs) && typeof lfs.oid === "string" && /^[0-9a-f]{64}$/.test(lfs.oid)) {
        file.sha256 = lfs.oid;
      }
      files.push(file);
    }
    url = nextLink(response.headers.get("link"), url);
  }
  return files;
}

async function listMs(options: ListRepoOptions): Promise<RepoFile[]> {
  const { repoId, revision, settings } = options;
  const action = `download ${options.label ?? repoId} from modelscope`;
  const endpoint = hubEndpoint("modelscope", settings);
  const info = await readJson(
    await hubFetch(msInfoUrl(endpoint, repoId), { ...options, action }),
    action,
  );
  const data = isRecord(info) ? info.Data : undefined;
  if (!isMsOk(info) || !isRecord(data) || (data.Id === undefined || data.Id === null)) {
    throw new HubError(
      "not_found",
      `Cannot ${action}: the hub does not know this dataset${msMessage(info)}`,
      "Check the dataset id and the hub (--dataset-hub modelscope|huggingface).",
    );
  }
  const files: RepoFile[] = [];
  const seen = new Set<string>();
  for (let number = 1; number <= MAX_PAGES; number++) {
    const url = msTreeUrl(endpoint, String(data.Id), revision, { number, size: MS_PAGE_SIZE });
    const answer = await readJson(await hubFetch(url, { ...options, action }), action);
    const listing = isRecord(answer) ? answer.Data : undefined;
    if (!isMsOk(answer) || !isRecord(listing)) {
      throw new HubError(
        "not_found",
        `Cannot ${action}: no file listing for revision "${revision}"${msMessage(answer)}`,
        "Check the revision (dataset_revision / --revision).",
      );
    }
    const items = Array.isArray(listing.Files) ? listing.Files : [];
    // Stop on an empty page, or when a server ignoring PageNumber repeats what it sent.
    const fresh = items.filter((i) => isRecord(i) && !seen.has(`${i.Type}:${i.Path}`));
    if (fresh.length === 0) break;
    for (const item of fresh) {
      if (!isRecord(item)) continue;
      seen.add(`${item.Type}:${item.Path}`);
      if (item.Type === "tree" || typeof item.Path !== "string") continue;
      const file: RepoFile = { path: item.Path.replace(/^\/+/, "") };
      if (typeof item.Size === "number") file.size = item.Size;
      if (typeof item.Sha256 === "string" && /^[0-9a-f]{64}$/.test(item.Sha256)) {
        file.sha256 = item.Sha256;
      }
      files.push(file);
    }
  }
  return files;
}

async function readJson(response: Response, action: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw brokenAnswer(action, `expected JSON, got "${text.slice(0, 60)}…"`);
  }
}

function brokenAnswer(action: string, what: string): HubError {
  return new HubError(
    "http",
    `Cannot ${action}: the hub's answer is not a file listing (${what})`,
    "Check HF_ENDPOINT / MODELSCOPE_ENDPOINT: a proxy or mirror may be answering instead of the hub.",
  );
}

function isMsOk(answer: unknown): boolean {
  if (!isRecord(answer)) return false;
  const code = answer.Code;
  return code === undefined || code === 200 || code === "200" || answer.Success === true;
}

function msMessage(answer: unknown): string {
  return isRecord(answer) && typeof answer.Message === "string" && answer.Message !== ""
    ? ` (${answer.Message})`
    : "";
}

/** The `rel="next"` target of a `Link` header, resolved against the current URL. */
function nextLink(header: string | null, base: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return new URL(m[1], base).toString();
  }
  return undefined;
}

function checkRepoPath(path: string, options: ListRepoOptions): void {
  const parts = path.split("/");
  if (
    path === "" || path.startsWith("/") || parts.some((p) => p === ".." || p === "." || p === "")
  ) {
    throw new HubError(
      "http",
      `Cannot list ${
        options.label ?? options.repoId
      } on ${options.hub}: the hub listed an unsafe path "${path}"`,
      "Check HF_ENDPOINT / MODELSCOPE_ENDPOINT; lmeter refuses paths that leave the dataset folder.",
    );
  }
}
