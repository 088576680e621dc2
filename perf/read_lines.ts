/**
 * Reading dataset files lazily, line by line, and finding a dataset's file in a directory.
 *
 * @module
 */
import { join } from "node:path";
import { iterateLines } from "../lib/data/jsonl.ts";
import type { SkippedLines } from "../lib/load/dataset.ts";

/** Yields the non-empty lines of a UTF-8 file without reading it whole. */
export async function* readLines(path: string): AsyncGenerator<string> {
  using file = await Deno.open(path, { read: true });
  const decoder = new TextDecoder();
  const buf = new Uint8Array(64 * 1024);
  let rest = "";
  for (;;) {
    const n = await file.read(buf);
    if (n === null) break;
    rest += decoder.decode(buf.subarray(0, n), { stream: true });
    let nl: number;
    let start = 0;
    while ((nl = rest.indexOf("\n", start)) >= 0) {
      const line = rest.slice(start, nl).replace(/\r$/, "");
      start = nl + 1;
      if (line.trim() !== "") yield line;
    }
    rest = rest.slice(start);
  }
  rest += decoder.decode();
  if (rest.trim() !== "") yield rest.replace(/\r$/, "");
}

/** `path` itself when it is a file; `path/<name>` when it is a directory holding `name`. */
export async function resolveDataFile(path: string, names: readonly string[]): Promise<string> {
  const info = await Deno.stat(path);
  if (info.isFile) return path;
  for (const name of names) {
    try {
      if ((await Deno.stat(join(path, name))).isFile) return join(path, name);
    } catch { /* try the next name */ }
  }
  throw new Error(
    `Cannot read dataset directory ${path}: it holds none of ${names.join(", ")}`,
  );
}

/**
 * Yields the JSON value of every non-blank line of a JSON Lines file; a line that is not JSON is
 * noted in `skipped` (file, line, parse error) and passed over.
 */
export async function* readJsonLines(
  path: string,
  skipped: SkippedLines | undefined,
): AsyncGenerator<unknown> {
  for await (const { text, line } of iterateLines(path)) {
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      skipped?.note({ file: path, line, error: (e as Error).message });
      continue;
    }
    yield value;
  }
}
