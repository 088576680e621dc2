/**
 * `lmeter merge <shard dirs…> --to DIR`: joins the run folders of a sharded evaluation
 * (`lmeter eval --shard K/N`) into one, as the unsharded run would have written it.
 *
 * @module
 */
import { resolve } from "node:path";
import { UserError } from "../errors.ts";
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import { mergeShards } from "../eval/shard/merge_shards.ts";
import { resolveBenchmark } from "../eval/benchmark/resolve_benchmark.ts";
import { renderEvalReportHtml } from "../report/html/mod.ts";
import { COMMANDS } from "./commands.ts";
import { type Command, defineCommand } from "./command.ts";
import { printEvalTables } from "./eval_output.ts";

/** The `merge` command. */
export const mergeCommand: Command = defineCommand({
  spec: {
    name: "merge",
    summary: COMMANDS.merge.summary,
    usage: "lmeter merge <shard run folder…> --to <dir>",
    positionals: "<shard run folder…>",
    description: [
      "Joins the run folders of every shard of one evaluation (lmeter eval --shard K/N, each with",
      "its shard.json) into one run folder: predictions and reviews in index order, reports rebuilt",
      "from the per-sample scores. Refuses shards of different evaluations, and missing or",
      "duplicate sample groups, naming them. See docs/sharding.md.",
    ].join("\n"),
    options: [
      {
        name: "to",
        type: "string",
        placeholder: "<dir>",
        help: "The merged run folder (new or empty)",
      },
    ],
    examples: [
      "lmeter merge shards/0/20260101_120000 shards/1/20260101_120001 shards/2/20260101_120000 --to merged",
    ],
  },
  async run({ options }) {
    const to = options.values.to;
    if (typeof to !== "string" || !to) {
      throw new UserError(
        "Cannot merge: no --to folder given",
        "Pass --to DIR for the merged run.",
      );
    }
    const result = await mergeShards(options.positionals.map((d) => resolve(d)), {
      to: resolve(to),
      renderHtml: renderEvalReportHtml,
      customAggregation: (name, args) => {
        const def = BENCHMARKS.find((b) => b.name === name);
        if (!def) return undefined;
        const bench = resolveBenchmark(def, args);
        return bench.def.aggregate
          ? { aggregation: bench.def.aggregate, params: bench.params }
          : undefined;
      },
    });
    printEvalTables(result.reports);
    console.log(`\nRun folder: ${result.runDir}`);
    return 0;
  },
});
