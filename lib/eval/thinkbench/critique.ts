/**
 * The judge's side of reasoning efficiency: the prompt that shows the problem, the correct
 * answer and the reasoning cut into numbered paragraphs (lmeter's wording of EvalScope
 * ThinkBench's critique template, same layout and answer format), and the strict reader of the
 * reply. Pure.
 *
 * @module
 */
import type { Segment } from "./segments.ts";

/** The judge's user message for one response. */
export function critiquePrompt(
  problem: string,
  options: { answer: string; segments: readonly Segment[] },
): string {
  const tagged = options.segments.map((s, i) => `<paragraph_${i}>\n${s.text}\n</paragraph_${i}>`)
    .join("\n\n");
  return [
    "Below are a math problem, its correct answer, and a solution split into paragraphs; each paragraph is enclosed in tags numbered from 0.",
    "",
    "[Math Problem]",
    "",
    problem,
    "",
    "[Correct Answer]",
    "",
    options.answer,
    "",
    "[Solution]",
    "",
    tagged,
    "",
    "Go through the solution paragraph by paragraph and find the earliest paragraph in which the correct answer is reached. Answer with that paragraph's index, or -1 if no paragraph reaches the correct answer.",
    "",
    "Write the index alone inside \\boxed{}, for example \\boxed{2}.",
  ].join("\n");
}

/** The judge's verdict: the first correct paragraph (-1: none), or why there is none. */
export type FirstCorrect = { index: number } | { error: string };

/**
 * Reads the judge's reply strictly: the last `\boxed{…}` must hold a whole number alone (spaces
 * aside) that is -1 or a paragraph index (0 … `segments` − 1). Anything else is no verdict.
 */
export function parseFirstCorrect(reply: string, segments: number): FirstCorrect {
  const boxed = [...reply.matchAll(/\\boxed\{([^{}]*)\}/g)];
  if (boxed.length === 0) return { error: "no \\boxed{index} in the judge's reply" };
  const inner = boxed[boxed.length - 1][1].trim();
  if (!/^-?\d+$/.test(inner)) {
    return { error: `the judge's \\boxed{${inner}} is not a paragraph index` };
  }
  const index = Number(inner);
  if (index !== -1 && (index < 0 || index >= segments)) {
    return { error: `the judge's index ${index} is outside -1 … ${segments - 1}` };
  }
  return { index };
}
