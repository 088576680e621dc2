/**
 * IFEval's scorer: the strict and loose verdicts of every instruction, the prompt-level values,
 * and the instruction-level values both ways — pooled over instructions (Google, lm-eval: the
 * report's `inst_level_*`, through the score's parts) and EvalScope's mean of per-prompt fractions
 * (`inst_level_*_macro`).
 *
 * @module
 */
import {
  FieldError,
  type Row,
  type Sample,
  type Score,
  type Scorer,
} from "../../lib/eval/define.ts";
import type { Checker, Kwargs } from "./checkers.ts";
import { followInstructions, type IfevalItem, type Verdicts } from "./evaluate.ts";

/** The report's metrics: EvalScope's names, then the per-prompt (macro) instruction levels. */
export const IFEVAL_METRICS = [
  "prompt_level_strict",
  "inst_level_strict",
  "prompt_level_loose",
  "inst_level_loose",
  "inst_level_strict_macro",
  "inst_level_loose_macro",
] as const;

/** EvalScope v0.17's names of the four headline metrics → lmeter's (EvalScope v1.x) names. */
export const IFEVAL_METRIC_ALIASES: Readonly<Record<string, string>> = {
  prompt_level_strict_acc: "prompt_level_strict",
  inst_level_strict_acc: "inst_level_strict",
  prompt_level_loose_acc: "prompt_level_loose",
  inst_level_loose_acc: "inst_level_loose",
};

/** The IFEval item of a data record (`key`, `prompt`, `instruction_id_list`, `kwargs`). */
export function ifevalItem(record: Row): IfevalItem & { key: string } {
  const prompt = record.prompt;
  if (typeof prompt !== "string") throw new FieldError("prompt", "a string", prompt);
  const ids = record.instruction_id_list;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === "string")) {
    throw new FieldError("instruction_id_list", "a non-empty list of instruction ids", ids);
  }
  let kwargs = record.kwargs;
  if (typeof kwargs === "string") kwargs = JSON.parse(kwargs);
  if (
    !Array.isArray(kwargs) || kwargs.length !== ids.length ||
    !kwargs.every((k) => k === null || (typeof k === "object" && !Array.isArray(k)))
  ) {
    throw new FieldError("kwargs", "one object of arguments per instruction", record.kwargs);
  }
  const key = record.key;
  return {
    key: typeof key === "number" || typeof key === "string" ? String(key) : "",
    prompt,
    instructionIds: ids as string[],
    kwargs: (kwargs as (Kwargs | null)[]).map((k) => k ?? {}),
  };
}

/** The per-sample values, parts and file fields of one prompt's verdicts. */
export function ifevalScore(item: IfevalItem, verdicts: Verdicts): Omit<Score, "extracted"> {
  const n = verdicts.strict.length;
  const followed = (xs: boolean[]) => xs.filter(Boolean).length / n;
  const strictAll = verdicts.strict.every(Boolean);
  const looseAll = verdicts.loose.every(Boolean);
  const asNumbers = (xs: boolean[]) => xs.map((x) => x ? 1 : 0);
  return {
    value: {
      prompt_level_strict: strictAll ? 1 : 0,
      inst_level_strict: followed(verdicts.strict),
      prompt_level_loose: looseAll ? 1 : 0,
      inst_level_loose: followed(verdicts.loose),
      inst_level_strict_macro: followed(verdicts.strict),
      inst_level_loose_macro: followed(verdicts.loose),
    },
    main: "prompt_level_strict",
    metadata: {
      instruction_id_list: [...item.instructionIds],
      follow_instruction_list_strict: verdicts.strict,
      follow_instruction_list_loose: verdicts.loose,
      follow_all_instructions_strict: strictAll,
      follow_all_instructions_loose: looseAll,
    },
    units: {
      labels: [...item.instructionIds],
      values: {
        inst_level_strict: asNumbers(verdicts.strict),
        inst_level_loose: asNumbers(verdicts.loose),
      },
    },
  };
}

/** The item a sample carries in its metadata (put there by the benchmark's `toSample`). */
function itemOfSample(sample: Sample): IfevalItem {
  const m = sample.metadata ?? {};
  return {
    prompt: typeof sample.input === "string" ? sample.input : "",
    instructionIds: m.instruction_id_list as string[],
    kwargs: m.kwargs as Kwargs[],
  };
}

/** The IFEval scorer over a table of checkers. */
export function ifevalScorer(checkers: Readonly<Record<string, Checker>>): Scorer {
  return {
    id: "ifeval/1",
    kind: "rule",
    score({ sample, filtered }) {
      const item = itemOfSample(sample);
      const verdicts = followInstructions(item, { response: filtered, checkers });
      return { ...ifevalScore(item, verdicts), extracted: filtered };
    },
  };
}
