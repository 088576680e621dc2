/**
 * Reading fields of dataset records inside `toSample`. A missing or mistyped field throws a
 * {@linkcode FieldError}; the engine adds the benchmark, file and line before showing it.
 *
 * @module
 */
import type { Row } from "./benchmark.ts";
import { isRecord } from "../../util/is_record.ts";

/** A record lacks a field, or the field has the wrong type. */
export class FieldError extends Error {
  readonly field: string;
  readonly expected: string;

  /** `field` is the column; `expected` says what it should hold ("a string", "a list of strings"). */
  constructor(field: string, expected: string, found: unknown) {
    super(
      found === undefined
        ? `has no "${field}" column (expected ${expected})`
        : `has a "${field}" that is ${describe(found)} (expected ${expected})`,
    );
    this.name = "FieldError";
    this.field = field;
    this.expected = expected;
  }
}

/** A required text field; numbers are accepted and turned into text. */
export function textField(record: Row, field: string): string {
  const v = record[field];
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  throw new FieldError(field, "a string", v);
}

/** An optional text field: undefined when absent, null or empty. */
export function optionalText(record: Row, field: string): string | undefined {
  const v = record[field];
  if (v === undefined || v === null || v === "") return undefined;
  return textField(record, field);
}

/** A required integer field (numeric strings are accepted). */
export function intField(record: Row, field: string): number {
  const v = record[field];
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n === "number" && Number.isInteger(n)) return n;
  throw new FieldError(field, "an integer", v);
}

/** A required list of strings (numbers are turned into text). */
export function textList(record: Row, field: string): string[] {
  const v = record[field];
  if (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number")) {
    return v.map(String);
  }
  throw new FieldError(field, "a list of strings", v);
}

/** A required object field. */
export function objectField(record: Row, field: string): Row {
  const v = record[field];
  if (isRecord(v)) return v;
  throw new FieldError(field, "an object", v);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return v === "" ? "empty" : `the text ${JSON.stringify(cut(v))}`;
  return `a ${typeof v}`;
}

function cut(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
