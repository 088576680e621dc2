/**
 * Scoring a needle answer. Every sample's score is stored under its grid cell's name,
 * `Context#<length> Depth#<percent>` (EvalScope's metric names), so each cell is a metric of the
 * report and a cell of the heatmap. How an answer is graded is a {@linkcode NeedleGrader}: the
 * key-word rule below by default, or EvalScope's LLM judge ({@linkcode needleJudge}, with
 * `judge_strategy llm`).
 *
 * @module
 */
import type { Sample, ScoreContext, ScoreInput, Scorer } from "../../lib/eval/define.ts";
import {
  fillJudgePrompt,
  judgeErrorScore,
  needleRating,
  requireJudge,
  squadNormalize,
} from "../../lib/eval/define.ts";

/** One grade: a value in [0, 1] and why. */
export interface NeedleGrade {
  value: number;
  explanation?: string;
  metadata?: Record<string, unknown>;
  /** Set when a judge could not grade the answer: the sample then has no value (a judge error). */
  judgeError?: string;
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
      const toScore = (g: NeedleGrade) =>
        g.judgeError !== undefined
          ? judgeErrorScore(g.judgeError, {
            extracted: input.extracted,
            ...(g.metadata ? { metadata: g.metadata } : {}),
          })
          : {
            value: { [main]: g.value },
            extracted: input.extracted,
            main,
            ...(g.explanation !== undefined ? { explanation: g.explanation } : {}),
            ...(g.metadata !== undefined ? { metadata: g.metadata } : {}),
          };
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

/**
 * The judge's system prompt: a 1–10 rating of the answer against the reference, written as
 * `[[score]]` (lmeter's wording of EvalScope's `GENERAL_ORM_PROMPT`).
 */
export const NEEDLE_JUDGE_SYSTEM =
  `You are an impartial judge of answers to questions about a document. You are given the question, the reference answer (the facts the document states) and the model's answer. Judge whether the model's answer gives the facts of the reference answer, correctly and without contradicting them; wording, order and brevity do not matter, and extra information counts only if it is wrong.

Give a final score from 1 to 10, where 1 means the answer misses or contradicts the reference and 10 means it gives the reference's facts completely and correctly. Only respond with the score, formatted as [[score]], for example: [[7]]`;

/** EvalScope's user prompt of the needle judge (`{question}`, `{gold}`, `{pred}`). */
export const NEEDLE_JUDGE_TEMPLATE =
  "\nQuestion: {question}\n\nReference Answer: {gold}\n\nModel Answer: {pred}\n";

/**
 * EvalScope's needle judge: the first `[[n]]` of the reply divided by 10. The judge is shown the
 * retrieval question (not the whole haystack prompt EvalScope re-sends) and the needles joined by
 * newlines. A failed call or a reply without `[[n]]` is a judge error (EvalScope: 0).
 */
export const needleJudge: NeedleGrader = {
  id: "judge:rating-over-10",
  kind: "external",
  async grade({ sample, filtered }, ctx) {
    const judge = requireJudge(ctx, "needle_haystack");
    const gold = typeof sample.target === "string" ? sample.target : sample.target.join("\n");
    const content = fillJudgePrompt(judge.args.promptTemplate ?? NEEDLE_JUDGE_TEMPLATE, {
      question: String(ctx.params.retrieval_question ?? ""),
      gold,
      pred: filtered,
    });
    const reply = await judge.ask([
      { role: "system", content: judge.args.systemPrompt ?? NEEDLE_JUDGE_SYSTEM },
      { role: "user", content },
    ], { signal: ctx.signal });
    if (reply.error !== undefined) {
      return { value: 0, judgeError: `judge call failed: ${reply.error}` };
    }
    const rating = needleRating(reply.text);
    const metadata = { judge: { model: judge.model, reply: reply.text } };
    if (rating === null) {
      return { value: 0, judgeError: `no [[score]] in the judge's reply: ${reply.text}`, metadata };
    }
    return { value: rating, metadata: { judge: { ...metadata.judge, verdict: rating } } };
  },
};
