/**
 * Response filters run before extraction, in order (`dataset_args.<bench>.filters`, then the
 * benchmark's own). Pure functions.
 *
 * - `remove_until: "</think>"`: keep the text after the first occurrence (all of it when absent).
 *   lmeter: when the delimiter is a closing tag and its opening tag is there but never closed
 *   (a reasoning trace cut by max_tokens), nothing is kept: the response has no answer.
 * - `regex` / `extract`: `"pattern"` or `{pattern, group_select = 0, fallback = "[invalid]"}`:
 *   the `group_select`-th match (negative counts from the end), its first non-empty group.
 * - `remove_whitespace`: strip leading and trailing whitespace.
 * - `lowercase`: lower-case the text.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import type { FilterSpec } from "../benchmark/benchmark.ts";

/** A compiled filter. */
export type TextFilter = (text: string) => string;

/** The filter names, for help and errors. */
export const FILTER_NAMES: readonly string[] = [
  "remove_until",
  "regex",
  "extract",
  "remove_whitespace",
  "lowercase",
];

/** Compiles filter specs once; throws a {@linkcode UserError} for unknown names or bad arguments. */
export function compileFilters(specs: readonly FilterSpec[]): TextFilter[] {
  return specs.map(compileFilter);
}

/** Runs compiled filters in order. */
export function applyFilters(text: string, filters: readonly TextFilter[]): string {
  let out = text;
  for (const f of filters) out = f(out);
  return out;
}

/** Turns `{"remove_until": "</think>", …}` (an ordered object) or a list into filter specs. */
export function parseFilterSpecs(value: unknown, where: string): FilterSpec[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    return value.map((item) => {
      if (typeof item === "string") return { name: item };
      if (typeof item === "object" && item !== null && Object.keys(item).length === 1) {
        const [name, arg] = Object.entries(item)[0];
        return { name, arg };
      }
      throw new UserError(
        `Invalid ${where}: ${JSON.stringify(item)} is not a filter`,
        'Write filters as an object, e.g. {"remove_until": "</think>"}.',
      );
    });
  }
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).map(([name, arg]) => ({ name, arg }));
  }
  throw new UserError(
    `Invalid ${where}: expected an object of filters`,
    'Write filters as an object, e.g. {"remove_until": "</think>"}.',
  );
}

function compileFilter(spec: FilterSpec): TextFilter {
  switch (spec.name) {
    case "remove_until": {
      if (typeof spec.arg !== "string" || spec.arg === "") {
        throw badArg(spec, 'a non-empty delimiter, e.g. "</think>"');
      }
      const delim = spec.arg;
      const open = /^<\/[^<>]+>$/.test(delim) ? `<${delim.slice(2)}` : null;
      return (text) => {
        const at = text.indexOf(delim);
        if (at >= 0) return text.slice(at + delim.length);
        return open !== null && text.includes(open) ? "" : text;
      };
    }
    case "regex":
    case "extract":
      return compileRegex(spec);
    case "remove_whitespace":
      return (text) => text.trim();
    case "lowercase":
      return (text) => text.toLowerCase();
    default:
      throw new UserError(
        `Unknown filter "${spec.name}"`,
        `Known filters: ${FILTER_NAMES.join(", ")}.`,
      );
  }
}

function compileRegex(spec: FilterSpec): TextFilter {
  const arg = typeof spec.arg === "string" ? { pattern: spec.arg } : spec.arg;
  if (
    typeof arg !== "object" || arg === null ||
    typeof (arg as { pattern?: unknown }).pattern !== "string"
  ) {
    throw badArg(spec, 'a pattern, e.g. "ANSWER: (\\\\w)" or {"pattern": …, "group_select": -1}');
  }
  const o = arg as { pattern: string; group_select?: unknown; fallback?: unknown };
  let re: RegExp;
  try {
    re = new RegExp(o.pattern, "g");
  } catch (e) {
    throw badArg(spec, `a valid regular expression (${(e as Error).message})`);
  }
  const select = typeof o.group_select === "number" ? o.group_select : 0;
  const fallback = typeof o.fallback === "string" ? o.fallback : "[invalid]";
  return (text) => {
    const matches = [...text.matchAll(re)];
    const m = matches[select < 0 ? matches.length + select : select];
    if (!m) return fallback;
    const group = m.length > 1 ? m.slice(1).find((g) => g !== undefined && g !== "") ?? "" : m[0];
    return group.trim();
  };
}

function badArg(spec: FilterSpec, expected: string): UserError {
  return new UserError(
    `Invalid filter ${spec.name}: ${JSON.stringify(spec.arg)}`,
    `Expected ${expected}.`,
  );
}
