/**
 * `lmeter thinkbench <run dir>`: reasoning efficiency of a finished math run (EvalScope's
 * ThinkBench), per difficulty level, with an LLM judge marking the first paragraph that reaches
 * the correct answer. Resolved here, run in a scoped job (network to the judge only), printed
 * and written beside the run's reports; the run's report.html is drawn again with the charts.
 *
 * @module
 */
import { resolve } from "node:path";
import { UserError } from "../errors.ts";
import { defineOptions } from "../config/schema.ts";
import { missingJudge, resolveJudgeSettings } from "../eval/judge/settings.ts";
import type { ThinkbenchTask } from "../eval/thinkbench/run_thinkbench.ts";
import { SPLIT_STRATEGIES } from "../eval/thinkbench/segments.ts";
import { buildScope } from "../jobs/scope.ts";
import { runScoped } from "../jobs/run_scoped.ts";
import { isEvalRun, readEvalRun } from "../results/eval/read_run.ts";
import { type ThinkbenchReport, writeThinkbenchTable } from "../results/eval/thinkbench_file.ts";
import { thinkbenchTable } from "../report/eval/thinkbench_table.ts";
import { DEFAULT_TOKENIZER } from "../tokenizer/mod.ts";
import { COMMANDS } from "./commands.ts";
import { type Command, defineCommand } from "./command.ts";
import { writeEvalHtml } from "./eval_output.ts";

/** The options of `lmeter thinkbench`, declared once. */
export const THINKBENCH_OPTIONS = defineOptions([
  {
    name: "judge_model_args",
    type: "json",
    help:
      "The judge: {api_url, model_id, api_key, generation_config} (required; no default endpoint; docs/judges.md)",
  },
  {
    name: "judge_worker_num",
    type: "int",
    default: 8,
    min: 1,
    help: "Judge calls in flight at most",
  },
  {
    name: "benchmark",
    type: "string",
    help: "The run's benchmark to analyse (default: the run's only benchmark)",
  },
  {
    name: "model",
    type: "string",
    help: "The model folder under reports/ (default: the run's only model)",
  },
  {
    name: "split",
    type: "string",
    default: "separator",
    choices: SPLIT_STRATEGIES,
    help:
      "How the reasoning is cut into paragraphs: separator (blank lines) or keywords (before switch phrases)",
  },
  {
    name: "tokenizer",
    type: "string",
    default: DEFAULT_TOKENIZER,
    help: "Counts the tokens: o200k_base, a directory with tokenizer.json, or Qwen/Qwen3-0.6B",
  },
  {
    name: "limit",
    type: "int",
    min: 1,
    help: "Samples per level at most, the first by index (default: all)",
  },
]);

/** The `thinkbench` command. */
export const thinkbenchCommand: Command = defineCommand({
  spec: {
    name: "thinkbench",
    summary: COMMANDS.thinkbench.summary,
    usage:
      "lmeter thinkbench <run dir> --judge-model-args '{…}' [--benchmark NAME] [--split separator|keywords]",
    positionals: "<run dir>",
    description: [
      "Reads a finished eval run's predictions and reviews (math_500 by level, gsm8k, …) and reports per",
      "level: reasoning tokens, first-correct tokens (up to the paragraph the judge marks as the first to",
      "reach the correct answer), reflection tokens (after it), thoughts (switch phrases such as",
      '"alternatively", "but wait"), token efficiency (first-correct / reasoning tokens) and accuracy (the',
      "run's score). A failed judge call or a reply without a valid \\boxed{index} is a judge error, counted,",
      "never a value. Judge replies are cached in the run's store: running it again asks nothing twice.",
      "Writes reports/<model>/thinkbench/<benchmark>.{json,txt} and _samples.jsonl, and redraws",
      "reports/report.html with the charts. Every number is defined in docs/thinkbench.md.",
    ].join("\n"),
    options: THINKBENCH_OPTIONS,
    examples: [
      'lmeter thinkbench outputs/20250101_120000 --judge-model-args \'{"api_url": "http://127.0.0.1:8802/v1", "model_id": "qwen2.5-72b-instruct"}\'',
      "lmeter thinkbench outputs/20250101_120000 --benchmark math_500 --tokenizer Qwen/Qwen3-0.6B --limit 50 --config judge.yaml",
    ],
  },
  async run({ options, signal }) {
    const v = options.values;
    const [dir, ...extra] = options.positionals;
    if (!dir || extra.length > 0) {
      throw new UserError(
        "Cannot analyse: lmeter thinkbench takes exactly one run folder",
        "Example: lmeter thinkbench outputs/20250101_120000 --judge-model-args '{…}'",
      );
    }
    if (!(await isEvalRun(dir))) {
      throw new UserError(
        `Cannot analyse ${dir}: it is not an eval run folder (no configs/task_config.yaml)`,
        "Pass the folder lmeter eval wrote, e.g. outputs/20250101_120000.",
      );
    }
    const runDir = resolve(dir);
    const run = await readEvalRun(runDir);
    const model = pick(run.models.map((m) => m.model), v.model, "model", "--model");
    const reports = run.models.find((m) => m.model === model)!.reports;
    const benchmark = pick(
      reports.map((r) => r.datasetName),
      v.benchmark,
      "benchmark",
      "--benchmark",
    );
    const judge = resolveJudgeSettings(v.judge_model_args, {
      batchSize: v.judge_worker_num,
      workers: v.judge_worker_num,
      notes: [],
    });
    if (!judge) throw missingJudge([benchmark], "no --judge-model-args given");
    if (!judge.apiUrl) throw missingJudge([benchmark], "no judge_model_args.api_url given");
    if (!judge.model) throw missingJudge([benchmark], "no judge_model_args.model_id given");
    const task: ThinkbenchTask = {
      runDir,
      model,
      benchmark,
      judge,
      tokenizer: v.tokenizer,
      split: v.split,
      limit: v.limit ?? null,
    };
    const local = await isDirectory(v.tokenizer) ? [v.tokenizer] : [];
    const scope = buildScope({ urls: [judge.apiUrl], read: [runDir, ...local], write: [runDir] });
    const report = await runScoped<ThinkbenchReport>("thinkbench", task, { scope, signal });
    const table = thinkbenchTable(report);
    console.log(table);
    const txt = await writeThinkbenchTable(runDir, report, table);
    const html = await writeEvalHtml(await readEvalRun(runDir));
    console.log(`\nTable: ${txt}\nHTML report: ${html}`);
    return signal.aborted ? 130 : 0;
  },
});

/** The one name of `names` the user meant: the given one (checked), or the only one. */
function pick(
  names: readonly string[],
  given: string | undefined,
  what: string,
  flag: string,
): string {
  if (given !== undefined) {
    if (!names.includes(given)) {
      throw new UserError(
        `Cannot analyse ${what} "${given}": the run has no report of it`,
        `The run's ${what}s: ${names.join(", ")}.`,
      );
    }
    return given;
  }
  if (names.length === 1) return names[0];
  throw new UserError(
    `Cannot choose a ${what}: the run has ${names.length}`,
    `Pass ${flag} with one of: ${names.join(", ")}.`,
  );
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch {
    return false;
  }
}
