/**
 * Manifests: a benchmark pins the row count and content hash of each split it reads, and a
 * load whose rows differ is refused (or, when asked, only warned about).
 *
 * @module
 */
import { createHash } from "node:crypto";
import { UserError } from "../errors.ts";
import { canonicalJson } from "../util/hash.ts";
import type { DataLog, Row, SplitManifest } from "./types.ts";

/** The manifest of some rows: what a benchmark would pin for them. */
export function manifestOf(rows: readonly Row[]): SplitManifest {
  return { rows: rows.length, sha256: rowsHash(rows) };
}

/**
 * sha256 (lowercase hex) of a list of rows, in order: each row's canonical JSON
 * (`lib/util/hash.ts`) followed by a newline. Equal to `sha256sum` of the rows written as
 * canonical JSON Lines.
 */
export function rowsHash(rows: Iterable<Row>): string {
  const hash = createHash("sha256");
  for (const row of rows) hash.update(canonicalJson(row)).update("\n");
  return hash.digest("hex");
}

/** The key of one split in a benchmark's manifest table: `split` or `subset/split`. */
export function manifestKey(split: string, subset?: string): string {
  return subset === undefined || subset === "" ? split : `${subset}/${split}`;
}

/** What the rows are, for messages. */
export interface ManifestSubject {
  /** Benchmark or dataset name, e.g. `gsm8k`. */
  dataset: string;
  split: string;
  subset?: string;
}

/** Options of `checkManifest`. */
export interface CheckManifestOptions {
  /** Warn (through `log`) instead of failing on a mismatch. */
  ignoreManifest?: boolean;
  /** Receives the warning when `ignoreManifest` is set (default: `console.error`). */
  log?: DataLog;
}

/**
 * Compares rows with a pinned manifest. A mismatch throws a user error naming the dataset,
 * subset, split, and the expected and actual row counts and hashes; with `ignoreManifest` it
 * is reported as a warning instead. Returns the actual manifest.
 */
export function checkManifest(
  rows: readonly Row[],
  expected: SplitManifest,
  subject: ManifestSubject,
  options: CheckManifestOptions = {},
): SplitManifest {
  const actual = manifestOf(rows);
  if (actual.rows === expected.rows && actual.sha256 === expected.sha256.toLowerCase()) {
    return actual;
  }
  const what = `${subject.dataset} (${
    subject.subset ? `subset ${subject.subset}, ` : ""
  }split ${subject.split})`;
  const detail = `expected ${expected.rows} rows with sha256 ${expected.sha256}, ` +
    `got ${actual.rows} rows with sha256 ${actual.sha256}`;
  if (options.ignoreManifest) {
    (options.log ?? console.error)(
      `warning: ${what} does not match its pinned manifest (${detail}); continuing because the manifest check is off — scores may not be comparable.`,
    );
    return actual;
  }
  throw new UserError(
    `Cannot load ${what}: the data does not match the pinned manifest: ${detail}`,
    "The files changed upstream or locally. Check the dataset source and revision, or pass --ignore-manifest (ignore_manifest: true) to run anyway; scores may not be comparable.",
  );
}
