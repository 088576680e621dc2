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
import { type JudgeSettings, missingJudge, resolveJudgeSettings } from "../eval/judge/settings.ts";
import type { JudgeStrategy } from "../eval/judge/settings.ts";
import { applyJudgeStrategy } from "../eval/judge/strategy.ts";
import { JudgeEngine } from "../eval/judge/judge_engine.ts";
import { RunStore } from "../eval/store/run_store.ts";
import { type DerivedMetric, derivedValue } from "../eval/score/derived.ts";
import type { ResolvedBenchmark } from "../eval/benchmark/resolve_benchmark.ts";
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
      "Judged benchmarks (simple_qa, chinese_simpleqa, or any with --judge-strategy llm) need --judge naming",
      'the judge\'s endpoint; add "question" to plain lines so the judge sees it. A line the judge could not',
      'grade gets "score": null and "judge_error"; --judge-cache keeps replies so a rerun asks nothing twice.',
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
        name: "judge",
        type: "json",
        help:
          'The LLM judge, as judge_model_args: {"api_url": …, "model_id": …, "api_key"?, "generation_config"?, …} (docs/judges.md)',
      },
      {
        name: "judge_strategy",
        type: "string",
        default: "auto",
        choices: ["auto", "rule", "llm", "llm_recall"],
        help:
          "Which scorer decides: the benchmark's default, the rule, the judge, or the judge when the rule fails",
      },
      {
        name: "judge_worker_num",
        type: "int",
        default: 8,
        min: 1,
        help: "Judge calls in flight at most",
      },
      {
        name: "judge_cache",
        type: "string",
        help: "A file (Deno KV) keeping the judge's replies, so scoring again asks nothing twice",
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
      'lmeter score --benchmark simple_qa --input answers.jsonl --judge \'{"api_url": "http://127.0.0.1:8802/v1", "model_id": "judge"}\'',
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
    const judgeSettings = resolveJudgeSettings(v.judge, {
      batchSize: Number(v.judge_worker_num),
      workers: undefined,
      notes: [],
    });
    const bench = applyJudgeStrategy(resolveBenchmark(def, args), {
      strategy: v.judge_strategy as JudgeStrategy,
      judge: judgeSettings,
    });
    const variants = pickVariants(v.extractors as string[], def.variants ?? []);
    const rows = await readTable(v.input, { signal });
    const sandbox = def.runsCode ? await openCodeSandbox(def.name, String(v.sandbox)) : undefined;
    const judged = await openJudge(bench, {
      settings: judgeSettings,
      cache: typeof v.judge_cache === "string" ? v.judge_cache : undefined,
    });
    let scored: ScoredResponse[];
    try {
      scored = await scoreResponses(bench, rows, {
        variants,
        signal,
        sandbox,
        judge: judged?.judge,
        concurrency: sandbox
          ? navigator.hardwareConcurrency || 1
          : judged
          ? judgeSettings!.concurrency
          : 1,
      });
    } finally {
      await sandbox?.close();
      judged?.judge.close();
      await judged?.store?.close();
    }
    const lines = scored.map(({ units: _units, details, id, ...s }) =>
      JSON.stringify(details ? { id, ...details, ...s } : { id, ...s })
    );
    if (typeof v.output === "string") {
      await Deno.writeTextFile(v.output, lines.length ? lines.join("\n") + "\n" : "");
    } else if (lines.length) console.log(lines.join("\n"));
    console.error(summary(def.name, scored, variants));
    if (scored.some((s) => s.units) || bench.judged) {
      console.error(metricLines(scored, def.derivedMetrics));
    }
    return 0;
  },
};

/** The judge of a judged benchmark (refused without an endpoint), with its reply cache if asked. */
async function openJudge(
  bench: ResolvedBenchmark,
  options: { settings: JudgeSettings | null; cache?: string },
): Promise<{ judge: JudgeEngine; store: RunStore | null } | null> {
  if (!bench.judged) return null;
  const settings = options.settings;
  if (!settings?.apiUrl) throw missingJudge([bench.name], "no --judge with an api_url given");
  if (!settings.model) throw missingJudge([bench.name], "no model_id in --judge");
  const store = options.cache ? await RunStore.open(options.cache) : null;
  return { judge: new JudgeEngine(settings, { store }), store };
}

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
function metricLines(
  scored: readonly ScoredResponse[],
  derived: readonly DerivedMetric[] = [],
): string {
  const keys = [...new Set(scored.flatMap((s) => Object.keys(s.scores)))];
  const width = Math.max(...[...keys, ...derived.map((d) => d.key)].map((k) => k.length));
  const means = new Map<string, number>();
  const lines = keys.map((key) => {
    const values = scored.flatMap((s) =>
      s.units?.values[key] ?? (key in s.scores ? [s.scores[key]] : [])
    );
    const est = estimateMean(values);
    means.set(key, est.mean);
    return `  ${key.padEnd(width)}  ${est.mean.toFixed(4)}  (n=${values.length})`;
  });
  // Rows computed from the means (SimpleQA's accuracy_given_attempted and F-score).
  for (const d of derived) {
    const value = derivedValue(d.formula, means.get(d.of[0]) ?? 0, means.get(d.of[1]) ?? 0);
    means.set(d.key, value);
    lines.push(`  ${d.key.padEnd(width)}  ${value.toFixed(4)}  (from the means)`);
  }
  return lines.join("\n");
}

function summary(
  name: string,
  scored: readonly {
    score: number | null;
    judge_error?: string;
    extracted: string;
    agree?: boolean;
    variants?: Record<string, { score: number }>;
    status?: string;
  }[],
  variants: readonly string[],
): string {
  const graded = scored.filter((s) => s.score !== null);
  const est = estimateMean(graded.map((s) => s.score as number));
  const none = scored.filter((s) => s.extracted.trim() === "").length;
  const lines = [
    `${name}: ${scored.length} responses, mean score ${est.mean.toFixed(4)} (95% CI ${
      est.ci95[0].toFixed(4)
    }–${est.ci95[1].toFixed(4)}), no answer extracted in ${none} (${
      scored.length ? ((none / scored.length) * 100).toFixed(1) : "0.0"
    }%)`,
  ];
  const judgeErrors = scored.length - graded.length;
  if (judgeErrors > 0) {
    lines.push(
      `  judge errors: ${judgeErrors} responses the judge could not grade (no score, not in the means)`,
    );
  }
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
