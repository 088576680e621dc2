/**
 * GitHub Actions workflow commands lmeter prints on stdout: `::add-mask::` for every secret
 * before anything else, and `::error` annotations for the gate conditions that held (at most 10,
 * GitHub's limit per type and step, then one `::warning` roll-up for the rest). Data and
 * properties are escaped by GitHub's rules. Pure.
 *
 * @module
 */
import { isSecretName } from "../util/secret_name.ts";
import type { CiGateFailure, CiSummary } from "./ci_summary.ts";
import { formatNumber } from "./step_summary.ts";

/** GitHub shows at most this many annotations of one type per step. */
export const MAX_ANNOTATIONS = 10;

/** Escapes a command's message: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** Escapes a command's property value: as {@linkcode escapeData}, and `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/** One workflow command line: `::name key=value,…::message`. */
export function workflowCommand(
  name: string,
  message: string,
  properties: Record<string, string> = {},
): string {
  const props = Object.entries(properties).map(([k, v]) => `${k}=${escapeProperty(v)}`).join(",");
  return `::${name}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}

/** `p99_ttft_ms = 612 > 500 (parallel_10_number_100)`. */
export function failureMessage(f: CiGateFailure): string {
  const unit = f.unit === "%" ? "%" : f.unit ? ` ${f.unit}` : "";
  return `${f.metric} = ${formatNumber(f.actual)}${unit} ${f.op} ${
    formatNumber(f.threshold)
  }${unit} (${f.run})`;
}

/**
 * The annotation lines for a summary's gate failures: one `::error` each, at most
 * {@linkcode MAX_ANNOTATIONS}; when more held, one `::warning` naming how many more.
 */
export function gateAnnotations(summary: CiSummary): string[] {
  const title = `lmeter ${summary.command} gate`;
  const shown = summary.failures.slice(0, MAX_ANNOTATIONS);
  const lines = shown.map((f) => workflowCommand("error", failureMessage(f), { title }));
  const rest = summary.failures.length - shown.length;
  if (rest > 0) {
    lines.push(
      workflowCommand(
        "warning",
        `${rest} more gate condition(s) held (${summary.failures.length} in all); see the job summary and ${summary.resultsDir}`,
        { title: `lmeter ${summary.command} gates` },
      ),
    );
  }
  return lines;
}

/** Environment variables that hold secrets lmeter may be given. */
const SECRET_ENV = [
  "EVALSCOPE_API_KEY",
  "OPENAI_API_KEY",
  "WANDB_API_KEY",
  "SWANLAB_API_KEY",
  "DENO_KV_ACCESS_TOKEN",
  "HF_TOKEN",
  "MODELSCOPE_API_TOKEN",
];

/**
 * The secret values among a command's options (by the one secret-name rule; `key=value` headers
 * by their key) and the environment variables above. Values shorter than 4 characters and
 * `EMPTY` are not secrets (masking them would blank ordinary text).
 */
export function secretValues(
  values: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === "string" && v.length >= 4 && v !== "EMPTY") out.add(v);
  };
  for (const [name, value] of Object.entries(values)) {
    if (isSecretName(name)) add(value);
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (typeof item !== "string") continue;
      const m = /^([^=:]+)[=:]\s*(.*)$/.exec(item);
      if (m && isSecretName(m[1].trim())) {
        add(m[2]);
        add(m[2].replace(/^bearer\s+/i, ""));
      }
    }
  }
  for (const name of SECRET_ENV) add(env[name]);
  return [...out];
}

/** `::add-mask::` lines for `secrets` (each line of a multi-line secret on its own, escaped as data). */
export function maskCommands(secrets: readonly string[]): string[] {
  return secrets.flatMap((s) =>
    s.split(/\r?\n/).filter((part) => part.length > 0).map((part) =>
      `::add-mask::${escapeData(part)}`
    )
  );
}
