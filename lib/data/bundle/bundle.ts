/**
 * Air-gapped dataset bundles: `lmeter datasets pack` pulls datasets (and copies tokenizer
 * folders) into one `.tar.gz` with a `bundle.json` manifest — sha256 and size per file, and the
 * row count and rows hash of every data file — and `verify` / `unpack` check every byte before
 * anything is used. Inside, the layout is `pull`'s (`<owner>/<name>/…`, usable with
 * `--dataset-dir`) plus `tokenizers/<name>/…`.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { UserError } from "../../errors.ts";
import { defaultRevision } from "../hub_urls.ts";
import { inspectData } from "../inspect_data.ts";
import { listLocalFiles } from "../local_files.ts";
import { pullDataset, type PullTarget } from "../pull.ts";
import type { DataLog, DataSettings, SplitManifest } from "../types.ts";
import { readTar, type TarFile, tarStream } from "./tar.ts";
import { sha256Hex } from "../../util/hash.ts";

/** The manifest's format id. */
export const BUNDLE_FORMAT = "lmeter.data-bundle/1";

/** The manifest's name, the first file of a bundle. */
export const BUNDLE_MANIFEST = "bundle.json";

/** One file of a bundle. */
export interface BundleFile {
  /** Path inside the bundle, `/`-separated. */
  path: string;
  size: number;
  sha256: string;
}

/** One dataset of a bundle. */
export interface BundleEntry {
  dataset_id: string;
  hub: string;
  revision: string;
  files: BundleFile[];
  /** Per data file (relative to the dataset's folder): its row count and rows hash. */
  manifests: Record<string, SplitManifest>;
}

/** `bundle.json`. */
export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  created: string;
  lmeter_version: string;
  entries: BundleEntry[];
  tokenizers: { name: string; files: BundleFile[] }[];
}

/** Options of {@linkcode packBundle}. */
export interface PackOptions {
  /** The `.tar.gz` to write. */
  to: string;
  settings: DataSettings;
  /** Tokenizer folders to carry along (`tokenizers/<folder name>/…`). */
  tokenizers?: readonly string[];
  version: string;
  now?: Date;
  signal?: AbortSignal;
  log?: DataLog;
}

/** What a pack wrote. */
export interface PackResult {
  path: string;
  /** sha256 of the `.tar.gz`: the bundle's identity (and a cache key). */
  sha256: string;
  manifest: BundleManifest;
}

/** Pulls `targets` and packs them, with `options.tokenizers`, into `options.to`. */
export async function packBundle(
  targets: readonly PullTarget[],
  options: PackOptions,
): Promise<PackResult> {
  const staging = await Deno.makeTempDir({ prefix: "lmeter-pack-" });
  try {
    const entries: BundleEntry[] = [];
    const paths = new Map<string, string>(); // bundle path → file on disk
    for (const target of targets) {
      const pulled = await pullDataset(target, {
        to: staging,
        settings: options.settings,
        signal: options.signal,
        log: options.log,
      });
      const prefix = target.repoId;
      const files = await filesOf(pulled.root, prefix, paths);
      const manifests: Record<string, SplitManifest> = {};
      if (files.length > 0) {
        for (const s of await safeInspect(pulled.root, options)) manifests[s.name] = s.manifest;
      }
      entries.push({
        dataset_id: target.repoId,
        hub: target.hub,
        revision: target.revision ?? defaultRevision(target.hub),
        files,
        manifests,
      });
    }
    const tokenizers: BundleManifest["tokenizers"] = [];
    for (const dir of options.tokenizers ?? []) {
      const name = basename(dir.replace(/[\\/]+$/, ""));
      if (tokenizers.some((t) => t.name === name)) {
        throw new UserError(
          `Cannot pack two tokenizer folders named ${name}`,
          "Give each --tokenizer folder a different name.",
        );
      }
      tokenizers.push({ name, files: await filesOf(dir, `tokenizers/${name}`, paths) });
    }
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      created: (options.now ?? new Date()).toISOString(),
      lmeter_version: options.version,
      entries,
      tokenizers,
    };
    const text = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
    await Deno.mkdir(dirname(options.to), { recursive: true });
    const tar = tarStream(bundleFiles(text, paths));
    await Deno.writeFile(options.to, tar.pipeThrough(new CompressionStream("gzip")));
    return { path: options.to, sha256: await fileSha256(options.to), manifest };
  } finally {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }
}

/** The bundle's files in order: `bundle.json`, then each file read from disk as it is written. */
async function* bundleFiles(
  manifest: Uint8Array<ArrayBuffer>,
  paths: ReadonlyMap<string, string>,
): AsyncGenerator<TarFile> {
  yield { path: BUNDLE_MANIFEST, data: manifest };
  for (const [path, disk] of paths) yield { path, data: await Deno.readFile(disk) };
}

/** The files of `dir` (a pull's `.lmeter/` included) as bundle files under `prefix`. */
async function filesOf(
  dir: string,
  prefix: string,
  paths: Map<string, string>,
): Promise<BundleFile[]> {
  const rels = await listLocalFiles(dir).catch(() => {
    throw new UserError(`Cannot pack ${dir}: no such folder`, "Pass a folder that exists.");
  });
  const snapshot = ".lmeter/snapshot.json";
  if (await Deno.stat(join(dir, snapshot)).then((s) => s.isFile, () => false)) rels.push(snapshot);
  const out: BundleFile[] = [];
  for (const rel of rels) {
    const data = await Deno.readFile(join(dir, rel));
    const path = `${prefix}/${rel}`;
    out.push({ path, size: data.length, sha256: sha256Hex(data) });
    paths.set(path, join(dir, rel));
  }
  return out;
}

async function safeInspect(root: string, options: PackOptions) {
  try {
    return await inspectData(root, { settings: options.settings, signal: options.signal });
  } catch (e) {
    if (e instanceof UserError && /holds no data files/.test(e.message)) return [];
    throw e;
  }
}

/** What a verification found. */
export interface VerifyResult {
  manifest: BundleManifest;
  /** sha256 of the `.tar.gz` (absent for a folder). */
  sha256?: string;
  /** Files checked and found right. */
  checked: number;
  /** One line per problem, each naming its file; empty when the bundle is intact. */
  problems: string[];
}

/** Checks every file of a bundle (`.tar.gz`) or of an unpacked bundle folder. */
export async function verifyBundle(path: string): Promise<VerifyResult> {
  const stat = await Deno.stat(path).catch(() => undefined);
  if (!stat) {
    throw new UserError(`Cannot verify ${path}: no such file or folder`, BUNDLE_HINT);
  }
  if (stat.isDirectory) return await verifyFolder(path);
  let manifest: BundleManifest | undefined;
  const expected = new Map<string, BundleFile>();
  const seen = new Set<string>();
  const problems: string[] = [];
  let checked = 0;
  await eachArchiveFile(path, (file) => {
    if (manifest === undefined) {
      manifest = parseManifest(file, path);
      for (const f of listedFiles(manifest)) expected.set(f.path, f);
      return;
    }
    seen.add(file.path);
    const want = expected.get(file.path);
    const problem = want ? mismatch(want, file.data) : `${file.path}: not listed in bundle.json`;
    if (problem) problems.push(problem);
    else checked++;
  });
  if (manifest === undefined) {
    throw new UserError(`Cannot verify ${path}: it is empty`, BUNDLE_HINT);
  }
  for (const f of expected.keys()) if (!seen.has(f)) problems.push(`${f}: missing from the bundle`);
  return { manifest, sha256: await fileSha256(path), checked, problems };
}

async function verifyFolder(dir: string): Promise<VerifyResult> {
  const text = await Deno.readFile(join(dir, BUNDLE_MANIFEST)).catch(() => undefined);
  if (!text) {
    throw new UserError(`Cannot verify ${dir}: it holds no ${BUNDLE_MANIFEST}`, BUNDLE_HINT);
  }
  const manifest = parseManifest({ path: BUNDLE_MANIFEST, data: text }, dir);
  const problems: string[] = [];
  let checked = 0;
  for (const f of listedFiles(manifest)) {
    const data = await Deno.readFile(join(dir, f.path)).catch(() => undefined);
    const problem = data ? mismatch(f, data) : `${f.path}: missing from ${dir}`;
    if (problem) problems.push(problem);
    else checked++;
  }
  return { manifest, checked, problems };
}

/** Verifies `bundle` and, when it is intact, extracts it into `to`; returns the verification. */
export async function unpackBundle(bundle: string, to: string): Promise<VerifyResult> {
  const result = await verifyBundle(bundle);
  if (result.problems.length > 0) throw bundleDamaged(bundle, result.problems);
  await eachArchiveFile(bundle, async (file) => {
    const target = join(to, ...file.path.split("/"));
    await Deno.mkdir(dirname(target), { recursive: true });
    await Deno.writeFile(target, file.data);
  });
  return result;
}

/** The error of a bundle that failed verification, naming its first problems. */
export function bundleDamaged(path: string, problems: readonly string[]): UserError {
  const shown = problems.slice(0, 5).join("; ");
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : "";
  return new UserError(
    `Cannot use the bundle ${path}: ${shown}${more}`,
    "Copy the bundle again (or pack it again on the connected machine); nothing was extracted.",
    { exitCode: 1 },
  );
}

const BUNDLE_HINT =
  "Pass a .tar.gz written by 'lmeter datasets pack', or the folder it was unpacked into.";

async function eachArchiveFile(
  path: string,
  visit: (file: TarFile) => void | Promise<void>,
): Promise<void> {
  const file = await Deno.open(path);
  try {
    for await (const f of readTar(file.readable.pipeThrough(new DecompressionStream("gzip")))) {
      if (f.path.startsWith("/") || f.path.split("/").includes("..")) {
        throw new Error(`${f.path} points outside the bundle`);
      }
      await visit(f);
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(
      `Cannot read the bundle ${path}: ${e instanceof Error ? e.message : String(e)}`,
      "The file is damaged or not a bundle; copy it again or pack it again.",
      { exitCode: 1 },
    );
  }
}

function parseManifest(file: TarFile, where: string): BundleManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(file.data));
  } catch {
    raw = undefined;
  }
  const m = raw as BundleManifest | undefined;
  if (file.path !== BUNDLE_MANIFEST || m?.format !== BUNDLE_FORMAT || !Array.isArray(m.entries)) {
    throw new UserError(
      `Cannot read the bundle ${where}: its first file is not a ${BUNDLE_FORMAT} ${BUNDLE_MANIFEST}`,
      BUNDLE_HINT,
    );
  }
  return m;
}

function listedFiles(m: BundleManifest): BundleFile[] {
  return [...m.entries.flatMap((e) => e.files), ...(m.tokenizers ?? []).flatMap((t) => t.files)];
}

function mismatch(want: BundleFile, data: Uint8Array): string | undefined {
  if (data.length !== want.size) {
    return `${want.path}: ${data.length} bytes, bundle.json says ${want.size}`;
  }
  const got = sha256Hex(data);
  return got === want.sha256
    ? undefined
    : `${want.path}: sha256 ${got}, bundle.json says ${want.sha256}`;
}

/** sha256 of a file, read in chunks. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  const file = await Deno.open(path);
  for await (const chunk of file.readable) hash.update(chunk);
  return hash.digest("hex");
}
