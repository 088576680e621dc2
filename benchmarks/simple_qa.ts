/**
 * SimpleQA (OpenAI): short fact-seeking questions graded by an LLM judge as correct,
 * incorrect or not attempted. Judge-only: it needs `judge_model_args` (docs/judges.md).
 *
 * The grader prompt is lmeter's own wording of the one EvalScope uses (OpenAI's grader with
 * `NOT_ATTEMPTED` and a last line asking for the letter only): the same three grades, the same
 * letters, the same blocks. `judge_model_args.prompt_template` replaces it, with `{question}`,
 * `{target}` and `{predicted_answer}` replaced literally. The reply's first `A`, `B` or `C` is
 * the grade; a reply without one, or a failed call, is a judge error.
 *
 * @module
 */
import {
  defineBenchmark,
  type DerivedMetric,
  fillJudgePrompt,
  identityExtractor,
  type Judge,
  judgeErrorScore,
  optionalText,
  questionText,
  requireJudge,
  type Scorer,
  simpleQaGrade,
  targetText,
  textField,
} from "../lib/eval/define.ts";

/** The English grader: question, gold target and predicted answer → A, B or C. */
export const SIMPLE_QA_GRADER =
  `You grade answers to short factual questions. You are given a question, its gold target (the correct answer) and a predicted answer. Grade the predicted answer as CORRECT, INCORRECT or NOT_ATTEMPTED.

CORRECT: the predicted answer holds the whole meaning of the gold target and nothing that contradicts it. Spelling, capitalisation, punctuation, word order and extra context do not matter, and hedging is fine as long as the answer it gives is the gold target. A number is correct when it matches the gold target to the gold target's last significant figure (gold 120k: 118k, 120k and 120,000 are correct; 100k is not).
Examples for the question "Who wrote the novel Pride and Prejudice?" with gold target "Jane Austen": "Jane Austen", "It was written by Austen and published in 1813." and "I believe it is Jane Austen, though I am not fully sure." are all CORRECT.

INCORRECT: the predicted answer states something that contradicts the gold target, or lists several candidates of which any is wrong, even when it hedges.
Examples for the same question: "Charlotte Bronte", "Either Jane Austen or Emily Bronte" and "I think it was Mary Shelley, but I may be wrong." are all INCORRECT.

NOT_ATTEMPTED: the predicted answer does not give the gold target's key information and does not contradict it: a refusal, "I don't know", a request for more context, or a reply that leaves the key fact out.
Examples for the same question: "I am not sure who wrote it.", "I cannot look that up." and "It is a famous English novel from the early nineteenth century." are all NOT_ATTEMPTED.

Also:
- When the gold target holds more than the question asks for, the predicted answer only needs to answer the question.
- Do not penalise a detail the question makes obvious but the answer leaves out (a unit, the state of a city, a middle name).
- Grade only against the gold target; do not overrule it with your own knowledge.

Here is the item to grade:
\`\`\`
Question: {question}
Gold target: {target}
Predicted answer: {predicted_answer}
\`\`\`

Grade the predicted answer as one of:
A: CORRECT
B: INCORRECT
C: NOT_ATTEMPTED

Just return the letters "A", "B", or "C", with no text around it.`;

/** The three per-sample metrics, the headline first. */
export const SIMPLE_QA_KEYS = ["is_correct", "is_incorrect", "is_not_attempted"] as const;

/** simple-evals' rows: correct among attempted, and the F-score of that and `is_correct`. */
export const SIMPLE_QA_DERIVED: readonly DerivedMetric[] = [
  { key: "accuracy_given_attempted", formula: "share", of: ["is_correct", "is_incorrect"] },
  { key: "f1", formula: "harmonic", of: ["accuracy_given_attempted", "is_correct"] },
];

/** The messages a grader sends: the user's system prompt over the benchmark's, then the template. */
function graderMessages(judge: Judge, options: { system?: string; content: string }) {
  const system = judge.args.systemPrompt ?? options.system;
  return system !== undefined
    ? [{ role: "system" as const, content: system }, {
      role: "user" as const,
      content: options.content,
    }]
    : [{ role: "user" as const, content: options.content }];
}

/**
 * The SimpleQA-style judge scorer: one call per response, the first A/B/C of the reply as the
 * grade, `is_correct`/`is_incorrect`/`is_not_attempted` as 0/1.
 */
export function simpleQaScorer(options: { id: string; grader: string; system?: string }): Scorer {
  return {
    id: options.id,
    kind: "external",
    async score(input, ctx) {
      const judge = requireJudge(ctx, options.id);
      const content = fillJudgePrompt(judge.args.promptTemplate ?? options.grader, {
        question: questionText(input.sample.input),
        target: targetText(input.sample.target),
        predicted_answer: input.filtered,
      });
      const messages = graderMessages(judge, { system: options.system, content });
      const reply = await judge.ask(messages, { signal: ctx.signal });
      const extracted = input.filtered;
      if (reply.error !== undefined) {
        return judgeErrorScore(`judge call failed: ${reply.error}`, { extracted });
      }
      const grade = simpleQaGrade(reply.text);
      const judged = { model: judge.model, reply: reply.text };
      if (grade === null) {
        return judgeErrorScore(`no grade in the judge's reply: ${reply.text}`, {
          extracted,
          metadata: { judge: judged },
        });
      }
      return {
        value: {
          is_correct: grade === "A" ? 1 : 0,
          is_incorrect: grade === "B" ? 1 : 0,
          is_not_attempted: grade === "C" ? 1 : 0,
        },
        extracted,
        main: "is_correct",
        metadata: { judge: { ...judged, verdict: grade } },
      };
    },
  };
}

/** The `simple_qa` benchmark. */
export const simpleQa = defineBenchmark({
  name: "simple_qa",
  prettyName: "SimpleQA",
  description:
    "4,326 short fact-seeking questions (OpenAI). An LLM judge grades each answer correct, incorrect or not attempted (needs judge_model_args); reports is_correct, is_incorrect, is_not_attempted, accuracy_given_attempted and the F-score.",
  version: "1",
  tags: ["qa", "knowledge", "llm_judge"],
  paperUrl: "https://arxiv.org/abs/2411.04368",
  dataset: {
    id: "evalscope/SimpleQA",
    hfId: "basicv8vc/SimpleQA",
    evalSplit: "test",
    subsets: ["default"],
  },
  toSample(record) {
    const metadata = optionalText(record, "metadata");
    return {
      input: textField(record, "problem"),
      target: textField(record, "answer"),
      ...(metadata !== undefined ? { metadata: { source_metadata: metadata } } : {}),
    };
  },
  prompt: { style: "text", template: "Answer the question:\n\n{question}", fewShotNum: 0 },
  extract: identityExtractor,
  metrics: [],
  judge: {
    byDefault: true,
    scorer: simpleQaScorer({ id: "simple_qa:judge:1", grader: SIMPLE_QA_GRADER }),
  },
  primaryMetric: "is_correct",
  derivedMetrics: SIMPLE_QA_DERIVED,
});
