/**
 * The explicit list of `lmeter` commands (no globbing: the bundle must see every import).
 *
 * @module
 */
import { appCommand } from "./app.ts";
import { benchmarksCommand } from "./benchmarks.ts";
import type { Command } from "./command.ts";
import { datasetsCommand } from "./datasets.ts";
import { demoCommand } from "./demo.ts";
import { evalCommand } from "./eval.ts";
import { perfCommand } from "./perf.ts";
import { reportCommand } from "./report.ts";
import { scoreCommand } from "./score.ts";
import { serviceCommand } from "./service.ts";
import { simCommand } from "./sim.ts";

/** Every command by name, in the order `lmeter --help` lists them. */
export const COMMANDS: Record<string, Command> = {
  eval: evalCommand,
  perf: perfCommand,
  sim: simCommand,
  score: scoreCommand,
  report: reportCommand,
  benchmarks: benchmarksCommand,
  datasets: datasetsCommand,
  app: appCommand,
  service: serviceCommand,
  demo: demoCommand,
};
