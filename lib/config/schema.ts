/**
 * One schema per command gives its types, defaults, `--help` text and validation, for flags
 * (kebab-case) and config files (snake_case) alike.
 *
 * @module
 */
import { UserError } from "../errors.ts";
import { editDistance } from "../util/edit_distance.ts";
import { isRecord } from "../util/is_record.ts";

/** The value types an option can take. `kv` is `key=value` pairs (or a JSON object). */
export type OptionType =
  | "string"
  | "int"
  | "float"
  | "bool"
  | "json"
  | "kv"
  | "string[]"
  | "int[]"
  | "float[]";

/** One option of a command. */
export interface OptionSpec {
  /** snake_case name, as in config files; the flag is the kebab-case form (`max_tokens` → `--max-tokens`). */
  name: string;
  type: OptionType;
  /** One line for `--help`. */
  help: string;
  /** The value when not given (shown in `--help`). */
  default?: unknown;
  /** Allowed values for `string`/`string[]` options; for a `json` option, words taken as they are. */
  choices?: readonly string[];
  /** Other accepted flag names (kebab-case, without dashes), e.g. EvalScope's older spellings. */
  aliases?: readonly string[];
  /** One-letter flag, e.g. `n` for `-n`. */
  short?: string;
  /** The heading this option is listed under in `--help`. */
  group?: string;
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** Placeholder in `--help` (default from the type). */
  placeholder?: string;
  /** Shown in help only with `--help-all`. */
  advanced?: boolean;
  /** The value of a list option given as a bare flag (no value follows); without it, an error. */
  bare?: readonly string[];
}

/** The value one option holds after parsing (`choices` narrow text to their literals). */
export type OptionValue<O extends OptionSpec> = O["type"] extends "string" ? Choice<O>
  : O["type"] extends "int" | "float" ? number
  : O["type"] extends "bool" ? boolean
  : O["type"] extends "json" ? unknown
  : O["type"] extends "kv" ? Record<string, unknown>
  : O["type"] extends "string[]" ? Choice<O>[]
  : number[];

/** The literal choices of a text option, or `string`. */
type Choice<O extends OptionSpec> = NonNullable<O["choices"]>[number];

/**
 * The typed values of an option list, keyed by snake_case name: an option with a `default` always
 * holds a value, one without may be `undefined`. Declare the list with {@linkcode defineOptions}
 * so that the names and defaults keep their literal types.
 */
export type OptionValues<T extends readonly OptionSpec[]> = string extends T[number]["name"]
  ? Record<string, unknown>
  : {
    [O in T[number] as O["name"]]: O extends { default: NonNullable<unknown> } ? OptionValue<O>
      : OptionValue<O> | undefined;
  };

/** The options that carry a default, with the type of their value. */
export type OptionDefaults<T extends readonly OptionSpec[]> = {
  [O in T[number] as O extends { default: NonNullable<unknown> } ? O["name"] : never]: OptionValue<
    O
  >;
};

/**
 * Declares a command's options once: names, types, defaults, help. The list is returned as given;
 * the `const` type parameter keeps each option's literal name and type for {@linkcode OptionValues},
 * and each element still reads as an {@linkcode OptionSpec}.
 */
export function defineOptions<const T extends readonly OptionSpec[]>(
  options: T,
): T & readonly OptionSpec[] {
  return options;
}

/** The option list with `choices` set on option `name` (e.g. a registry's names, known to the caller). */
export function withChoices<T extends readonly OptionSpec[]>(
  options: T,
  o: { name: string; choices: readonly string[] },
): T {
  // Same options, same value types: only the accepted values of one text option are narrowed.
  return options.map((x) => x.name === o.name ? { ...x, choices: o.choices } : x) as unknown as T;
}

/** The defaults of an option list, freshly copied (the one place a default is written is its option). */
export function optionDefaults<T extends readonly OptionSpec[]>(options: T): OptionDefaults<T> {
  const out: Record<string, unknown> = {};
  for (const o of options) if (o.default !== undefined) out[o.name] = structuredClone(o.default);
  return out as OptionDefaults<T>;
}

/** A command's schema. */
export interface CommandSpec<T extends readonly OptionSpec[] = readonly OptionSpec[]> {
  name: string;
  summary: string;
  usage: string;
  description?: string;
  options: T;
  examples?: readonly string[];
  /** Names of positional arguments, when the command takes some. */
  positionals?: string;
}

/** Parsed options: snake_case keys with defaults applied, and which ones the user set. */
export interface ParsedOptions<V = Record<string, unknown>> {
  /** Every option's value: typed, validated, defaults applied. */
  values: V;
  /** Names the user gave on the command line or in a config file. */
  given: Set<string>;
  positionals: string[];
  /** `--help`, `-h` or `--help-all` was asked for. */
  help: boolean;
}

/** Converts `snake_case` to `kebab-case`. */
export function flagName(name: string): string {
  return name.replaceAll("_", "-");
}

/**
 * Parses a command line against a schema. Config-file values (`fromFile`) sit under the flags.
 * Types, choices and bounds are checked here, and every default is applied here: what comes back
 * is the command's typed values. An empty text value and a `null` in a file count as not given.
 */
export function parseOptions<T extends readonly OptionSpec[]>(
  spec: CommandSpec<T>,
  args: readonly string[],
  fromFile: Record<string, unknown> = {},
  fileLabel = "config file",
): ParsedOptions<OptionValues<T>> {
  const byFlag = new Map<string, OptionSpec>();
  for (const o of spec.options) {
    byFlag.set(flagName(o.name), o);
    for (const a of o.aliases ?? []) byFlag.set(a, o);
    if (o.short) byFlag.set(o.short, o);
  }
  const values: Record<string, unknown> = {};
  const given = new Set<string>();
  for (const [rawKey, raw] of Object.entries(fromFile)) {
    const key = rawKey.replaceAll("-", "_");
    const opt = spec.options.find((o) => o.name === key) ?? byFlag.get(flagName(key));
    if (!opt) {
      throw new UserError(
        `Cannot read ${fileLabel}: unknown option "${rawKey}" for 'lmeter ${spec.name}'`,
        suggestHint(spec, flagName(key)),
      );
    }
    const value = fromConfigValue(opt, raw, `"${rawKey}" in ${fileLabel}`);
    if (isUnset(value)) continue;
    values[opt.name] = value;
    given.add(opt.name);
  }
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === "-h" || arg === "--help" || arg === "--help-all") {
      help = true;
      continue;
    }
    if (!arg.startsWith("-") || isNumberLike(arg)) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const rawName = arg.replace(/^--?/, "");
    const name = eq >= 0 ? rawName.slice(0, rawName.indexOf("=")) : rawName;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    let opt = byFlag.get(name);
    let negated = false;
    if (!opt && name.startsWith("no-")) {
      const base = byFlag.get(name.slice(3));
      if (base && base.type === "bool") {
        opt = base;
        negated = true;
      }
    }
    if (!opt) {
      throw new UserError(
        `Unknown option ${arg.split("=")[0]} for 'lmeter ${spec.name}'`,
        suggestHint(spec, name),
      );
    }
    const flag = `--${flagName(opt.name)}`;
    if (opt.type === "bool") {
      if (inline !== undefined) values[opt.name] = parseBool(inline, flag);
      else if (!negated && isBoolWord(args[i + 1])) values[opt.name] = parseBool(args[++i], flag);
      else values[opt.name] = !negated;
      given.add(opt.name);
      continue;
    }
    const raw: string[] = [];
    if (inline !== undefined) raw.push(inline);
    else if (opt.type.endsWith("[]") || opt.type === "kv") {
      while (i + 1 < args.length && (!args[i + 1].startsWith("-") || isNumberLike(args[i + 1]))) {
        raw.push(args[++i]);
      }
    } else if (i + 1 < args.length && (!args[i + 1].startsWith("--") || opt.type === "json")) {
      raw.push(args[++i]);
    }
    if (raw.length === 0 && opt.bare) raw.push(...opt.bare);
    if (raw.length === 0) {
      throw new UserError(`Option ${flag} needs a value`, `Expected ${describeType(opt)}.`);
    }
    const value = fromFlagValues(opt, raw, flag);
    if (isUnset(value)) {
      delete values[opt.name];
      given.delete(opt.name);
      continue;
    }
    values[opt.name] = value;
    given.add(opt.name);
  }
  for (const o of spec.options) {
    if (!(o.name in values) && o.default !== undefined) values[o.name] = structuredClone(o.default);
  }
  return { values: values as OptionValues<T>, given, positionals, help };
}

function isUnset(value: unknown): boolean {
  return value === null || value === "";
}

function fromFlagValues(opt: OptionSpec, raw: string[], where: string): unknown {
  switch (opt.type) {
    case "string":
      return checkChoice(opt, raw[0], where);
    case "int":
    case "float":
      return parseNumber(opt, raw[0], where);
    case "json": {
      const text = raw.join(" ");
      if (opt.choices?.includes(text)) return text;
      if (opt.choices && /^[A-Za-z][\w-]*$/.test(text)) {
        throw new UserError(
          `Invalid value for ${where}: "${text}"`,
          `Expected ${describeType(opt)}.`,
        );
      }
      return parseJson(text, where);
    }
    case "kv":
      return parseKv(raw, where);
    case "string[]":
      return raw.flatMap((r) => r.split(",")).filter((s) => s !== "").map((s) =>
        checkChoice(opt, s, where)
      );
    case "int[]":
    case "float[]":
      return raw.flatMap((r) => r.split(",")).filter((s) => s !== "").map((s) =>
        parseNumber(opt, s, where)
      );
    case "bool":
      return parseBool(raw[0], where);
  }
}

/** Validates a value that came from a YAML/JSON config file. */
function fromConfigValue(opt: OptionSpec, raw: unknown, where: string): unknown {
  if (raw === null) return null;
  switch (opt.type) {
    case "bool":
      if (typeof raw === "boolean") return raw;
      return parseBool(String(raw), where);
    case "json":
      if (typeof raw !== "string" || opt.choices?.includes(raw)) return raw;
      return parseJson(raw, where);
    case "kv":
      if (typeof raw === "object" && !Array.isArray(raw)) return raw;
      return parseKv(Array.isArray(raw) ? raw.map(String) : [String(raw)], where);
    case "string[]":
    case "int[]":
    case "float[]": {
      const list = Array.isArray(raw) ? raw.map(String) : [String(raw)];
      return fromFlagValues(opt, list, where);
    }
    default:
      if (typeof raw === "object") {
        throw new UserError(`Invalid value for ${where}: expected ${describeType(opt)}`);
      }
      return fromFlagValues(opt, [String(raw)], where);
  }
}

function parseNumber(opt: OptionSpec, s: string, where: string): number {
  const n = Number(s);
  const isInt = opt.type.startsWith("int");
  if (s.trim() === "" || !Number.isFinite(n) || (isInt && !Number.isInteger(n))) {
    throw new UserError(
      `Invalid value for ${where}: "${s}" is not ${isInt ? "an integer" : "a number"}`,
      `Expected ${describeType(opt)}.`,
    );
  }
  if ((opt.min !== undefined && n < opt.min) || (opt.max !== undefined && n > opt.max)) {
    throw new UserError(
      `Invalid value for ${where}: ${s} is out of range`,
      `Expected ${describeType(opt)}.`,
    );
  }
  return n;
}

function checkChoice(opt: OptionSpec, s: string, where: string): string {
  if (opt.choices && !opt.choices.includes(s)) {
    throw new UserError(
      `Invalid value for ${where}: "${s}"`,
      `Accepted values: ${opt.choices.join(", ")}.`,
    );
  }
  return s;
}

function parseJson(s: string, where: string): unknown {
  try {
    return JSON.parse(s);
  } catch (e) {
    throw new UserError(
      `Invalid value for ${where}: not valid JSON (${(e as Error).message})`,
      `Quote it for the shell, e.g. ${where.split(" ")[0]} '{"ignore_eos": true}'.`,
    );
  }
}

/** `k=v k2=v2`, `k=v,k2=v2` or a JSON object. Values that look like JSON (numbers, true) are parsed. */
function parseKv(raw: string[], where: string): Record<string, unknown> {
  const joined = raw.join(" ").trim();
  if (joined.startsWith("{")) {
    const obj = parseJson(joined, where);
    if (isRecord(obj)) return obj;
  }
  const out: Record<string, unknown> = {};
  for (const part of raw.flatMap((r) => splitTopLevelCommas(r))) {
    const eq = part.indexOf("=");
    if (eq <= 0) {
      throw new UserError(
        `Invalid value for ${where}: "${part}" is not key=value`,
        "Use key=value pairs, e.g. x-team=infra, or a JSON object.",
      );
    }
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    out[key] = /^(-?\d+(\.\d+)?|true|false|null)$/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}

function splitTopLevelCommas(s: string): string[] {
  return s.includes("=") && s.split(",").every((p) => p.includes("=")) ? s.split(",") : [s];
}

function parseBool(s: string, where: string): boolean {
  const v = s.toLowerCase();
  if (["true", "1", "yes", "on"].includes(v)) return true;
  if (["false", "0", "no", "off"].includes(v)) return false;
  throw new UserError(`Invalid value for ${where}: "${s}"`, "Expected true or false.");
}

function isBoolWord(s: string | undefined): boolean {
  return s !== undefined && ["true", "false"].includes(s.toLowerCase());
}

function isNumberLike(s: string): boolean {
  return /^-\d/.test(s) || /^-\.\d/.test(s);
}

/** Says in words what values an option takes. */
export function describeType(opt: OptionSpec): string {
  const range = opt.min !== undefined || opt.max !== undefined
    ? ` (${opt.min ?? "-∞"} to ${opt.max ?? "∞"})`
    : "";
  switch (opt.type) {
    case "string":
      return opt.choices ? `one of ${opt.choices.join(", ")}` : "a text value";
    case "int":
      return `an integer${range}`;
    case "float":
      return `a number${range}`;
    case "bool":
      return "true or false";
    case "json":
      return opt.choices ? `one of ${opt.choices.join(", ")} or a JSON value` : "a JSON value";
    case "kv":
      return "key=value pairs or a JSON object";
    case "string[]":
      return opt.choices ? `one or more of ${opt.choices.join(", ")}` : "one or more values";
    case "int[]":
      return `one or more integers${range}`;
    case "float[]":
      return `one or more numbers${range}`;
  }
}

function suggestHint(spec: CommandSpec, name: string): string {
  const names = spec.options.map((o) => flagName(o.name));
  let best = "";
  let bestDist = Infinity;
  for (const n of names) {
    const d = editDistance(name, n);
    if (d < bestDist) {
      bestDist = d;
      best = n;
    }
  }
  const guess = bestDist <= Math.max(2, Math.floor(name.length / 3))
    ? `Did you mean --${best}? `
    : "";
  return `${guess}See 'lmeter ${spec.name} --help' for the accepted options.`;
}
