/**
 * CI gates: `--fail-on 'p99_ttft_ms>500,success_rate<99'` (perf) or
 * `--fail-on 'gsm8k.mean<0.8'` (eval). Each condition describes a failure;
 * any condition that holds fails the run. Parsed once, when the command line is read, into plain
 * {@linkcode Gate} records (structured-cloneable, so they cross into the job's worker); each run
 * evaluates them against its metrics. Pure.
 *
 * @module
 */
import { METRIC_NAMES_HELP, resolveMetric, type RunMetricsSource } from "./run_metrics.ts";

/** A comparison. */
export type Comparator = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** One parsed condition: plain data. */
export interface Gate {
  /** The condition as written, e.g. `p99_ttft_ms>500`. */
  text: string;
  /** The metric's canonical name (see `resolveMetric`), e.g. `p99_ttft_ms`. */
  metric: string;
  /** The metric's unit (`ms`, `s`, `%`, …); the threshold is in it. */
  unit: string;
  op: Comparator;
  /** The threshold, converted to the metric's unit. */
  value: number;
}

/** A condition that held (the gate failed). */
export interface GateFailure {
  gate: string;
  metric: string;
  actual: number;
  op: Comparator;
  threshold: number;
  unit: string;
}

/** Applies a comparator. NaN never satisfies a comparison (a missing metric does not fire). */
export function compare(a: number, op: Comparator, b: number): boolean {
  switch (op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "==":
      return a === b;
    case "!=":
      return a !== b;
  }
}

/** A metric name as a resolver knows it: its canonical spelling and its unit. */
export interface GateMetric {
  canonical: string;
  unit: string;
}

/** Options of {@linkcode parseGates}. */
export interface ParseGatesOptions {
  /**
   * Resolves a metric name, or returns a message saying why it is not known. Default: perf's
   * named metrics (`resolveMetric`); eval passes its `<benchmark>.<stat>` names.
   */
  resolve?: (name: string) => GateMetric | string;
}

/** Parses `metric>value[,metric<value…]`. Throws an Error with a readable message. */
export function parseGates(text: string, options: ParseGatesOptions = {}): Gate[] {
  const resolve = options.resolve ?? perfMetric;
  const gates: Gate[] = [];
  for (const part of text.split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_.\-]+)\s*(<=|>=|==|!=|<|>|≤|≥)\s*(-?\d+(?:\.\d+)?)\s*(ms|s|%)?$/
      .exec(part);
    if (!m) {
      throw new Error(`"${part}" is not a condition like p99_ttft_ms>500 or success_rate<99`);
    }
    const metric = resolve(m[1]);
    if (typeof metric === "string") throw new Error(metric);
    let value = Number(m[3]);
    const unit = m[4];
    if (unit === "s" && metric.unit === "ms") value *= 1000;
    else if (unit === "ms" && metric.unit === "s") value /= 1000;
    const op = (m[2] === "≤" ? "<=" : m[2] === "≥" ? ">=" : m[2]) as Comparator;
    gates.push({ text: part, metric: metric.canonical, unit: metric.unit, op, value });
  }
  return gates;
}

function perfMetric(name: string): GateMetric | string {
  const metric = resolveMetric(name);
  return typeof metric === "string" ? `${metric}. Known metrics: ${METRIC_NAMES_HELP}` : metric;
}

/** The failure a gate reports when `actual` satisfies its condition, or undefined. */
export function gateFailure(gate: Gate, actual: number): GateFailure | undefined {
  if (!compare(actual, gate.op, gate.value)) return undefined;
  return {
    gate: gate.text,
    metric: gate.metric,
    actual,
    op: gate.op,
    threshold: gate.value,
    unit: gate.unit,
  };
}

/** The gates that fired for one run. */
export function evaluateGates(gates: readonly Gate[], source: RunMetricsSource): GateFailure[] {
  const out: GateFailure[] = [];
  for (const g of gates) {
    const metric = resolveMetric(g.metric);
    if (typeof metric === "string") throw new Error(`Cannot evaluate --fail-on: ${metric}`);
    const failure = gateFailure(g, metric.read(source));
    if (failure) out.push(failure);
  }
  return out;
}
