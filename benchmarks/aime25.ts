/**
 * AIME 2025: the 30 problems of AIME 2025, in the subsets AIME2025-I and AIME2025-II (one file
 * each in opencompass/AIME2025). Same prompt and grading as `aime24`.
 *
 * @module
 */
import { rowSource } from "../lib/data/row_source.ts";
import { defineBenchmark, FieldError, textField } from "../lib/eval/define.ts";
import { AIME_PROMPT, AIME_VARIANTS, aimeExtractor, aimeScorer } from "./aime24.ts";

/** Which exam a row belongs to, from the name of its file (`aime2025-II.jsonl`, `AIME2025-I/…`). */
function examOf(file: string): string | null {
  const m = /2025-(II|I)(?![A-Za-z])/i.exec(file);
  return m ? `AIME2025-${m[1].toUpperCase()}` : null;
}

/** The `aime25` benchmark. */
export const aime25 = defineBenchmark({
  name: "aime25",
  prettyName: "AIME-2025",
  description:
    "The 30 problems of the 2025 American Invitational Mathematics Examination, subsets AIME2025-I and AIME2025-II (15 each); answers are integers 0-999. Zero-shot, \\boxed{} answer, PRM800K-style grading.",
  version: "1",
  tags: ["math", "reasoning"],
  dataset: {
    id: "opencompass/AIME2025",
    evalSplit: "test",
    subsets: ["AIME2025-I", "AIME2025-II"],
    subsetsFromConfig: "default",
    patterns: [
      "[aA][iI][mM][eE]2025-*.jsonl",
      "AIME2025-*/{split}.*",
      "AIME2025-*/{split}-[0-9]*",
      "AIME2025-*/{split}/*",
    ],
  },
  toSample(record) {
    const file = rowSource(record)?.file ?? "";
    const subset = examOf(file);
    if (subset === null) {
      throw new FieldError("file", "a name with AIME2025-I or AIME2025-II", file);
    }
    return { input: textField(record, "question"), target: textField(record, "answer"), subset };
  },
  prompt: { style: "text", template: AIME_PROMPT, fewShotNum: 0 },
  extract: aimeExtractor,
  scorer: aimeScorer,
  metrics: [{ name: "acc", options: { numeric: true } }],
  metricLabels: { acc: "AveragePass@1" },
  variants: AIME_VARIANTS,
});
