/**
 * Renders `--help` text from a command schema.
 *
 * @module
 */
import { type CommandSpec, describeType, flagName, type OptionSpec } from "./schema.ts";

const PLACEHOLDER: Record<string, string> = {
  string: "<text>",
  int: "<n>",
  float: "<x>",
  bool: "",
  json: "<json>",
  kv: "<k=v…>",
  "string[]": "<value…>",
  "int[]": "<n…>",
  "float[]": "<x…>",
};

/** The full help text of one command. `all` also lists advanced options. */
export function renderHelp(spec: CommandSpec, options: { all?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(`lmeter ${spec.name} — ${spec.summary}`, "", `Usage: ${spec.usage}`);
  if (spec.description) lines.push("", spec.description.trim());
  const groups = new Map<string, OptionSpec[]>();
  for (const o of spec.options) {
    if (o.advanced && !options.all) continue;
    const g = o.group ?? "Options";
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(o);
  }
  for (const [group, opts] of groups) {
    lines.push("", `${group}:`);
    for (const o of opts) lines.push(...renderOption(o));
  }
  lines.push(
    "",
    "  -h, --help                 Show this help" +
      (options.all ? "" : " (--help-all: every option)"),
  );
  lines.push(
    "  --config <file>            Read options from a YAML or JSON file (snake_case keys); flags override it",
  );
  if (spec.examples?.length) {
    lines.push("", "Examples:");
    for (const e of spec.examples) lines.push(`  ${e}`);
  }
  return lines.join("\n") + "\n";
}

function renderOption(o: OptionSpec): string[] {
  const ph = o.placeholder ?? PLACEHOLDER[o.type];
  const names = [
    o.short ? `-${o.short}, ` : "",
    `--${flagName(o.name)}`,
    o.type === "bool" && !o.name.startsWith("no_") ? `, --no-${flagName(o.name)}` : "",
    ph ? ` ${ph}` : "",
  ].join("");
  const left = `  ${names}`;
  const details: string[] = [];
  if (o.choices) details.push(`one of: ${o.choices.join(", ")}`);
  else if (o.min !== undefined || o.max !== undefined) details.push(describeType(o));
  if (o.default !== undefined && o.default !== null && o.default !== "") {
    details.push(`default: ${formatDefault(o.default)}`);
  }
  const text = o.help + (details.length ? ` [${details.join("; ")}]` : "");
  if (left.length < 28) return [left.padEnd(29) + text];
  return [left, " ".repeat(29) + text];
}

/** How `--help` writes a default: lists space-separated, objects as JSON (`{"k": v}`). */
export function formatDefault(v: unknown): string {
  if (Array.isArray(v)) return v.join(" ");
  if (typeof v === "object" && v !== null) return spacedJson(v);
  return String(v);
}

/** JSON with a space after each `:` and `,`, as EvalScope's docs write it. */
function spacedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(spacedJson).join(", ")}]`;
  if (typeof v === "object" && v !== null) {
    const parts = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${spacedJson(x)}`);
    return `{${parts.join(", ")}}`;
  }
  return JSON.stringify(v);
}
