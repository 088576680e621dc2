/**
 * Finding a dataset's file in a directory, and reading a JSON Lines dataset that passes over bad
 * lines. Lines come from lib/data's one line reader (`iterateLines`, numbered for file:line).
 *
 * @module
 */
import { join } from "node:path";
import { iterateLines } from "../lib/data/jsonl.ts";
import type { SkippedLines } from "../lib/load/dataset.ts";

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
