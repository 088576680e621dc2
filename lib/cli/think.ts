/**
 * `lmeter think <run folder>`: reasoning efficiency of a finished math run (EvalScope's
 * thinkbench): per level, reasoning tokens, first-correct tokens (a judge marks the first step that
 * reaches the answer), reflection tokens, thoughts, token efficiency and accuracy.
 *
 * @module
 */
import { join } from "node:path";
import { UserError } from "../errors.ts";
import { gridTable } from "../util/text_table.ts";
import { loadTokenizer } from "../tokenizer/load_tokenizer.ts";
import { missingJudge, resolveJudgeSettings } from "../eval/judge/settings.ts";
import { JudgeEngine } from "../eval/judge/judge_engine.ts";
import { thinkbench, type ThinkbenchResult } from "../eval/judge/thinkbench.ts";
import { RunStore } from "../eval/store/run_store.ts";
import { COMMANDS } from "./commands.ts";
import { type Command, defineCommand } from "./command.ts";

/** The `think` command. */
export const thinkCommand: Command = defineCommand({
  spec: {
    name: "think",
    summary: COMMANDS.think.summary,
    usage: "lmeter think <run folder> --judge <json> [--benchmark math_500] [--tokenizer <spec>]",
    positionals: "<run folder>",
    description: [
      "Reads a finished eval run of a reasoning model on a math benchmark and measures, per subset",
      "(level): the thinking's tokens, the tokens up to the first step that reaches the reference",
      "answer (an LLM judge marks it), the tokens after it (reflection), the thoughts (1 + switch",
      "phrases such as 'wait,' or 'alternatively'), token efficiency (first-correct / reasoning tokens,",
      "0 for wrong answers) and accuracy. Writes reports/<model>/thinkbench_<benchmark>.json; judge",
      "replies are kept in cache/thinkbench_judge.kv. See docs/judges.md.",
    ].join("\n"),
    options: [
      {
        name: "judge",
        type: "json",
        help: 'The step judge, as judge_model_args: {"api_url": …, "model_id": …} (docs/judges.md)',
      },
      { name: "benchmark", type: "string", default: "math_500", help: "The benchmark of the run" },
      { name: "model", type: "string", help: "The model folder, when the run has several" },
      {
        name: "tokenizer",
        type: "string",
        default: "o200k_base",
        help: "Counts the thinking's tokens: o200k_base, or a folder holding tokenizer.json",
      },
      {
        name: "judge_worker_num",
        type: "int",
        default: 8,
        min: 1,
        help: "Judge calls in flight at most",
      },
    ],
    examples: [
      'lmeter think outputs/20260101_120000 --judge \'{"api_url": "http://127.0.0.1:8802/v1", "model_id": "qwen2.5-72b-instruct"}\'',
    ],
  },
  async run({ options, signal }) {
    const v = options.values;
    const runDir = options.positionals[0];
    if (!runDir) {
      throw new UserError(
        "lmeter think needs a run folder",
        "Example: lmeter think outputs/20260101_120000 --judge '{\"api_url\": …}'",
      );
    }
    const settings = resolveJudgeSettings(v.judge, {
      batchSize: Number(v.judge_worker_num),
      workers: undefined,
      notes: [],
    });
    if (!settings?.apiUrl) throw missingJudge(["thinkbench"], "no --judge with an api_url given");
    if (!settings.model) throw missingJudge(["thinkbench"], "no model_id in --judge");
    await Deno.mkdir(join(runDir, "cache"), { recursive: true });
    const store = await RunStore.open(join(runDir, "cache", "thinkbench_judge.kv"));
    const judge = new JudgeEngine(settings, { store });
    let result: ThinkbenchResult;
    try {
      result = await thinkbench({
        runDir,
        benchmark: String(v.benchmark),
        judge,
        tokenizer: await loadTokenizer(String(v.tokenizer)),
        concurrency: settings.concurrency,
        ...(typeof v.model === "string" ? { model: v.model } : {}),
        signal,
      });
    } finally {
      judge.close();
      await store.close();
    }
    const out = join(runDir, "reports", result.model, `thinkbench_${result.benchmark}.json`);
    await Deno.mkdir(join(runDir, "reports", result.model), { recursive: true });
    await Deno.writeTextFile(out, JSON.stringify(result, null, 2) + "\n");
    console.log(thinkTable(result));
    console.error(
      `${result.samples.length} samples measured; ${result.judgeErrors} judge errors and ${result.noReasoning} answers without thinking left out. Written to ${out}`,
    );
    return 0;
  },
});

/** The terminal table of a thinkbench result, one row per level and OVERALL. */
export function thinkTable(result: ThinkbenchResult): string {
  const r2 = (x: number) => Number(x.toFixed(2));
  const r4 = (x: number) => Number(x.toFixed(4));
  return gridTable(
    [
      "Level",
      "Samples",
      "Reasoning tok",
      "First-correct tok",
      "Reflection tok",
      "Thoughts",
      "Token eff.",
      "Accuracy",
    ],
    result.levels.map((l) => [
      l.level,
      l.samples,
      r2(l.reasoningTokens),
      r2(l.firstCorrectTokens),
      r2(l.reflectionTokens),
      r2(l.thoughts),
      r4(l.tokenEfficiency),
      r4(l.accuracy),
    ]),
  );
}
