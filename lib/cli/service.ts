/**
 * `lmeter service`: Run lmeter as an HTTP service that accepts eval and perf jobs.
 *
 * @module
 */
import { COMMANDS } from "./commands.ts";
import { type Command, notYetAvailable } from "./command.ts";

/** The `service` command (not yet available). */
export const serviceCommand: Command = notYetAvailable({
  name: "service",
  summary: COMMANDS.service.summary,
  usage: "lmeter service [options]",
  options: [],
});
