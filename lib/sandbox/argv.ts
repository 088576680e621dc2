/**
 * The one place where a sandbox's command line is built. Everything a run varies (the limits, the
 * slot's uid, a container name) is a number or a name made here; the program, its files and its
 * stdin never appear in the argument vector (they travel on stdin, see bootstrap.ts). Audit this
 * file when changing what a sandbox may see or do.
 *
 * @module
 */
import { BOOTSTRAP } from "./bootstrap.ts";
import type { SandboxEngine, SandboxOptions } from "./types.ts";

/** Where the host tools live (absolute paths; the eval worker may run only the launcher). */
export const TOOL_PATHS = {
  bwrap: "/usr/bin/bwrap",
  setpriv: "/usr/bin/setpriv",
  prlimit: "/usr/bin/prlimit",
  python: "/usr/bin/python3",
  docker: "/usr/bin/docker",
} as const;

/** The files folder inside bwrap and docker sandboxes. */
export const FILES_DIR = "/w";

/** Everything one launch depends on. */
export interface LaunchSpec {
  engine: SandboxEngine;
  limits: Required<SandboxOptions>;
  /** bwrap as root: the slot's own uid (and gid); null runs as the current user. */
  uid: number | null;
  /** Size of the files folder `/w` (bytes). */
  filesBytes: number;
  /** docker: the container's name (so a timeout can kill it) and image. */
  container?: string;
  image?: string;
  /** Tool paths (tests may point them elsewhere). */
  tools?: Partial<Record<keyof typeof TOOL_PATHS, string>>;
}

/** A command to start: the program and its arguments. */
export interface LaunchCommand {
  command: string;
  args: string[];
}

/**
 * Builds the command line of one sandboxed run. Every number is checked to be a positive integer,
 * every name to be plain, so no request can inject an argument.
 */
export function launchCommand(spec: LaunchSpec): LaunchCommand {
  const t = { ...TOOL_PATHS, ...spec.tools };
  const l = spec.limits;
  const mem = positive(l.memoryBytes, "memoryBytes");
  const cpu = Math.ceil(positive(l.timeoutMs, "timeoutMs") / 1000) + 1;
  const nproc = positive(l.maxProcesses, "maxProcesses");
  const fsize = positive(l.maxFileBytes, "maxFileBytes");
  const nofile = positive(l.maxOpenFiles, "maxOpenFiles");
  const scratch = positive(l.scratchBytes, "scratchBytes");
  const files = positive(spec.filesBytes, "filesBytes");
  const python = ["-I", "-c", BOOTSTRAP];
  // CPU seconds: SIGXCPU at the soft limit, SIGKILL one second later.
  const rlimits = (withNproc: boolean) => [
    `--as=${mem}`,
    `--cpu=${cpu}:${cpu + 1}`,
    ...(withNproc ? [`--nproc=${nproc}`] : []),
    `--fsize=${fsize}`,
    `--nofile=${nofile}`,
  ];
  switch (spec.engine) {
    case "bwrap": {
      const bwrap = [
        t.bwrap,
        "--unshare-all", // user, ipc, pid, net, uts, cgroup namespaces: no network but a down loopback
        "--unshare-user",
        "--disable-userns", // no nested user namespace inside
        "--die-with-parent",
        "--new-session",
        "--clearenv",
        ...["--setenv", "PATH", "/usr/bin:/bin"],
        ...["--setenv", "HOME", "/tmp"],
        ...["--setenv", "LANG", "C.UTF-8"],
        ...["--ro-bind", "/usr", "/usr"],
        ...["--symlink", "usr/lib", "/lib"],
        ...["--symlink", "usr/lib64", "/lib64"],
        ...["--symlink", "usr/bin", "/bin"],
        ...["--proc", "/proc"],
        ...["--dev", "/dev"],
        ...["--size", String(scratch), "--tmpfs", "/dev/shm"], // POSIX semaphores (multiprocessing)
        ...["--size", String(scratch), "--tmpfs", "/tmp"],
        ...["--size", String(files), "--tmpfs", FILES_DIR],
        // bwrap's root and /dev are tmpfs without a size: read-only once the mounts are in place.
        ...["--remount-ro", "/dev"],
        ...["--remount-ro", "/"],
        ...["--chdir", "/tmp"],
        "--",
        t.python,
        ...python,
        FILES_DIR,
      ];
      const limited = [t.prlimit, ...rlimits(true), "--", ...bwrap];
      const argv = spec.uid === null ? limited : [
        t.setpriv,
        `--reuid=${uid(spec.uid)}`,
        `--regid=${uid(spec.uid)}`,
        "--clear-groups",
        "--",
        ...limited,
      ];
      return { command: argv[0], args: argv.slice(1) };
    }
    case "docker": {
      const name = plain(spec.container ?? "", "container");
      const image = plain(spec.image ?? "", "image");
      return {
        command: t.docker,
        args: [
          "run",
          "--rm",
          "--interactive",
          ...["--pull", "never"], // a pull inside a timed run would eat its timeout
          ...["--name", name],
          ...["--network", "none"],
          ...["--memory", String(mem)],
          ...["--memory-swap", String(mem)],
          ...["--cpus", "1"],
          ...["--pids-limit", String(nproc)],
          "--read-only",
          ...["--tmpfs", `/tmp:rw,exec,nosuid,size=${scratch},mode=1777`],
          ...["--tmpfs", `${FILES_DIR}:rw,exec,nosuid,size=${files},mode=1777`],
          ...["--user", "65534:65534"],
          ...["--cap-drop", "ALL"],
          ...["--security-opt", "no-new-privileges"],
          ...["--ulimit", `cpu=${cpu}:${cpu + 1}`],
          ...["--ulimit", `fsize=${fsize}:${fsize}`],
          ...["--ulimit", `nofile=${nofile}:${nofile}`],
          ...["--env", "LANG=C.UTF-8"],
          ...["--env", "HOME=/tmp"],
          ...["--workdir", "/tmp"],
          image,
          "python3",
          ...python,
          FILES_DIR,
        ],
      };
    }
    case "local":
      // No containment: limits only. RLIMIT_NPROC counts every process of the user, so it is
      // left out (it would count the user's other programs, and root ignores it).
      return {
        command: t.prlimit,
        args: [...rlimits(false), "--", t.python, ...python, ""],
      };
  }
}

/** The docker commands besides `run`: is a daemon there (`probe`), stop a container (`kill`). */
export function dockerCommand(
  o: { action: "probe" | "kill"; container?: string; tools?: LaunchSpec["tools"] },
): LaunchCommand {
  const docker = o.tools?.docker ?? TOOL_PATHS.docker;
  if (o.action === "probe") {
    return { command: docker, args: ["version", "--format", "{{.Server.Version}}"] };
  }
  return { command: docker, args: ["kill", plain(o.container ?? "", "container")] };
}

/** The program the eval worker must be allowed to start for an engine. */
export function launcherPath(
  engine: SandboxEngine,
  options: { root: boolean; tools?: LaunchSpec["tools"] },
): string {
  const t = { ...TOOL_PATHS, ...options.tools };
  if (engine === "docker") return t.docker;
  if (engine === "bwrap" && options.root) return t.setpriv;
  return t.prlimit;
}

function positive(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new RangeError(`sandbox ${what} must be a positive integer, got ${n}`);
  }
  return n;
}

function uid(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1000 || n > 2 ** 31 - 2) {
    throw new RangeError(`sandbox uid must be an integer from 1000 up, got ${n}`);
  }
  return n;
}

function plain(s: string, what: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/.test(s)) {
    throw new RangeError(`sandbox ${what} "${s}" has characters a ${what} name cannot have`);
  }
  return s;
}
