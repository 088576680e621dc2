/**
 * `lmeter benchmarks`: list the built-in benchmarks and show one's dataset ids and defaults.
 *
 * @module
 */
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import { UserError } from "../errors.ts";
import type { BenchmarkDefinition } from "../eval/benchmark/benchmark.ts";
import { findBenchmark } from "../eval/benchmark/find_benchmark.ts";
import { resolveBenchmark } from "../eval/benchmark/resolve_benchmark.ts";
import { gridTable } from "../util/text_table.ts";
import { COMMANDS } from "./commands.ts";
import type { Command } from "./command.ts";

/** The `benchmarks` command. */
export const benchmarksCommand: Command = {
  spec: {
    name: "benchmarks",
    summary: COMMANDS.benchmarks.summary,
    usage: "lmeter benchmarks <list|info> [name] [--json]",
    positionals: "<list|info> [name]",
    description:
      "  list         every benchmark with its dataset id, subsets, few-shot default and metrics\n  info <name>  one benchmark in full: dataset ids, splits, subsets, prompt, extraction, metrics",
    options: [{ name: "json", type: "bool", default: false, help: "Print JSON instead of text" }],
    examples: ["lmeter benchmarks list", "lmeter benchmarks info mmlu"],
  },
  run({ options }) {
    const [action = "list", name] = options.positionals;
    const json = options.values.json === true;
    if (action === "list") {
      const rows = BENCHMARKS.map((b) => describe(b));
      if (json) console.log(JSON.stringify(rows, null, 2));
      else {
        console.log(gridTable(
          ["Name", "Pretty name", "Dataset id", "Subsets", "Shots", "Metrics", "Tags"],
          rows.map((
            r,
          ) => [
            r.name,
            r.pretty_name,
            r.dataset_id,
            String(r.subsets.length),
            String(r.few_shot_num),
            r.metrics.join(", "),
            r.tags.join(", "),
          ]),
        ));
      }
      return Promise.resolve(0);
    }
    if (action === "info") {
      if (!name) {
        throw new UserError(
          "lmeter benchmarks info needs a benchmark name",
          "Example: lmeter benchmarks info gsm8k",
        );
      }
      const info = describe(findBenchmark(BENCHMARKS, name));
      console.log(json ? JSON.stringify(info, null, 2) : infoText(info));
      return Promise.resolve(0);
    }
    throw new UserError(
      `Unknown action '${action}' for 'lmeter benchmarks'`,
      "Actions are list and info. See 'lmeter benchmarks --help'.",
    );
  },
};

/** What `lmeter benchmarks info` shows of one benchmark. */
export interface BenchmarkInfo {
  name: string;
  pretty_name: string;
  description: string;
  version: string;
  tags: readonly string[];
  paper_url: string | null;
  dataset_id: string;
  hf_dataset_id: string;
  layout: string;
  eval_split: string;
  train_split: string | null;
  subsets: string[];
  /** The subsets run when `subset_list` is not given. */
  default_subsets: string[];
  categories: Record<string, string | readonly string[]> | null;
  few_shot_num: number;
  prompt_template: string;
  few_shot_prompt_template: string | null;
  extractor: string;
  metrics: string[];
  primary_metric: string | null;
  aggregation: string;
  extra_params: Record<string, { default: unknown; help: string }>;
  extractor_variants: readonly string[];
}

/** A benchmark as `lmeter benchmarks --json` (and the service's benchmark list) shows it. */
export function describe(def: BenchmarkDefinition): BenchmarkInfo {
  const r = resolveBenchmark(def);
  return {
    name: def.name,
    pretty_name: def.prettyName,
    description: def.description,
    version: def.version,
    tags: def.tags,
    paper_url: def.paperUrl ?? null,
    dataset_id: def.dataset.id,
    hf_dataset_id: def.dataset.hfId ?? def.dataset.id,
    layout: def.dataset.layout ?? "hub",
    eval_split: r.evalSplit,
    train_split: r.trainSplit ?? null,
    subsets: [...def.dataset.subsets],
    default_subsets: r.subsets,
    categories: def.categories ? { ...def.categories } : null,
    few_shot_num: r.fewShotNum,
    prompt_template: r.prompt.template,
    few_shot_prompt_template: r.fewShotNum > 0 ? r.prompt.fewShotTemplate ?? null : null,
    extractor: r.extractor.name,
    metrics: def.metrics.map((m) => m.options ? `${m.name}(${JSON.stringify(m.options)})` : m.name),
    primary_metric: def.primaryMetric ?? null,
    aggregation: r.aggregation,
    extra_params: { ...(def.extraParams ?? {}) },
    extractor_variants: def.variants ?? [],
  };
}

function infoText(i: BenchmarkInfo): string {
  const lines = [
    `${i.name} — ${i.pretty_name} (version ${i.version})`,
    "",
    i.description,
    "",
    `Dataset:      ${
      i.layout === "files"
        ? "your files (dataset_args.<name>.dataset_id = a folder)"
        : `${i.dataset_id} (ModelScope), ${i.hf_dataset_id} (Hugging Face)`
    }`,
    `Splits:       eval ${i.eval_split}${i.train_split ? `, few-shot ${i.train_split}` : ""}`,
    `Subsets:      ${i.subsets.length}: ${i.subsets.join(", ")}${
      i.default_subsets.length < i.subsets.length
        ? ` (run by default: ${i.default_subsets.join(", ")})`
        : ""
    }`,
    `Few-shot:     ${i.few_shot_num}`,
    `Extractor:    ${i.extractor}`,
    `Metrics:      ${i.metrics.join(", ")}${
      i.primary_metric ? ` (headline ${i.primary_metric})` : ""
    }`,
    `Aggregation:  ${i.aggregation}`,
  ];
  if (i.categories) {
    const byCat = new Map<string, number>();
    for (const c of Object.values(i.categories)) {
      const k = typeof c === "string" ? c : c.join(" / ");
      byCat.set(k, (byCat.get(k) ?? 0) + 1);
    }
    lines.push(`Categories:   ${[...byCat].map(([k, n]) => `${k} (${n})`).join(", ")}`);
  }
  if (Object.keys(i.extra_params).length > 0) {
    lines.push(
      "Extra params: " +
        Object.entries(i.extra_params).map(([k, p]) =>
          `${k} = ${p.default === undefined ? "(unset)" : JSON.stringify(p.default)} (${p.help})`
        ).join("; "),
    );
  }
  if (i.extractor_variants.length) {
    lines.push(`Variants:     ${i.extractor_variants.join(", ")} (lmeter score --extractors all)`);
  }
  if (i.paper_url) lines.push(`Paper:        ${i.paper_url}`);
  lines.push("", "Prompt template:", indent(i.prompt_template));
  if (i.few_shot_prompt_template) {
    lines.push("", "Few-shot template:", indent(i.few_shot_prompt_template));
  }
  return lines.join("\n");
}

function indent(s: string): string {
  return s.split("\n").map((l) => `  ${l}`).join("\n");
}
