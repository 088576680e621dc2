/**
 * The `sandbox` settings of a run, from lmeter's `--sandbox <engine>` or EvalScope's keys:
 * `sandbox: {enabled, engine, default_config, manager_config, pool_size}` (v1.10) and the legacy
 * `use_sandbox`, `sandbox_type` and `sandbox_manager_config`. Pure: resolved once on the main thread.
 *
 * @module
 */
import { UserError } from "../errors.ts";
import { isRecord } from "../util/is_record.ts";
import type { SandboxConfig, SandboxEngine } from "./types.ts";

/** The raw keys, as a task config spells them. */
export interface SandboxKeys {
  /** An engine name (`auto`, `bwrap`, `docker`, `local`, `none`) or EvalScope's object. */
  sandbox?: unknown;
  use_sandbox?: boolean;
  sandbox_type?: string;
  sandbox_manager_config?: unknown;
}

/**
 * The sandbox a run opens when it has a code benchmark, or null for `none` (code benchmarks then
 * refuse to run). EvalScope's `enabled: false` is not a way to run code on the host: lmeter
 * still uses its default sandbox, and says so in `notes`.
 */
export function resolveSandboxKeys(
  keys: SandboxKeys,
  options: { notes: string[] },
): SandboxConfig | null {
  const { notes } = options;
  rejectManager(keys.sandbox_manager_config, "sandbox_manager_config");
  // `auto` is the option's default: the legacy keys may still name an engine.
  const raw = keys.sandbox === "auto" ? undefined : keys.sandbox;
  if (typeof raw === "string") {
    if (raw === "none") return null;
    return { engine: engineName(raw, "--sandbox") };
  }
  if (raw !== undefined && !isRecord(raw)) {
    throw new UserError(
      "Invalid --sandbox: expected an engine name or an object",
      'Use --sandbox bwrap (docker, local, none) or, as EvalScope, --sandbox \'{"engine": "docker"}\'.',
    );
  }
  const obj: Record<string, unknown> = raw ?? {};
  rejectManager(obj.manager_config, "sandbox.manager_config");
  const engineRaw = obj.engine ?? keys.sandbox_type;
  const engine = engineRaw === undefined ? "auto" : engineName(String(engineRaw), "sandbox.engine");
  const enabled = obj.enabled ?? keys.use_sandbox;
  if (enabled === false) {
    notes.push(
      "sandbox.enabled=false (use_sandbox) does not run model code on the host in lmeter: code benchmarks use the default sandbox (--sandbox local would run it unisolated).",
    );
  }
  const out: SandboxConfig = { engine };
  const poolSize = obj.pool_size;
  if (poolSize !== undefined) {
    if (!Number.isInteger(poolSize) || (poolSize as number) < 1) {
      throw new UserError(
        `Invalid sandbox.pool_size ${JSON.stringify(poolSize)}`,
        "Use a whole number of programs to run at once, e.g. 2.",
      );
    }
    out.concurrency = poolSize as number;
  }
  const dc = obj.default_config;
  if (dc !== undefined) Object.assign(out, defaultConfig(dc));
  return out;
}

/** EvalScope's `default_config`: `image`, `memory_limit` ("1g", "512m"), `network_enabled`. */
function defaultConfig(dc: unknown): Partial<SandboxConfig> {
  if (!isRecord(dc)) {
    throw new UserError(
      "Invalid sandbox.default_config: expected an object",
      'E.g. {"memory_limit": "1g"}.',
    );
  }
  if (dc.network_enabled === true) {
    throw new UserError(
      "Cannot enable the sandbox's network: lmeter runs model code without network",
      "Drop sandbox.default_config.network_enabled.",
    );
  }
  const out: Partial<SandboxConfig> = {};
  if (typeof dc.image === "string") out.image = dc.image;
  if (dc.memory_limit !== undefined) {
    out.limits = {
      memoryBytes: parseBytes(dc.memory_limit, "sandbox.default_config.memory_limit"),
    };
  }
  return out;
}

/** Docker-style sizes: a number of bytes, or a number with b, k, m or g. */
export function parseBytes(value: unknown, where: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([bkmg]?)b?\s*$/i.exec(String(value));
  if (!m) {
    throw new UserError(
      `Invalid ${where} ${JSON.stringify(value)}`,
      'Write a size such as "512m" or "1g".',
    );
  }
  const scale = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase()]!;
  return Math.floor(Number(m[1]) * scale);
}

function engineName(name: string, where: string): SandboxEngine | "auto" {
  if (name === "auto" || name === "bwrap" || name === "docker" || name === "local") return name;
  if (name === "volcengine") {
    throw new UserError(
      "Cannot use the volcengine sandbox: lmeter runs code only on this machine",
      "Use --sandbox bwrap (default) or --sandbox docker.",
    );
  }
  throw new UserError(
    `Invalid ${where} "${name}"`,
    "Use bwrap (default), docker, local (unsafe: no isolation) or none.",
  );
}

function rejectManager(value: unknown, where: string): void {
  if (value === undefined || value === null) return;
  if (isRecord(value) && Object.keys(value).length === 0) return;
  const url = isRecord(value) && typeof value.base_url === "string" ? ` (${value.base_url})` : "";
  throw new UserError(
    `Cannot use a remote sandbox manager${url}: not supported, lmeter runs each program in a sandbox on this machine`,
    `Drop ${where}; use --sandbox bwrap (default) or --sandbox docker.`,
  );
}
