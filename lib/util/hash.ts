/**
 * Content hashes: SHA-256 of one canonical JSON text, so equal content gives equal keys whatever
 * the key order. Resume keys, review fingerprints and dataset manifests all use it.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { toBase64 } from "./bytes.ts";

/** Lower-case hex SHA-256 of a string (UTF-8) or of bytes. */
export function sha256Hex(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * The canonical JSON text of a value:
 * - object keys sorted (by UTF-16 code units), no whitespace;
 * - object entries whose value is `null` or `undefined` left out, so a missing field and a null
 *   field hash the same (`{a: 1, b: null}` → `{"a":1}`); in arrays and at the top level `null`
 *   and `undefined` are `null`;
 * - non-finite numbers, functions and symbols as `null`, `-0` as `0`;
 * - `bigint` as a decimal number, `Date` as its ISO string, `Uint8Array` as
 *   `{"$bytes":"<base64>"}`.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "object":
      return value === null ? "null" : objectJson(value);
    default:
      return "null";
  }
}

/**
 * The canonical text of an array, byte array, date or record. Written with loops and string
 * appends rather than entries/map/join: resume keys hash three values per sample, and this is on the
 * eval engine's hot path (docs/PERFORMANCE.md, "Before and after the architecture pass").
 */
function objectJson(value: object): string {
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      out += canonicalJson(value[i]);
    }
    return out + "]";
  }
  if (value instanceof Uint8Array) {
    return `{"$bytes":${JSON.stringify(toBase64(value))}}`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, the order the canonical form promises.
  const keys = Object.keys(record).sort();
  let out = "{";
  for (const key of keys) {
    const v = record[key];
    if (v === null || v === undefined) continue;
    if (out.length > 1) out += ",";
    out += JSON.stringify(key) + ":" + canonicalJson(v);
  }
  return out + "}";
}

/** SHA-256 (lower-case hex) of the canonical JSON of `value`. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
