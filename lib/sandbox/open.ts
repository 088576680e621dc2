/**
 * Opening a sandbox: pick and check the engine, then run programs in slots (one uid per slot when
 * running as root), one fresh sandbox per program.
 *
 * @module
 */
import { UserError } from "../errors.ts";
import { dockerCommand, launchCommand, launcherPath, type LaunchSpec } from "./argv.ts";
import { encodeStdin, filesBytes } from "./bootstrap.ts";
import { classify, runProcess } from "./process.ts";
import { SlotPool } from "./slots.ts";
import {
  type Sandbox,
  SANDBOX_LIMIT_DEFAULTS,
  type SandboxConfig,
  type SandboxEngine,
  type SandboxOptions,
  type SandboxRequest,
  type SandboxResult,
} from "./types.ts";

/** The hint of every "no usable sandbox" error. */
export const SANDBOX_HINT =
  "Install bubblewrap (apt-get install bubblewrap) for the default --sandbox bwrap, pass --sandbox docker when a Docker daemon runs, or --sandbox local to run model code on this host without isolation (unsafe).";

/** The docker image when none is configured (EvalScope's, through ms-enclave). */
export const DEFAULT_DOCKER_IMAGE = "python:3.11-slim";

/** Options of {@linkcode openSandbox} that tests and benchmarks use. */
export interface OpenSandboxOptions {
  /** Tool paths (default: `TOOL_PATHS` of argv.ts). */
  tools?: LaunchSpec["tools"];
  /** Where the unsafe warning of the local engine goes (default: stderr). */
  warn?: (line: string) => void;
}

/**
 * Opens a sandbox for `config` (tools default to `TOOL_PATHS`): checks that the engine can run a program here (a tiny probe run)
 * and throws a {@linkcode UserError} naming `--sandbox` when it cannot.
 */
export async function openSandbox(
  config: SandboxConfig,
  options: OpenSandboxOptions = {},
): Promise<Sandbox> {
  const engine = config.engine === "auto" ? "bwrap" : config.engine;
  const root = isRoot();
  const concurrency = Math.max(1, config.concurrency ?? navigator.hardwareConcurrency ?? 1);
  const sandbox = new EngineSandbox({
    engine,
    root,
    concurrency,
    limits: { ...SANDBOX_LIMIT_DEFAULTS, ...definedOnly(config.limits ?? {}) },
    image: config.image ?? DEFAULT_DOCKER_IMAGE,
    tools: options.tools ?? {},
  });
  if (engine === "docker") await checkDocker(options.tools);
  if (engine === "local") {
    (options.warn ?? ((l) => console.error(l)))(
      "warning: --sandbox local runs model-written code on this host with only resource limits (unsafe): no file, network or process isolation.",
    );
  }
  const probe = await sandbox.run({ source: "print('ok')", timeoutMs: 10_000 })
    .catch((e: Error) => ({ status: "error", stdout: "", stderr: e.message }) as const);
  if (probe.status !== "ok" || probe.stdout.trim() !== "ok") {
    const why = (probe.stderr.trim().split("\n")[0] || `status ${probe.status}`).slice(0, 300);
    throw new UserError(`Cannot run code in the ${engine} sandbox: ${why}`, SANDBOX_HINT);
  }
  return sandbox;
}

/** What a job's worker needs to open `config`'s sandbox (see lib/jobs/scope.ts). */
export interface SandboxPermissions {
  /** The one program it may start: the engine's launcher. */
  run: string[];
  /** What it reads: as root with bwrap, /proc (to see that a killed sandbox left no process). */
  read: string[];
}

/** The permissions a job's worker needs to open a sandbox for `config`. */
export function sandboxPermissions(
  config: SandboxConfig,
  options: { tools?: LaunchSpec["tools"] } = {},
): SandboxPermissions {
  const engine = config.engine === "auto" ? "bwrap" : config.engine;
  const root = isRoot();
  return {
    run: [launcherPath(engine, { root, tools: options.tools })],
    read: engine === "bwrap" && root ? ["/proc"] : [],
  };
}

interface EngineSettings {
  engine: SandboxEngine;
  root: boolean;
  concurrency: number;
  limits: Required<SandboxOptions>;
  image: string;
  tools: NonNullable<LaunchSpec["tools"]>;
}

class EngineSandbox implements Sandbox {
  readonly engine: SandboxEngine;
  #s: EngineSettings;
  #slots: SlotPool;
  #closed = false;
  #running = new Set<Promise<unknown>>();
  #serial = 0;

  constructor(s: EngineSettings) {
    this.engine = s.engine;
    this.#s = s;
    this.#slots = new SlotPool(s.concurrency);
  }

  run(req: SandboxRequest): Promise<SandboxResult> {
    if (this.#closed) return Promise.reject(new Error("the sandbox is closed"));
    const p = this.#runInSlot(req);
    this.#running.add(p);
    p.finally(() => this.#running.delete(p)).catch(() => {});
    return p;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#running]);
  }

  async #runInSlot(req: SandboxRequest): Promise<SandboxResult> {
    const s = this.#s;
    if ((req.source === undefined) === (req.argv === undefined)) {
      throw new TypeError("a sandbox request needs either source or argv");
    }
    const limits = { ...s.limits, ...definedOnly(pickLimits(req)) };
    const slot = await this.#slots.acquire();
    const uid = s.engine === "bwrap" && s.root ? slotUid(slot) : null;
    const container = `lmeter-sandbox-${Deno.pid}-${++this.#serial}`;
    try {
      const cmd = launchCommand({
        engine: s.engine,
        limits,
        uid,
        filesBytes: filesBytes(req),
        container,
        image: s.image,
        tools: s.tools,
      });
      const o = await runProcess(cmd, {
        stdin: encodeStdin(req),
        timeoutMs: limits.timeoutMs,
        maxOutputBytes: limits.maxOutputBytes,
        onTimeout: s.engine === "docker" ? () => killContainer(container, s.tools) : undefined,
      });
      if (o.timedOut && uid !== null) await waitForNoProcessOf(uid);
      return {
        status: classify(o, s.engine),
        exitCode: o.exitCode,
        stdout: o.stdout,
        stderr: o.stderr,
        truncated: o.truncated,
        wallMs: o.wallMs,
      };
    } finally {
      this.#slots.release(slot);
    }
  }
}

/**
 * The uid of a slot when running as root: a block of uids of this process (from its pid), so two
 * lmeter processes rarely share one; RLIMIT_NPROC counts per uid.
 */
function slotUid(slot: number): number {
  return 100_000 + (Deno.pid % 4000) * 1000 + (slot % 1000);
}

/** After a kill the sandbox's processes end asynchronously; wait until the slot's uid runs none. */
async function waitForNoProcessOf(uid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (!(await hasProcessOf(uid))) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function hasProcessOf(uid: number): Promise<boolean> {
  try {
    for await (const e of Deno.readDir("/proc")) {
      if (!/^\d+$/.test(e.name)) continue;
      const status = await Deno.readTextFile(`/proc/${e.name}/status`).catch(() => "");
      const m = /\nUid:\s+(\d+)/.exec(status);
      // A zombie has ended (the sandbox's pid 1 waits as one until the host's init reaps it).
      if (m && Number(m[1]) === uid && !/\nState:\s+Z/.test(status)) return true;
    }
  } catch {
    return false; // /proc unreadable: nothing to wait on
  }
  return false;
}

async function checkDocker(tools: LaunchSpec["tools"]): Promise<void> {
  const cmd = dockerCommand({ action: "probe", tools });
  let ok = false;
  let why = "";
  try {
    const out = await new Deno.Command(cmd.command, { args: cmd.args, stdin: "null" }).output();
    ok = out.success;
    why = new TextDecoder().decode(out.stderr).trim().split("\n")[0] ?? "";
  } catch (e) {
    why = (e as Error).message;
  }
  if (!ok) {
    throw new UserError(
      `Cannot run code in the docker sandbox: no Docker daemon answers (${why || "docker failed"})`,
      SANDBOX_HINT,
    );
  }
}

async function killContainer(name: string, tools: LaunchSpec["tools"]): Promise<void> {
  const cmd = dockerCommand({ action: "kill", container: name, tools });
  await new Deno.Command(cmd.command, {
    args: cmd.args,
    stdin: "null",
    stdout: "null",
    stderr: "null",
  })
    .output().catch(() => {});
}

function isRoot(): boolean {
  try {
    return Deno.uid() === 0;
  } catch {
    return false;
  }
}

function pickLimits(req: SandboxRequest): SandboxOptions {
  const { timeoutMs, memoryBytes, scratchBytes, maxProcesses, maxFileBytes, maxOpenFiles } = req;
  return {
    timeoutMs,
    memoryBytes,
    scratchBytes,
    maxProcesses,
    maxFileBytes,
    maxOpenFiles,
    maxOutputBytes: req.maxOutputBytes,
  };
}

function definedOnly(o: SandboxOptions): SandboxOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
