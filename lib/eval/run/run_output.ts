/**
 * What a run says while it works: log lines to `logs/eval_log.log` and the terminal, and a
 * progress display per benchmark (a bar on a TTY, a log line every 10% otherwise).
 *
 * @module
 */

/** How a run shows itself. `silent` writes the log file only. */
export type OutputMode = "tty" | "plain" | "silent";

/** An event for library callers (service mode, tests). */
export type EvalEvent =
  | { type: "log"; level: "info" | "warn" | "debug"; message: string }
  | { type: "progress"; benchmark: string; done: number; total: number; errors: number };

/** Options of {@linkcode RunOutput}. */
export interface RunOutputOptions {
  mode: OutputMode;
  debug?: boolean;
  /** Terminal width for the bar. Default 100. */
  columns?: number;
  onEvent?: (event: EvalEvent) => void;
  /** Injected clock (ms). Default `Date.now`. */
  now?: () => number;
  /** Where terminal text goes. Default: stderr. */
  write?: (text: string) => void;
}

const encoder = new TextEncoder();

/** The run's log and progress display. */
export class RunOutput {
  readonly #options: RunOutputOptions;
  readonly #write: (text: string) => void;
  #file: Deno.FsFile | null = null;
  #bar = "";
  #progress: {
    name: string;
    total: number;
    done: number;
    errors: number;
    start: number;
    lastDraw: number;
    lastLogged: number;
  } | null = null;

  constructor(options: RunOutputOptions) {
    this.#options = options;
    this.#write = options.write ?? ((t) => {
      try {
        Deno.stderr.writeSync(encoder.encode(t));
      } catch { /* stderr closed */ }
    });
  }

  /** Starts appending to the log file at `path`. */
  async openLog(path: string): Promise<void> {
    this.#file = await Deno.open(path, { create: true, append: true });
  }

  /** An info line (terminal and file). */
  info(message: string): void {
    this.#line("info", message);
  }

  /** A warning (terminal and file). */
  warn(message: string): void {
    this.#line("warn", message);
  }

  /** A debug line (file; terminal too with --debug). */
  debug(message: string): void {
    this.#line("debug", message);
  }

  /** Begins the progress display of one benchmark. */
  startProgress(name: string, total: number, done = 0): void {
    const now = this.#now();
    this.#progress = { name, total, done, errors: 0, start: now, lastDraw: 0, lastLogged: done };
    this.#draw(true);
  }

  /** Counts finished samples. */
  advance(done: number, errors = 0): void {
    const p = this.#progress;
    if (!p) return;
    p.done += done;
    p.errors += errors;
    this.#options.onEvent?.({
      type: "progress",
      benchmark: p.name,
      done: p.done,
      total: p.total,
      errors: p.errors,
    });
    this.#draw(false);
  }

  /** Ends the progress display with a summary line. */
  endProgress(): void {
    const p = this.#progress;
    if (!p) return;
    this.#clearBar();
    this.#progress = null;
    const secs = (this.#now() - p.start) / 1000;
    this.info(
      `${p.name}: ${p.done}/${p.total} samples done in ${secs.toFixed(1)} s${
        p.errors ? `, ${p.errors} failed` : ""
      }`,
    );
  }

  /** Closes the log file. */
  close(): void {
    this.#clearBar();
    try {
      this.#file?.close();
    } catch { /* already closed */ }
    this.#file = null;
  }

  #line(level: "info" | "warn" | "debug", message: string): void {
    const stamp = new Date(this.#now()).toISOString();
    if (this.#file) {
      try {
        this.#file.writeSync(encoder.encode(`${stamp} ${level.toUpperCase()} ${message}\n`));
      } catch { /* the log is best effort */ }
    }
    this.#options.onEvent?.({ type: "log", level, message });
    const show = this.#options.mode !== "silent" && (level !== "debug" || this.#options.debug);
    if (!show) return;
    const hadBar = this.#bar !== "";
    this.#clearBar();
    this.#write(`${level === "warn" ? "warning: " : ""}${message}\n`);
    if (hadBar) this.#draw(true);
  }

  #draw(force: boolean): void {
    const p = this.#progress;
    if (!p || this.#options.mode === "silent") return;
    const now = this.#now();
    if (this.#options.mode === "plain") {
      const step = Math.max(1, Math.ceil(p.total / 10));
      if (
        force || p.done === p.total || p.done - p.lastLogged >= step || now - p.lastDraw >= 15_000
      ) {
        if (force && p.done === 0) return;
        p.lastLogged = p.done;
        p.lastDraw = now;
        this.info(
          `${p.name}: ${p.done}/${p.total} samples (${pctText(p.done, p.total)})${
            rateText(p, now)
          }${p.errors ? `, ${p.errors} failed` : ""}`,
        );
      }
      return;
    }
    if (!force && now - p.lastDraw < 100 && p.done !== p.total) return;
    p.lastDraw = now;
    const width = Math.max(10, Math.min(40, (this.#options.columns ?? 100) - 60));
    const filled = p.total ? Math.round((p.done / p.total) * width) : width;
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    const text = `${p.name} ${bar} ${p.done}/${p.total} ${pctText(p.done, p.total)}${
      rateText(p, now)
    }${p.errors ? ` · ${p.errors} failed` : ""}`;
    this.#write(`\r\x1b[2K${text}`);
    this.#bar = text;
  }

  #clearBar(): void {
    if (this.#bar === "") return;
    this.#write("\r\x1b[2K");
    this.#bar = "";
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}

function pctText(done: number, total: number): string {
  return `${total ? Math.floor((done / total) * 100) : 100}%`;
}

function rateText(p: { done: number; start: number; total: number }, now: number): string {
  const secs = (now - p.start) / 1000;
  if (secs <= 0 || p.done === 0) return "";
  const rate = p.done / secs;
  const eta = rate > 0 ? (p.total - p.done) / rate : 0;
  return ` · ${rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)}/s · eta ${formatSecs(eta)}`;
}

function formatSecs(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
