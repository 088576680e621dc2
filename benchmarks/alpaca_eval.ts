/**
 * AlpacaEval 2.0 as EvalScope runs it: 805 instructions, each answer judged once against the
 * stored GPT-4 Turbo answer (the baseline always shown first as `m`, the model second as `M`);
 * `winrate` is the share of instructions where the judge names `M`. An answer identical to the
 * baseline's is a draw (½) without a judge call, as AlpacaEval rules (EvalScope asks the judge).
 * Each score keeps AlpacaEval's preference (1 baseline, 1.5 draw, 2 model), so the run's figures
 * are AlpacaEval's (`alpacaWinRate` in lib/metrics).
 * With `extra_params.instruction_difficulty` the report also has AlpacaEval's length-controlled
 * win rate (`./alpaca/length_control.ts`).
 *
 * @module
 */
import {
  alpacaPreference,
  type ChatMessage,
  defineBenchmark,
  identityExtractor,
  judgeErrorScore,
  optionalText,
  questionText,
  requireJudge,
  type Scorer,
  targetText,
  textField,
} from "../lib/eval/define.ts";
import { LENGTH_CONTROL_PARAMS, lengthControl, outputLengths } from "./alpaca/length_control.ts";

/** The judge's system prompt (lmeter's wording of AlpacaEval's ranking prompt). */
export const ALPACA_SYSTEM_PROMPT =
  "You are an efficient assistant who compares large language models (LLMs) by the quality of their responses to an instruction, picking the best one. Your choices build a leaderboard of the answers people would prefer most.";

/**
 * The judge's user prompt: the instruction and the two outputs as a JSON-like list with model
 * identifiers `m` (first) and `M` (second), asking for the identifier alone (AlpacaEval's layout;
 * EvalScope puts the texts in plain double quotes, unescaped).
 */
export function alpacaPrompt(instruction: string, outputM1: string, outputM2: string): string {
  return `I am building a leaderboard of large language models. Below is an instruction given to the models and the output of each. Judge the outputs and choose the model whose output a human would find best.

## Instruction

{
    "instruction": "${instruction}"
}

## Model Outputs

The outputs are in no particular order; each carries the identifier of the model that wrote it.

{
    {
        "model_identifier": "m",
        "output": "${outputM1}"
    },
    {
        "model_identifier": "M",
        "output": "${outputM2}"
    }
}

## Task

Compare the outputs for quality and relevance and pick the model with the best output. Reply with that model's identifier only: your reply is used as the name of the best model, so it must be exactly one of m or M, with nothing else (no quotes, spaces or new lines).

## Best Model Identifier`;
}

const alpacaScorer: Scorer = {
  id: "alpaca_eval:judge:1",
  kind: "external",
  async score(input, ctx) {
    const judge = requireJudge(ctx, "alpaca_eval");
    const extracted = input.filtered;
    const baseline = targetText(input.sample.target);
    const lengths = outputLengths(ctx.params, { model: extracted, baseline });
    if (extracted === baseline) {
      return {
        value: { winrate: 0.5 },
        extracted,
        main: "winrate",
        metadata: {
          preference: 1.5,
          judge: { verdict: "draw: the answer is the baseline's" },
          ...lengths,
        },
      };
    }
    const messages: ChatMessage[] = [
      { role: "system", content: ALPACA_SYSTEM_PROMPT },
      {
        role: "user",
        content: alpacaPrompt(
          questionText(input.sample.input),
          baseline,
          extracted,
        ),
      },
    ];
    const reply = await judge.ask(messages, { signal: ctx.signal });
    if (reply.error !== undefined) {
      return judgeErrorScore(`judge call failed: ${reply.error}`, { extracted });
    }
    const verdict = alpacaPreference(reply.text);
    const judged = { model: judge.model, reply: reply.text, verdict };
    if (verdict === null) {
      return judgeErrorScore(`no m or M in the judge's reply: ${reply.text}`, {
        extracted,
        metadata: { judge: judged },
      });
    }
    const preference = verdict === "M" ? 2 : 1;
    return {
      value: { winrate: preference - 1 },
      extracted,
      main: "winrate",
      metadata: { preference, judge: judged, ...lengths },
    };
  },
};

/** The `alpaca_eval` benchmark. */
export const alpacaEval = defineBenchmark({
  name: "alpaca_eval",
  prettyName: "AlpacaEval2.0",
  description:
    "805 instructions (AlpacaEval 2.0); each answer is judged once against GPT-4 Turbo's stored answer, which is always shown first. winrate = share of instructions the judge gives to the model (an answer identical to the baseline's is a draw, ½). Needs an LLM judge; no length control.",
  version: "2",
  tags: ["arena", "llm_judge", "instruction_following"],
  paperUrl: "https://arxiv.org/abs/2404.04475",
  dataset: {
    id: "AI-ModelScope/alpaca_eval",
    evalSplit: "eval",
    subsets: ["alpaca_eval_gpt4_baseline"],
  },
  toSample(record) {
    return {
      input: textField(record, "instruction"),
      target: textField(record, "output"),
      metadata: {
        generator: optionalText(record, "generator") ?? "unknown",
        dataset: optionalText(record, "dataset") ?? "unknown",
      },
    };
  },
  prompt: { style: "text", template: "{question}", fewShotNum: 0 },
  extract: identityExtractor,
  judge: { byDefault: true, scorer: alpacaScorer },
  metrics: [],
  metricLabels: { winrate: "winrate", lc_winrate: "length_controlled_winrate" },
  extraParams: LENGTH_CONTROL_PARAMS,
  configure: (params) => lengthControl(params),
});
