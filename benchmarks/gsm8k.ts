/**
 * GSM8K: grade-school math word problems, answered with a `\boxed{}` number.
 *
 * @module
 */
import {
  defineBenchmark,
  MATH_BOXED,
  MATH_FEW_SHOT,
  mathExtractor,
  textField,
  variantNames,
} from "../lib/eval/define.ts";

/** The `gsm8k` benchmark. */
export const gsm8k = defineBenchmark({
  name: "gsm8k",
  prettyName: "GSM8K",
  description:
    "8.5K grade-school math word problems needing 2–8 steps of arithmetic. 4-shot by default; the answer is read from \\boxed{} (or the last number) and compared exactly, as a number, with the text after #### (no tolerance, no percentage rule).",
  version: "1",
  tags: ["math", "reasoning"],
  paperUrl: "https://arxiv.org/abs/2110.14168",
  dataset: {
    id: "AI-ModelScope/gsm8k",
    hfId: "openai/gsm8k",
    evalSplit: "test",
    trainSplit: "train",
    subsets: ["main"],
  },
  toSample(record) {
    const parts = textField(record, "answer").split("####");
    const target = (parts.pop() ?? "").trim();
    return {
      input: textField(record, "question"),
      target,
      metadata: { reasoning: parts.join("####").trim() },
    };
  },
  prompt: {
    style: "text",
    template: MATH_BOXED,
    fewShotTemplate: MATH_FEW_SHOT + MATH_BOXED,
    fewShotNum: 4,
    formatExample: (s) =>
      `${s.input}\n\nReasoning:\n${s.metadata?.reasoning ?? ""}\n\nANSWER: \\boxed{${s.target}}`,
  },
  extract: mathExtractor,
  metrics: [{ name: "acc", options: { numeric: "exact" } }],
  variants: variantNames("gsm8k"),
});
