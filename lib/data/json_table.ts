/**
 * Reading a JSON file: an array of objects, or `{"data": [...]}`. Files named `.json` that hold
 * JSON Lines (common on the hubs) are read as JSON Lines.
 *
 * @module
 */
import { parseJsonlLine } from "./jsonl.ts";
import { attachSource } from "./row_source.ts";
import { describeJson, fileError, readError } from "./read_error.ts";
import type { Row } from "./types.ts";
import { isRecord } from "../util/is_record.ts";

const SHAPE_HINT = 'Expected an array of objects, e.g. [{"question": "…"}], or {"data": [...]}.';

/** Reads the rows of a JSON file (see the module doc for accepted shapes). */
export async function readJsonTable(
  path: string,
  options: { limit?: number } = {},
): Promise<Row[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw fileError(path, e);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const limit = options.limit ?? Infinity;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    if (looksLikeJsonLines(text)) return parseJsonLinesText(text, path, limit);
    const message = (e as Error).message;
    const line = lineOf(text, message);
    throw readError(
      line === undefined ? path : `${path} line ${line}`,
      `not valid JSON (${message})`,
      SHAPE_HINT,
    );
  }
  const items = Array.isArray(value)
    ? value
    : isRecord(value) && Array.isArray(value.data)
    ? value.data
    : undefined;
  if (items === undefined) {
    const got = isRecord(value)
      ? `an object with keys ${Object.keys(value).slice(0, 8).join(", ") || "(none)"}`
      : describeJson(value);
    throw readError(
      path,
      `expected an array of objects or {"data": [...]}, got ${got}`,
      SHAPE_HINT,
    );
  }
  const rows: Row[] = [];
  for (let i = 0; i < items.length && rows.length < limit; i++) {
    const item: unknown = items[i];
    if (!isRecord(item)) {
      throw readError(
        `${path} item ${i + 1}`,
        `expected a JSON object, got ${describeJson(item)}`,
        SHAPE_HINT,
      );
    }
    rows.push(attachSource(item, { file: path, row: i + 1 }));
  }
  return rows;
}

function parseJsonLinesText(text: string, path: string, limit: number): Row[] {
  const rows: Row[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length && rows.length < limit; i++) {
    const line = lines[i].endsWith("\r") ? lines[i].slice(0, -1) : lines[i];
    if (line.trim() !== "") rows.push(parseJsonlLine(line, path, i + 1));
  }
  return rows;
}

/** True when the first non-blank line is a complete JSON object and more lines follow. */
function looksLikeJsonLines(text: string): boolean {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length < 2 || !lines[0].trim().startsWith("{")) return false;
  try {
    return isRecord(JSON.parse(lines[0]));
  } catch {
    return false;
  }
}

/** The 1-based line of a `JSON.parse` error, from its "(line N column M)" or "position N". */
function lineOf(text: string, message: string): number | undefined {
  const m = /line (\d+)/.exec(message);
  if (m) return Number(m[1]);
  const p = /position (\d+)/.exec(message);
  if (!p) return undefined;
  const pos = Number(p[1]);
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
