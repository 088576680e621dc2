/**
 * The explicit list of `lmeter` commands (no globbing: the bundle must see every import). Each
 * command's module is loaded only when that command runs (or shows its help), so `lmeter --help`
 * and a small run load only what they use.
 *
 * @module
 */
import type { Command } from "./command.ts";

/** A command's one-line summary (for `lmeter --help` and its own help) and its loader. */
export interface CommandEntry {
  summary: string;
  load(): Promise<Command>;
}

/** Every command by name, in the order `lmeter --help` lists them. */
export const COMMANDS: Record<string, CommandEntry> = {
  eval: {
    summary: "Evaluate a model behind an OpenAI-compatible API on benchmarks",
    load: async () => (await import("./eval.ts")).evalCommand,
  },
  perf: {
    summary: "Load-test a serving endpoint: TTFT, TPOT, ITL, latency, throughput",
    load: async () => (await import("./perf.ts")).perfCommand,
  },
  sim: {
    summary: "Run the built-in OpenAI-compatible simulator (a test oracle)",
    load: async () => (await import("./sim.ts")).simCommand,
  },
  merge: {
    summary: "Join the run folders of a sharded evaluation (eval --shard K/N) into one",
    load: async () => (await import("./merge.ts")).mergeCommand,
  },
  export: {
    summary:
      "Export a perf run as TensorBoard events, metrics.jsonl, MLflow files, Prometheus text",
    load: async () => (await import("./export.ts")).exportCommand,
  },
  score: {
    summary: "Score responses produced elsewhere with a benchmark's extractor",
    load: async () => (await import("./score.ts")).scoreCommand,
  },
  thinkbench: {
    summary: "Reasoning efficiency of a finished math run per level, marked by an LLM judge",
    load: async () => (await import("./thinkbench.ts")).thinkbenchCommand,
  },
  report: {
    summary: "Re-render a run's terminal tables and HTML report from its files",
    load: async () => (await import("./report.ts")).reportCommand,
  },
  benchmarks: {
    summary: "List the built-in benchmarks and show their defaults",
    load: async () => (await import("./benchmarks.ts")).benchmarksCommand,
  },
  collection: {
    summary: "Build a mixed evaluation set from weighted benchmarks, or show one",
    load: async () => (await import("./collection.ts")).collectionCommand,
  },
  datasets: {
    summary: "Prefetch benchmark datasets for air-gapped machines",
    load: async () => (await import("./datasets.ts")).datasetsCommand,
  },
  app: {
    summary: "Browse eval and perf results in a local web UI",
    load: async () => (await import("./app.ts")).appCommand,
  },
  service: {
    summary: "Run lmeter as an HTTP service that accepts eval and perf jobs",
    load: async () => (await import("./service.ts")).serviceCommand,
  },
  demo: {
    summary: "Start the simulator, run a small eval and perf sweep against it, print the tables",
    load: async () => (await import("./demo.ts")).demoCommand,
  },
};
