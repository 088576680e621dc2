/**
 * A parser of Prometheus' text exposition format (0.0.4, and the parts of OpenMetrics 1.0 a
 * model server writes: `# EOF`, `# UNIT`, exemplars, `_created` samples), for the `/metrics`
 * page of vLLM, SGLang and the simulator. Pure.
 *
 * A line that does not parse is skipped and listed in `invalid`, so one odd line does not lose a
 * scrape.
 *
 * @module
 */

/** One sample line: `name{labels} value [timestamp]`. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** The optional timestamp of the line (epoch ms). */
  timestampMs?: number;
}

/** A parsed page. */
export interface PromText {
  samples: PromSample[];
  /** `# TYPE` of each family, by family name (`counter`, `gauge`, `histogram`, …). */
  types: Record<string, string>;
  /** Lines that did not parse (1-based numbers). */
  invalid: { line: number; text: string }[];
}

/** Options of {@linkcode parsePromText}. */
export interface ParsePromTextOptions {
  /** Keep only the samples whose name this accepts (checked before labels are parsed). */
  keep?: (name: string) => boolean;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** Parses a page of Prometheus text. */
export function parsePromText(text: string, options: ParsePromTextOptions = {}): PromText {
  const out: PromText = { samples: [], types: {}, invalid: [] };
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith("\r") ? lines[i].slice(0, -1) : lines[i];
    const trimmed = line.trimStart();
    if (trimmed === "") continue;
    if (trimmed.startsWith("#")) {
      const m = /^#\s+TYPE\s+(\S+)\s+(\S+)/.exec(trimmed);
      if (m) out.types[m[1]] = m[2].toLowerCase();
      continue;
    }
    const name = NAME.exec(trimmed)?.[0];
    if (!name) {
      out.invalid.push({ line: i + 1, text: line });
      continue;
    }
    if (options.keep && !options.keep(name)) continue;
    const sample = parseSample(trimmed, name);
    if (sample) out.samples.push(sample);
    else out.invalid.push({ line: i + 1, text: line });
  }
  return out;
}

/** The value of a sample field: Go's float syntax plus `NaN`, `+Inf`, `-Inf`. */
export function parsePromValue(text: string): number | null {
  const t = text.toLowerCase();
  if (t === "nan") return NaN;
  if (t === "+inf" || t === "inf") return Infinity;
  if (t === "-inf") return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

function parseSample(line: string, name: string): PromSample | null {
  let pos = name.length;
  const labels: Record<string, string> = {};
  if (line[pos] === "{") {
    const end = parseLabels(line, pos + 1, labels);
    if (end < 0) return null;
    pos = end;
  }
  // OpenMetrics exemplars follow ` # `.
  const rest = line.slice(pos).split(" # ")[0].trim().split(/\s+/);
  if (rest.length < 1 || rest.length > 2 || rest[0] === "") return null;
  const value = parsePromValue(rest[0]);
  if (value === null) return null;
  const sample: PromSample = { name, labels, value };
  if (rest.length === 2) {
    const ts = Number(rest[1]);
    if (!Number.isFinite(ts)) return null;
    sample.timestampMs = ts;
  }
  return sample;
}

/** Parses `a="x",b="y"}` from `pos`; returns the index after `}`, or -1. */
function parseLabels(line: string, start: number, into: Record<string, string>): number {
  let pos = start;
  for (;;) {
    while (line[pos] === " ") pos++;
    if (line[pos] === "}") return pos + 1;
    const label = LABEL_NAME.exec(line.slice(pos))?.[0];
    if (!label) return -1;
    pos += label.length;
    while (line[pos] === " ") pos++;
    if (line[pos] !== "=") return -1;
    pos++;
    while (line[pos] === " ") pos++;
    if (line[pos] !== '"') return -1;
    pos++;
    let value = "";
    for (;;) {
      const c = line[pos];
      if (c === undefined) return -1;
      if (c === '"') break;
      if (c === "\\") {
        const e = line[pos + 1];
        value += e === "n" ? "\n" : e === "\\" ? "\\" : e === '"' ? '"' : `\\${e ?? ""}`;
        pos += 2;
        continue;
      }
      value += c;
      pos++;
    }
    pos++;
    into[label] = value;
    while (line[pos] === " ") pos++;
    if (line[pos] === ",") pos++;
    else if (line[pos] !== "}") return -1;
  }
}
