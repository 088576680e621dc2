/**
 * What every `lmeter <command>` module exports, and the shared argument handling.
 *
 * @module
 */
import { readConfigFile, takeConfigFlag } from "../config/config_file.ts";
import { renderHelp } from "../config/help.ts";
import {
  type CommandSpec,
  type OptionSpec,
  type OptionValues,
  type ParsedOptions,
  parseOptions,
} from "../config/schema.ts";

/** What a command gets to run with. */
export interface CommandContext<V = Record<string, unknown>> {
  /** The parsed options (typed, validated, defaults applied; snake_case keys). */
  options: ParsedOptions<V>;
  /** Aborted on Ctrl-C: commands flush what they have and return 130. */
  signal: AbortSignal;
}

/**
 * One `lmeter` subcommand. With its option list declared through `defineOptions`, `run` sees
 * the typed values of exactly those options.
 */
export interface Command<T extends readonly OptionSpec[] = readonly OptionSpec[]> {
  spec: CommandSpec<T>;
  run(ctx: CommandContext<OptionValues<T>>): Promise<number>;
}

/** Declares a command; the option types flow from `spec.options` into `run`. */
export function defineCommand<const T extends readonly OptionSpec[]>(command: Command<T>): Command {
  return command;
}

/** Parses a command's arguments, merging `--config FILE` under the flags. */
export async function parseCommandArgs(
  spec: CommandSpec,
  args: readonly string[],
): Promise<ParsedOptions> {
  const { path, rest } = takeConfigFlag(args);
  const fromFile = path ? await readConfigFile(path) : {};
  return parseOptions(spec, rest, fromFile, path ?? "config file");
}

/** Prints a command's help to stdout. */
export function printHelp(spec: CommandSpec, all = false): void {
  console.log(renderHelp(spec, { all }).trimEnd());
}
