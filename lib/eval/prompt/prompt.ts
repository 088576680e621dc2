/**
 * Builds the chat messages of one sample: template, few-shot block, system prompt.
 *
 * @module
 */
import { formatTemplate } from "./format_template.ts";
import { formatChoices, optionLabels } from "./mcq.ts";
import type { ChatMessage, Sample } from "../benchmark/types.ts";

/** The prompt settings after `dataset_args` overrides. */
export interface ResolvedPrompt {
  style: "text" | "mcq";
  template: string;
  fewShotTemplate: string | undefined;
  systemPrompt: string | undefined;
  /** Extra placeholders computed from the sample (see `PromptSpec.values`). */
  values?: (sample: Sample) => Record<string, string>;
}

/** The chat messages for `sample`; `fewShot` is the rendered example block ("" for zero-shot). */
export function buildMessages(
  sample: Sample,
  options: { prompt: ResolvedPrompt; fewShot: string },
): ChatMessage[] {
  const { prompt, fewShot } = options;
  if (Array.isArray(sample.input)) {
    const messages = sample.input.map((m) => ({ role: m.role, content: m.content }));
    if (prompt.systemPrompt && !messages.some((m) => m.role === "system")) {
      messages.unshift({ role: "system", content: prompt.systemPrompt });
    }
    return messages;
  }
  const values: Record<string, string> = { question: sample.input };
  if (prompt.style === "mcq") {
    const choices = sample.choices ?? [];
    values.choices = formatChoices(choices);
    values.letters = optionLabels(choices.length).join(",");
  }
  if (prompt.values) Object.assign(values, prompt.values(sample));
  let text: string;
  if (fewShot !== "" && prompt.fewShotTemplate) {
    text = formatTemplate(prompt.fewShotTemplate, { ...values, fewshot: fewShot }, {
      what: "few_shot_prompt_template",
    });
  } else {
    text = formatTemplate(prompt.template, values, { what: "prompt_template" });
  }
  const messages: ChatMessage[] = [{ role: "user", content: text }];
  if (prompt.systemPrompt) messages.unshift({ role: "system", content: prompt.systemPrompt });
  return messages;
}
