/**
 * Narrowing parsed JSON to a plain object, the one check every reader of untyped data makes.
 *
 * @module
 */

/** True when `v` is an object that is neither `null` nor an array (a JSON object). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
