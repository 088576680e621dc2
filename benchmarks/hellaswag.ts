/**
 * HellaSwag: pick the most plausible continuation of a scene (four endings), zero-shot with
 * the plain `ANSWER: X` template.
 *
 * @module
 */
import {
  defineBenchmark,
  FieldError,
  intField,
  MCQ_SINGLE,
  mcqExtractor,
  mcqPrompt,
  optionalText,
  optionLabel,
  pyStrip,
  textField,
  textList,
  variantNames,
} from "../lib/eval/define.ts";

/** HellaSwag's clean-up: strip, ` [title]` → `. `, drop `[...]` tags, halve double spaces. */
export function cleanHellaswag(text: string): string {
  return pyStrip(text).replaceAll(" [title]", ". ").replace(/\[.*?\]/g, "").replaceAll("  ", " ");
}

/** Python's `str.capitalize()`: first character upper case, the rest lower case. */
export function pyCapitalize(text: string): string {
  const [first = "", ...rest] = [...text];
  return first.toUpperCase() + rest.join("").toLowerCase();
}

/** The `hellaswag` benchmark. */
export const hellaswag = defineBenchmark({
  name: "hellaswag",
  prettyName: "HellaSwag",
  description:
    "Commonsense inference: choose the most plausible of four endings for a scene from ActivityNet or WikiHow. Context = ctx_a + ' ' + ctx_b capitalised, bracket tags removed. Zero-shot, 'ANSWER: X'.",
  version: "1",
  tags: ["commonsense", "multiple_choice"],
  paperUrl: "https://arxiv.org/abs/1905.07830",
  dataset: {
    id: "evalscope/hellaswag",
    hfId: "Rowan/hellaswag",
    evalSplit: "validation",
    subsets: ["default"],
  },
  toSample(record) {
    const endings = textList(record, "endings").map(cleanHellaswag);
    const label = intField(record, "label");
    if (label < 0 || label > 3) throw new FieldError("label", "0, 1, 2 or 3", label);
    const context = `${textField(record, "ctx_a")} ${pyCapitalize(textField(record, "ctx_b"))}`;
    return {
      input: cleanHellaswag(context),
      choices: endings,
      target: optionLabel(label),
      metadata: { activity_label: optionalText(record, "activity_label") ?? "unknown" },
    };
  },
  prompt: mcqPrompt(MCQ_SINGLE),
  extract: mcqExtractor(),
  metrics: [{ name: "acc" }],
  variants: variantNames("mcq").filter((n) => !n.includes("zh") && n !== "mcq:ceval"),
});
