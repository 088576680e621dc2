/**
 * The sandbox contract: what a caller asks to run, with which limits, and what comes back.
 *
 * @module
 */

/** The engines that can run a program (docs/sandbox.md says what each isolates). */
export type SandboxEngine = "bwrap" | "docker" | "local";

/**
 * The names `--sandbox` accepts: `auto` (bwrap where it is usable), an engine, or `none` (no code
 * execution: code benchmarks refuse to run).
 */
export const SANDBOX_CHOICES = ["auto", "bwrap", "docker", "local", "none"] as const;

/** Limits of one run. Every field has a default in {@linkcode SANDBOX_LIMIT_DEFAULTS}. */
export interface SandboxOptions {
  /** Wall-clock limit; the whole process tree is killed when it passes. */
  timeoutMs?: number;
  /** Address-space limit of each process (bytes). */
  memoryBytes?: number;
  /** Size of the writable scratch folder `/tmp`, the program's working directory (bytes). */
  scratchBytes?: number;
  /** Processes the run may have at once (bwrap and docker; fork bombs stop here). */
  maxProcesses?: number;
  /** Largest file the program may write (bytes). */
  maxFileBytes?: number;
  /** Open files per process. */
  maxOpenFiles?: number;
  /** Bytes kept of stdout and of stderr each; the rest is read and dropped. */
  maxOutputBytes?: number;
}

/** The default limits: the one place each is written. */
export const SANDBOX_LIMIT_DEFAULTS: Readonly<Required<SandboxOptions>> = {
  timeoutMs: 10_000,
  memoryBytes: 1024 * 1024 * 1024,
  scratchBytes: 16 * 1024 * 1024,
  maxProcesses: 256,
  maxFileBytes: 16 * 1024 * 1024,
  maxOpenFiles: 64,
  maxOutputBytes: 1024 * 1024,
};

/**
 * One program to run. Give `source` (Python, run as the main module `/w/main.py`) or `argv` (an
 * absolute program path under `/usr` and its arguments). `files` are written beside it under
 * `/w` (relative paths) before it starts; `stdin` is its standard input (empty when not given).
 */
export interface SandboxRequest extends SandboxOptions {
  /** Only `python` for now. */
  language?: "python";
  source?: string;
  argv?: string[];
  /** Extra arguments after the source file (`sys.argv[1:]`). */
  args?: string[];
  files?: Record<string, string>;
  stdin?: string;
}

/** How a run ended. */
export type SandboxStatus = "ok" | "error" | "timeout" | "oom" | "killed";

/** What one run gave. */
export interface SandboxResult {
  /** `ok`: exit 0; `error`: another exit code; `timeout`: the wall or CPU limit passed; `oom`: the
   * memory limit was hit; `killed`: ended by a signal. */
  status: SandboxStatus;
  /** The program's exit code (128 + signal when a signal ended it), or null when it was killed on timeout. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** True when stdout or stderr was longer than `maxOutputBytes` and was cut. */
  truncated: boolean;
  /** Wall time from start to exit, milliseconds. */
  wallMs: number;
}

/** How to open a sandbox: the resolved `sandbox` settings of a run. Plain data. */
export interface SandboxConfig {
  /** The engine; `auto` picks bwrap when it is usable. */
  engine: SandboxEngine | "auto";
  /** Runs at once; more calls to `run` wait for a slot. Default: the number of cores. */
  concurrency?: number;
  /** Limits applied to every request that does not set its own. */
  limits?: SandboxOptions;
  /** The docker image (docker engine only). */
  image?: string;
}

/** An open sandbox: runs programs, one fresh sandbox per run. */
export interface Sandbox {
  /** The engine in use. */
  readonly engine: SandboxEngine;
  /** Runs one program; never throws for what the program does (that is in the result). */
  run(req: SandboxRequest): Promise<SandboxResult>;
  /** Waits for running programs and refuses new ones. */
  close(): Promise<void>;
}
