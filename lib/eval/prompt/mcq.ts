/**
 * Multiple-choice helpers: option labels, the `A) text` block, few-shot examples, and a prompt
 * spec built from one of the shared templates.
 *
 * @module
 */
import type { PromptSpec } from "../benchmark/benchmark.ts";
import { MCQ_FEW_SHOT } from "./templates.ts";
import { type Sample, targetText } from "../benchmark/types.ts";
import { optionLabel } from "../benchmark/option_labels.ts";

export { optionLabel, optionLabels } from "../benchmark/option_labels.ts";

/** `A) first\nB) second…` */
export function formatChoices(choices: readonly string[]): string {
  return choices.map((c, i) => `${optionLabel(i)}) ${c}`).join("\n");
}

/** One few-shot example: question, options, `ANSWER: <gold>`. */
export function formatMcqExample(sample: Sample): string {
  const question = typeof sample.input === "string" ? sample.input : "";
  return `${question}\n${formatChoices(sample.choices ?? [])}\nANSWER: ${
    targetText(sample.target)
  }`;
}

/** A multiple-choice prompt spec from a template (few-shot = EvalScope's prefix + template). */
export function mcqPrompt(
  template: string,
  options: { fewShotNum?: number; fewShotPrefix?: string; systemPrompt?: string } = {},
): PromptSpec {
  const spec: PromptSpec = {
    style: "mcq",
    template,
    fewShotTemplate: (options.fewShotPrefix ?? MCQ_FEW_SHOT) + template,
    fewShotNum: options.fewShotNum ?? 0,
    formatExample: formatMcqExample,
  };
  if (options.systemPrompt !== undefined) spec.systemPrompt = options.systemPrompt;
  return spec;
}

/** Maps an answer key to a letter: "B" stays, 1-based digits become letters ("2" → "B"). */
export function answerLetter(key: string | number, count: number): string {
  const s = String(key).trim();
  if (/^[A-Za-z]$/.test(s)) return s.toUpperCase();
  const n = Number(s);
  if (Number.isInteger(n) && n >= 1 && n <= Math.max(count, 1)) return optionLabel(n - 1);
  return s;
}
