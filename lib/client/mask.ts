/**
 * Keeps API keys out of logs, config dumps and error messages.
 *
 * @module
 */

import { isSecretName } from "../util/secret_name.ts";

export { isSecretName };

/** Masks a secret for display: the first 3 and last 2 characters survive when it is long enough. */
export function maskSecret(secret: string): string {
  if (secret.length === 0 || secret === "EMPTY") return secret;
  if (secret.length <= 8) return "***";
  return `${secret.slice(0, 3)}***${secret.slice(-2)}`;
}

/** Replaces every occurrence of each secret in `text` by its masked form. */
export function maskText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4 || s === "EMPTY") continue;
    out = out.split(s).join(maskSecret(s));
  }
  return out;
}

/** A deep copy of a config-like value with every secret-named field masked. */
export function maskConfig<T>(value: T): T {
  return maskValue(value, "") as T;
}

function maskValue(value: unknown, key: string): unknown {
  if (typeof value === "string") {
    if (isSecretName(key)) return maskSecret(value);
    if (/^bearer\s+/i.test(value)) return `Bearer ${maskSecret(value.replace(/^bearer\s+/i, ""))}`;
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => maskValue(v, key));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskValue(v, k);
    return out;
  }
  return value;
}
