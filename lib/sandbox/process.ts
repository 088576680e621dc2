/**
 * Starting one sandbox process: feed its stdin, keep a capped copy of its output, kill it when
 * its time is up, and say how it ended.
 *
 * @module
 */
import type { LaunchCommand } from "./argv.ts";
import type { SandboxStatus } from "./types.ts";

/** What the process gave, before classification. */
export interface ProcessOutcome {
  /** Exit code; for a process ended by a signal, 128 + the signal number. */
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  truncated: boolean;
  wallMs: number;
}

/** Options of {@linkcode runProcess}. */
export interface RunProcessOptions {
  stdin: Uint8Array;
  timeoutMs: number;
  maxOutputBytes: number;
  /** Called once when the time is up, after the process was sent SIGKILL (docker kills its container here). */
  onTimeout?: () => Promise<void>;
}

/** Runs `cmd` to its end (or its timeout) with an empty environment. */
export async function runProcess(
  cmd: LaunchCommand,
  options: RunProcessOptions,
): Promise<ProcessOutcome> {
  const start = performance.now();
  const child = new Deno.Command(cmd.command, {
    args: cmd.args,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    clearEnv: true,
    env: { PATH: "/usr/bin:/bin", LANG: "C.UTF-8" },
  }).spawn();
  let timedOut = false;
  let stopped: Promise<void> = Promise.resolve();
  // A process that escaped the kill (only possible without a pid namespace: the local engine)
  // may hold the pipes open; they are given up a moment after the timeout.
  const giveUp = new AbortController();
  let giveUpTimer: ReturnType<typeof setTimeout> | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
    stopped = options.onTimeout?.() ?? Promise.resolve();
    giveUpTimer = setTimeout(() => giveUp.abort(), 2000);
  }, options.timeoutMs);
  const feeding = feed(child.stdin, options.stdin);
  const [out, err, status] = await Promise.all([
    readCapped(child.stdout, { cap: options.maxOutputBytes, signal: giveUp.signal }),
    readCapped(child.stderr, { cap: options.maxOutputBytes, signal: giveUp.signal }),
    child.status,
  ]);
  clearTimeout(timer);
  clearTimeout(giveUpTimer);
  await feeding;
  await stopped;
  const wallMs = performance.now() - start;
  const exitCode = timedOut
    ? null
    : status.signal
    ? 128 + signalNumber(status.signal)
    : status.code;
  return {
    exitCode,
    timedOut,
    stdout: out.text,
    stderr: err.text,
    truncated: out.truncated || err.truncated,
    wallMs,
  };
}

/**
 * The status of a finished run. `engine` matters for docker, whose memory limit is a cgroup's:
 * the kernel kills the container (137) rather than failing an allocation.
 */
export function classify(
  o: Pick<ProcessOutcome, "exitCode" | "timedOut" | "stderr">,
  engine: string,
): SandboxStatus {
  if (o.timedOut || o.exitCode === null) return "timeout";
  if (o.exitCode === 0) return "ok";
  if (o.exitCode === 128 + SIGXCPU) return "timeout";
  if (/(^|\n)MemoryError\b[^\n]*\n?$/.test(o.stderr.slice(-4096))) return "oom";
  if (engine === "docker" && o.exitCode === 137) return "oom";
  if (o.exitCode > 128 && o.exitCode <= 128 + 64) return "killed";
  return "error";
}

const SIGXCPU = 24;

async function feed(stdin: WritableStream<Uint8Array>, bytes: Uint8Array): Promise<void> {
  const writer = stdin.getWriter();
  try {
    await writer.write(bytes);
    await writer.close();
  } catch {
    // The program ended without reading all of its input: that is its business.
  }
}

/** Reads a stream to its end and keeps its first `cap` bytes as text. */
async function readCapped(
  stream: ReadableStream<Uint8Array>,
  options: { cap: number; signal: AbortSignal },
): Promise<{ text: string; truncated: boolean }> {
  const { cap, signal } = options;
  const kept: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  const reader = stream.getReader();
  const cancel = () => reader.cancel().catch(() => {});
  signal.addEventListener("abort", cancel, { once: true });
  while (true) {
    const { done, value: chunk } = await reader.read().catch(() => ({
      done: true,
      value: undefined,
    }));
    if (done || !chunk) break;
    if (size >= cap) {
      truncated = true;
      continue;
    }
    const room = cap - size;
    if (chunk.length > room) truncated = true;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    kept.push(part);
    size += part.length;
  }
  signal.removeEventListener("abort", cancel);
  const all = new Uint8Array(size);
  let at = 0;
  for (const k of kept) {
    all.set(k, at);
    at += k.length;
  }
  return { text: new TextDecoder().decode(all), truncated };
}

function signalNumber(signal: Deno.Signal): number {
  const numbers: Partial<Record<Deno.Signal, number>> = {
    SIGHUP: 1,
    SIGINT: 2,
    SIGQUIT: 3,
    SIGILL: 4,
    SIGTRAP: 5,
    SIGABRT: 6,
    SIGBUS: 7,
    SIGFPE: 8,
    SIGKILL: 9,
    SIGUSR1: 10,
    SIGSEGV: 11,
    SIGUSR2: 12,
    SIGPIPE: 13,
    SIGALRM: 14,
    SIGTERM: 15,
    SIGXCPU: 24,
    SIGXFSZ: 25,
  };
  return numbers[signal] ?? 64;
}
