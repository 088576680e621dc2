/**
 * Scoring a needle answer. Every sample's score is stored under its grid cell's name,
 * `Context#<length> Depth#<percent>` (EvalScope's metric names), so each cell is a metric of the
 * report and a cell of the heatmap. How an answer is graded is a {@linkcode NeedleGrader}: the
 * rule below by default; the LLM judge EvalScope uses plugs in as another grader once lmeter
 * has a judge engine (issue #13).
 *
 * @module
 */
import type { Sample, ScoreContext, ScoreInput, Scorer } from "../../lib/eval/define.ts";
import { squadNormalize } from "../../lib/eval/define.ts";

/** One grade: a value in [0, 1] and why. */
export interface NeedleGrade {
  value: number;
  explanation?: string;
  metadata?: Record<string, unknown>;
}

/** Grades one answer; `external` graders (judges) may be slow and async. */
export interface NeedleGrader {
  /** Stable id (part of the review fingerprint). */
  id: string;
  kind: "rule" | "external";
  grade(input: ScoreInput, ctx: ScoreContext): NeedleGrade | Promise<NeedleGrade>;
}

/** The metric name of the cell `sample` belongs to: `Context#<length> Depth#<percent>`. */
export function cellMetric(sample: Sample): string {
  const meta = sample.metadata ?? {};
  return `Context#${meta.context_length ?? 0} Depth#${meta.depth_percent ?? 0}`;
}

/** The scorer: `grader`'s value under the sample's cell name. */
export function needleScorer(grader: NeedleGrader): Scorer {
  return {
    id: `needle:${grader.id}`,
    kind: grader.kind,
    score(input, ctx) {
      const main = cellMetric(input.sample);
      const toScore = (g: NeedleGrade) => ({
        value: { [main]: g.value },
        extracted: input.extracted,
        main,
        ...(g.explanation !== undefined ? { explanation: g.explanation } : {}),
        ...(g.metadata !== undefined ? { metadata: g.metadata } : {}),
      });
      const grade = grader.grade(input, ctx);
      return grade instanceof Promise ? grade.then(toScore) : toScore(grade);
    },
  };
}

const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";
const WORD = new RegExp(`[${CJK}]|[^\\s${CJK}]+`, "gu");

/** The words of a SQuAD-normalised text; each CJK character counts as a word. */
function words(text: string): string[] {
  return squadNormalize(text).match(WORD) ?? [];
}

/**
 * The default rule: the share of the needle's key words found in the answer. Key words are the
 * needle's words (SQuAD-normalised: lower case, no punctuation, no a/an/the) that are not in the
 * retrieval question, so restating the question earns nothing; when every needle word is in the
 * question, all of them count. EvalScope's own rule (the whole normalised answer equal to the
 * needles joined) is kept in the review's metadata as `evalscope_exact_match`.
 */
export const needleRecall: NeedleGrader = {
  id: "rule:key-word-recall",
  kind: "rule",
  grade({ sample, extracted }) {
    const target = typeof sample.target === "string" ? sample.target : sample.target.join("\n");
    const question = typeof sample.input === "string" ? sample.input : "";
    const asked = new Set(words(question));
    const needleWords = [...new Set(words(target))];
    const keyWords = needleWords.some((w) => !asked.has(w))
      ? needleWords.filter((w) => !asked.has(w))
      : needleWords;
    const answered = new Set(words(extracted));
    const missing = keyWords.filter((w) => !answered.has(w));
    const value = keyWords.length === 0 ? 0 : (keyWords.length - missing.length) / keyWords.length;
    return {
      value,
      explanation: missing.length === 0
        ? `all ${keyWords.length} key words of the needle are in the answer`
        : `missing ${missing.length} of ${keyWords.length} key words: ${missing.join(" ")}`,
      metadata: {
        evalscope_exact_match: squadNormalize(extracted) === squadNormalize(target) ? 1 : 0,
      },
    };
  },
};
