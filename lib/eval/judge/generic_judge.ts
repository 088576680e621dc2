/**
 * The generic judge scorer (EvalScope v1.10's `LLMJudge`): what `judge_strategy llm` uses for a
 * benchmark without its own judge scorer, and what `general_qa` users customise through
 * `judge_model_args` — `prompt_template` with `{question}`, `{gold}`, `{pred}` replaced
 * literally (Python's `str.replace`, no format escaping), `system_prompt`, `score_type`
 * `pattern` (first match of `score_pattern`, looked up in `score_mapping`) or `numeric` (last
 * `[[x]]`, clamped to 0..1).
 *
 * The two default prompts are lmeter's own wording of EvalScope's (same blocks, same verdict
 * format); docs/judges.md shows them.
 *
 * @module
 */
import type { ScoreInput, Scorer } from "../benchmark/benchmark.ts";
import { type ChatMessage, targetText } from "../benchmark/types.ts";
import { numericScore, patternScore } from "./verdicts.ts";
import { type JudgeArgs, judgeErrorScore, requireJudge } from "./types.ts";

/** The default `pattern` prompt: a letter A (correct) or B (incorrect). */
export const PATTERN_PROMPT =
  `Your task is to compare a predicted answer with the gold (reference) answer to a question, and to grade it with one letter, "A" or "B".

[Question]
{question}

[Reference Answer]
{gold}

[Predicted Answer]
{pred}

Grade the predicted answer as one of:
A: CORRECT - it gives the same answer as the reference; extra words, formatting or detail that do not contradict the reference are fine.
B: INCORRECT - it contradicts the reference, gives another answer, or gives no answer.

Just return the letters "A" or "B", with no text around it.`;

/** The default `numeric` prompt: a rating from 0 to 1 as `[[x]]`. */
export const NUMERIC_PROMPT =
  `Please act as an impartial judge. Rate how well the predicted answer below answers the question, taking the reference answer as correct. Consider correctness first, then completeness. Explain briefly, then give your rating on a scale from 0 to 1, written exactly as in this example: "Rating: [[0.5]]".

[Question]
{question}

[Reference Answer]
{gold}

[Predicted Answer]
{pred}`;

/**
 * Replaces each `{name}` of `values` in `template`, in the order given, everywhere it occurs and
 * without escaping (Python's chained `str.replace`): a value holding a later placeholder gets
 * it replaced too.
 */
export function fillJudgePrompt(
  template: string,
  values: Readonly<Record<string, string>>,
): string {
  let out = template;
  for (const [name, value] of Object.entries(values)) out = out.replaceAll(`{${name}}`, value);
  return out;
}

/** The question of a sample as text: the string input, or the last user message's content. */
export function questionText(input: string | ChatMessage[]): string {
  if (typeof input === "string") return input;
  for (let i = input.length - 1; i >= 0; i--) {
    if (input[i].role === "user") return input[i].content;
  }
  return "";
}

/** The generic judge scorer for `args`; its score key is `metric` (the benchmark's main one). */
export function genericJudgeScorer(options: { args: JudgeArgs; metric: string }): Scorer {
  const { args, metric } = options;
  const template = args.promptTemplate ??
    (args.scoreType === "numeric" ? NUMERIC_PROMPT : PATTERN_PROMPT);
  return {
    id: `judge:generic:${metric}`,
    kind: "external",
    async score(input: ScoreInput, ctx) {
      const judge = requireJudge(ctx, "this benchmark");
      const content = fillJudgePrompt(template, {
        question: questionText(input.sample.input),
        gold: targetText(input.sample.target),
        pred: input.filtered,
      });
      const messages: ChatMessage[] = args.systemPrompt !== undefined
        ? [{ role: "system", content: args.systemPrompt }, { role: "user", content }]
        : [{ role: "user", content }];
      const reply = await judge.ask(messages, { signal: ctx.signal });
      const extracted = input.filtered;
      if (reply.error !== undefined) {
        return judgeErrorScore(`judge call failed: ${reply.error}`, { extracted });
      }
      const parsed = args.scoreType === "numeric"
        ? numericScore(reply.text, args.scorePattern)
        : patternScore(reply.text, { pattern: args.scorePattern, mapping: args.scoreMapping });
      const metadata = { judge: { model: judge.model, reply: reply.text } };
      if (parsed === null) {
        return judgeErrorScore(`no verdict in the judge's reply: ${reply.text}`, {
          extracted,
          metadata,
        });
      }
      const value = typeof parsed === "number" ? parsed : parsed.score;
      const verdict = typeof parsed === "number" ? String(parsed) : parsed.verdict;
      return {
        value: { [metric]: value },
        extracted,
        main: metric,
        metadata: { judge: { ...metadata.judge, verdict } },
      };
    },
  };
}
