/**
 * `readTable(path)`: one entry point for every supported data file format.
 *
 * @module
 */
import { extname } from "node:path";
import { readJsonTable } from "./json_table.ts";
import { iterateJsonl } from "./jsonl.ts";
import { fileError, readError } from "./read_error.ts";
import type { Row } from "./types.ts";

/** The data file formats lmeter reads. */
export type TableFormat = "jsonl" | "json" | "csv" | "tsv" | "parquet";

/** File extensions (lowercase, with the dot) and their formats. */
export const TABLE_EXTENSIONS: Readonly<Record<string, TableFormat>> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".json": "json",
  ".csv": "csv",
  ".tsv": "tsv",
  ".parquet": "parquet",
};

/** The format of a data file by its extension, or undefined if lmeter cannot read it. */
export function tableFormat(path: string): TableFormat | undefined {
  return TABLE_EXTENSIONS[extname(path).toLowerCase()];
}

/** Options of `readTable`. */
export interface ReadTableOptions {
  /** Read at most this many rows (default: all). */
  limit?: number;
  /** Read as this format whatever the extension. */
  format?: TableFormat;
  /** Aborts a long read. */
  signal?: AbortSignal;
}

/**
 * Reads a JSONL, JSON (array or `{"data": [...]}`), CSV, TSV or Parquet file into rows. Each row
 * remembers its file and line (see `rowSource`) so later checks can point at it.
 */
export async function readTable(path: string, options: ReadTableOptions = {}): Promise<Row[]> {
  const format = options.format ?? tableFormat(path);
  if (format === undefined) {
    throw readError(
      path,
      `unsupported file type "${extname(path) || "(no extension)"}"`,
      `Use one of ${Object.keys(TABLE_EXTENSIONS).join(", ")}.`,
    );
  }
  await rejectLfsPointer(path);
  const { limit } = options;
  switch (format) {
    case "jsonl": {
      const rows: Row[] = [];
      for await (const row of iterateJsonl(path, { limit, signal: options.signal })) rows.push(row);
      return rows;
    }
    case "json":
      return await readJsonTable(path, { limit });
    // The CSV and Parquet readers (and their npm packages) load only for such a file.
    case "csv":
      return await (await import("./csv_table.ts")).readCsvTable(path, { limit });
    case "tsv":
      return await (await import("./csv_table.ts")).readCsvTable(path, { limit, delimiter: "\t" });
    case "parquet":
      return await (await import("./parquet_table.ts")).readParquetTable(path, { limit });
  }
}

const LFS_MAGIC = "version https://git-lfs.github.com/spec/";

/** A Git LFS pointer in place of the data is a common mistake after `git clone` without LFS. */
async function rejectLfsPointer(path: string): Promise<void> {
  let head: Uint8Array;
  try {
    using file = await Deno.open(path, { read: true });
    head = new Uint8Array(LFS_MAGIC.length);
    const n = await file.read(head);
    head = head.subarray(0, n ?? 0);
  } catch (e) {
    throw fileError(path, e);
  }
  if (new TextDecoder().decode(head) === LFS_MAGIC) {
    throw readError(
      path,
      "this is a Git LFS pointer, not the data",
      "Fetch the real files (git lfs pull), or download with 'lmeter datasets pull'.",
    );
  }
}
