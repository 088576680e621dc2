/**
 * `lmeter <command> [options]`: dispatch, `--help`, `--version`, and the mapping from errors to
 * exit codes (0 ok, 1 failed run or gate, 2 usage error, 130 interrupted).
 *
 * @module
 */
import { VERSION } from "../util/version.ts";
import { Interrupted, UserError } from "../errors.ts";
import { parseCommandArgs, printHelp } from "./command.ts";
import { COMMANDS } from "./commands.ts";

/** Runs the CLI with `args` (without the program name); returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const debug = args.includes("--debug");
  const [name, ...rest] = args;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    if (name === "help" && rest[0] && COMMANDS[rest[0]]) {
      printHelp((await COMMANDS[rest[0]].load()).spec);
      return 0;
    }
    console.log(topHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    console.log(`lmeter ${VERSION} (deno ${Deno.version.deno})`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    console.error(`error: unknown command '${name}'`);
    console.error(`hint: commands are ${Object.keys(COMMANDS).join(", ")}. See 'lmeter --help'.`);
    return 2;
  }
  const command = await entry.load();
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) Deno.exit(130);
    console.error(
      "\nInterrupted: finishing what is in flight and saving results (Ctrl-C again to quit now)…",
    );
    controller.abort(new Interrupted());
  };
  try {
    Deno.addSignalListener("SIGINT", onSigint);
  } catch { /* signals unavailable (e.g. in a worker) */ }
  try {
    const options = await parseCommandArgs(command.spec, rest);
    if (options.help) {
      printHelp(command.spec, rest.includes("--help-all"));
      return 0;
    }
    const code = await command.run({ options, signal: controller.signal });
    return controller.signal.aborted ? 130 : code;
  } catch (e) {
    return reportError(e, { debug });
  } finally {
    try {
      Deno.removeSignalListener("SIGINT", onSigint);
    } catch { /* ignore */ }
  }
}

/** Options of {@linkcode reportError}. */
export interface ReportErrorOptions {
  /** Print the cause and stack trace (`--debug`). Default false. */
  debug?: boolean;
}

/** Prints an error the way users should see it; returns the exit code. */
export function reportError(e: unknown, options: ReportErrorOptions = {}): number {
  const { debug = false } = options;
  if (e instanceof Interrupted) return 130;
  if (e instanceof UserError) {
    console.error(`error: ${e.message}`);
    if (e.hint) console.error(`hint: ${e.hint}`);
    if (debug && e.cause) console.error(e.cause);
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  console.error(`error: ${err.message}`);
  if (debug) console.error(err.stack);
  else console.error("hint: run again with --debug for details, and report it if it persists.");
  return 1;
}

function topHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  const lines = [
    `lmeter ${VERSION} — measure LLM services: how good (eval) and how fast (perf)`,
    "",
    "Usage: lmeter <command> [options]",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}${c.summary}`),
    "",
    "Options:",
    "  -h, --help     Show help (lmeter <command> --help for a command's options)",
    "  -V, --version  Show the version",
    "",
    "Docs: README.md and docs/ in the lmeter repository.",
  ];
  return lines.join("\n");
}
