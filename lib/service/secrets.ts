/**
 * Keeps secrets out of the store: a submitted config is split into what may be written (every
 * secret-named value removed, at any depth) and the secrets, which stay in the service's memory
 * for the job's life and are put back just before it runs.
 *
 * @module
 */
import { isRecord } from "../util/is_record.ts";
import { isSecretName } from "../util/secret_name.ts";

/** One removed secret: where it was (keys from the top) and its value. */
export interface Secret {
  path: string[];
  value: unknown;
}

/** A config without its secrets, and the secrets. */
export interface SplitConfig {
  config: Record<string, unknown>;
  secrets: Secret[];
}

/** Splits `config` into a storable copy and its secrets (empty values are not secrets). */
export function splitSecrets(config: Record<string, unknown>): SplitConfig {
  const secrets: Secret[] = [];
  const walk = (value: Record<string, unknown>, path: string[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (isSecretName(key) && v !== null && v !== undefined && v !== "") {
        secrets.push({ path: [...path, key], value: v });
      } else out[key] = isRecord(v) ? walk(v, [...path, key]) : v;
    }
    return out;
  };
  return { config: walk(config, []), secrets };
}

/** `config` with `secrets` put back (a copy; `config` is not changed). */
export function joinSecrets(
  config: Record<string, unknown>,
  secrets: readonly Secret[],
): Record<string, unknown> {
  const out = structuredClone(config);
  for (const { path, value } of secrets) {
    let at: Record<string, unknown> = out;
    for (const key of path.slice(0, -1)) {
      if (!isRecord(at[key])) at[key] = {};
      at = at[key] as Record<string, unknown>;
    }
    at[path[path.length - 1]] = value;
  }
  return out;
}
