/**
 * `lmeter score`: score responses produced elsewhere with a benchmark's extractor and scorer,
 * to audit extractors or re-score another pipeline's generations.
 *
 * @module
 */
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import { readTable } from "../data/mod.ts";
import { UserError } from "../errors.ts";
import { EXTRACTOR_VARIANTS } from "../eval/score/extract/mod.ts";
import { findBenchmark } from "../eval/benchmark/find_benchmark.ts";
import { resolveBenchmark } from "../eval/benchmark/resolve_benchmark.ts";
import { type ScoredResponse, scoreResponses } from "../eval/score/score_responses.ts";
import { noSandbox } from "../eval/run/no_sandbox.ts";
import { openSandbox, type Sandbox, SANDBOX_CHOICES, type SandboxEngine } from "../sandbox/mod.ts";
import { estimateMean } from "../metrics/stats.ts";
import { COMMANDS } from "./commands.ts";
import type { Command } from "./command.ts";

/** The `score` command. */
export const scoreCommand: Command = {
  spec: {
    name: "score",
    summary: COMMANDS.score.summary,
    usage:
      "lmeter score --benchmark <name> --input <responses.jsonl> [--output FILE] [--extractors all]",
    description: [
      'Input: one JSON object per line, {"id"?: string, "target": string, "response": string, "choices"?: string[]},',
      'with target as the benchmark stores it ("18" for gsm8k, "B" for multiple choice). Output: one line per',
      "input with id, extracted, score (0–1) and scores (every metric); a summary goes to stderr.",
      "Code benchmarks (humaneval, mbpp, live_code_bench) take the benchmark's own dataset row plus",
      '"response" on each line, run the code in the sandbox (--sandbox), and add status and tests.',
      "Without a target, a line is read as one of the benchmark's own data records plus response (ifeval:",
      '{"key", "prompt", "instruction_id_list", "kwargs", "response"}); its output line adds what the scorer',
      "keeps (ifeval: the strict and loose follow_instruction_lists and follow_all_instructions_*), and every",
      "metric's mean is printed (ifeval's inst_level_* pooled over instructions).",
    ].join("\n"),
    options: [
      {
        name: "benchmark",
        type: "string",
        help: "Benchmark whose extractor and scorer to use (lmeter benchmarks list)",
      },
      {
        name: "input",
        type: "string",
        help: "Responses file (JSONL; JSON, CSV, TSV and Parquet also work)",
      },
      { name: "output", type: "string", help: "Write the scored lines here instead of stdout" },
      {
        name: "extractors",
        type: "string[]",
        default: [],
        help: "Also run extractor variants: all, or names (e.g. gsm8k:lm-eval-strict)",
      },
      {
        name: "sandbox",
        type: "string",
        default: "bwrap",
        choices: SANDBOX_CHOICES,
        help: "Where code benchmarks run the model's code (docs/sandbox.md); none refuses them",
      },
      {
        name: "dataset_args",
        type: "json",
        default: {},
        help: 'The benchmark\'s settings, e.g. {"filters": {"remove_until": "</think>"}}',
      },
    ],
    examples: [
      "lmeter score --benchmark gsm8k --input responses.jsonl",
      "lmeter score --benchmark mmlu --input answers.jsonl --extractors all --output scored.jsonl",
      "lmeter score --benchmark humaneval --input completions.jsonl",
      "lmeter score --benchmark ifeval --input responses.jsonl --output verdicts.jsonl",
    ],
  },
  async run({ options, signal }) {
    const v = options.values;
    if (typeof v.benchmark !== "string") {
      throw new UserError(
        "lmeter score needs --benchmark",
        "Example: lmeter score --benchmark gsm8k --input responses.jsonl",
      );
    }
    if (typeof v.input !== "string") {
      throw new UserError(
        "lmeter score needs --input",
        "Give a JSONL file of {target, response} lines.",
      );
    }
    const def = findBenchmark(BENCHMARKS, v.benchmark);
    const rawArgs = (v.dataset_args ?? {}) as Record<string, unknown>;
    const args = (rawArgs[def.name] ?? rawArgs) as Record<string, unknown>;
    const bench = resolveBenchmark(def, args);
    const variants = pickVariants(v.extractors as string[], def.variants ?? []);
    const rows = await readTable(v.input, { signal });
    const sandbox = def.runsCode ? await openCodeSandbox(def.name, String(v.sandbox)) : undefined;
    let scored: ScoredResponse[];
    try {
      scored = await scoreResponses(bench, rows, {
        variants,
        signal,
        sandbox,
        concurrency: sandbox ? navigator.hardwareConcurrency || 1 : 1,
      });
    } finally {
      await sandbox?.close();
    }
    const lines = scored.map(({ units: _units, details, id, ...s }) =>
      JSON.stringify(details ? { id, ...details, ...s } : { id, ...s })
    );
    if (typeof v.output === "string") {
      await Deno.writeTextFile(v.output, lines.length ? lines.join("\n") + "\n" : "");
    } else if (lines.length) console.log(lines.join("\n"));
    console.error(summary(def.name, scored, variants));
    if (scored.some((s) => s.units)) console.error(metricLines(scored));
    return 0;
  },
};

/** The sandbox of a code benchmark; `none` (or an unusable engine) is the one refusal. */
async function openCodeSandbox(benchmark: string, engine: string): Promise<Sandbox> {
  if (engine === "none") throw noSandbox([benchmark], "--sandbox is none");
  return await openSandbox({ engine: engine as SandboxEngine });
}

function pickVariants(asked: readonly string[], own: readonly string[]): string[] {
  if (asked.length === 0) return [];
  if (asked.includes("all")) return [...own];
  for (const name of asked) {
    if (!(name in EXTRACTOR_VARIANTS)) {
      throw new UserError(
        `Unknown extractor variant "${name}"`,
        `Known variants: ${Object.keys(EXTRACTOR_VARIANTS).join(", ")}, or all.`,
      );
    }
  }
  return [...asked];
}

/**
 * Every metric's mean, one per line; a metric pooled over parts (IFEval's `inst_level_*`) is
 * averaged over all parts, as the eval report does.
 */
function metricLines(scored: readonly ScoredResponse[]): string {
  const keys = [...new Set(scored.flatMap((s) => Object.keys(s.scores)))];
  const width = Math.max(...keys.map((k) => k.length));
  return keys.map((key) => {
    const values = scored.flatMap((s) =>
      s.units?.values[key] ?? (key in s.scores ? [s.scores[key]] : [])
    );
    const est = estimateMean(values);
    return `  ${key.padEnd(width)}  ${est.mean.toFixed(4)}  (n=${values.length})`;
  }).join("\n");
}

function summary(
  name: string,
  scored: readonly {
    score: number;
    extracted: string;
    agree?: boolean;
    variants?: Record<string, { score: number }>;
    status?: string;
  }[],
  variants: readonly string[],
): string {
  const est = estimateMean(scored.map((s) => s.score));
  const none = scored.filter((s) => s.extracted.trim() === "").length;
  const lines = [
    `${name}: ${scored.length} responses, mean score ${est.mean.toFixed(4)} (95% CI ${
      est.ci95[0].toFixed(4)
    }–${est.ci95[1].toFixed(4)}), no answer extracted in ${none} (${
      scored.length ? ((none / scored.length) * 100).toFixed(1) : "0.0"
    }%)`,
  ];
  const statuses = new Map<string, number>();
  for (const s of scored) {
    if (s.status !== undefined) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
  }
  if (statuses.size > 0) {
    lines.push(`  sandbox: ${[...statuses].map(([k, n]) => `${n} ${k}`).join(", ")}`);
  }
  for (const variant of variants) {
    const m = scored.length
      ? scored.reduce((a, s) => a + (s.variants?.[variant]?.score ?? 0), 0) / scored.length
      : 0;
    lines.push(`  ${variant.padEnd(26)} mean ${m.toFixed(4)}`);
  }
  if (variants.length > 1) {
    lines.push(
      `  extractors disagree on ${
        scored.filter((s) => s.agree === false).length
      } of ${scored.length} responses`,
    );
  }
  return lines.join("\n");
}
