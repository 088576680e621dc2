/**
 * Arena-Hard (v0.1): 500 hard user prompts; each answer is judged twice against GPT-4-0314's
 * stored answer, once in each seat, the verdicts become weighted battles (`>>` counts 3) and the
 * report's `winrate` is the Bradley–Terry probability that the model beats the baseline, with a
 * seeded bootstrap interval (benchmarks/arena/aggregation.ts).
 *
 * @module
 */
import {
  arenaVerdict,
  type ChatMessage,
  defineBenchmark,
  identityExtractor,
  isArenaLabel,
  judgeErrorScore,
  optionalText,
  questionText,
  requireJudge,
  type Score,
  type ScoreContext,
  type Scorer,
  targetText,
  textField,
} from "../lib/eval/define.ts";
import { loadTokenizer } from "../lib/tokenizer/mod.ts";
import { ARENA_PARAMS, arenaAggregation, type ArenaRecord } from "./arena/aggregation.ts";
import { type ArenaGame, candidatePreference } from "./arena/battles.ts";
import { styleFeatures } from "./arena/style.ts";

/** The baseline's name in battles (EvalScope's). */
export const ARENA_BASELINE = "gpt4-0314";
/** The evaluated model's name in battles (EvalScope's). */
export const ARENA_CANDIDATE = "test_model";

/**
 * The judge's system prompt: lmeter's wording of Arena-Hard's (answer the prompt yourself first,
 * compare, weigh helpfulness, relevance, concision, creativity and missing information) with the
 * same five verdict labels in double brackets.
 */
export const ARENA_SYSTEM_PROMPT =
  `You are an impartial judge comparing the answers two AI assistants, A and B, gave to the user prompt below. Decide which answer is better.

First write your own answer to the prompt, before you look at theirs. Then compare both answers with yours: point out and correct any mistakes or inaccurate information.

Next, judge whether each answer is helpful (it responds correctly to the prompt and follows its instructions; when the prompt is ambiguous, asking for clarification is better than assuming), relevant (every part connects to what was asked) and concise (clear, not verbose). Where it matters, weigh creativity and novelty too, and note any important information an answer leaves out.

After your explanation, give your final verdict as exactly one of these labels:
1. Assistant A is significantly better: [[A>>B]]
2. Assistant A is slightly better: [[A>B]]
3. Tie, relatively the same: [[A=B]]
4. Assistant B is slightly better: [[B>A]]
5. Assistant B is significantly better: [[B>>A]]

Example output: "My final verdict is tie: [[A=B]]".`;

/** The user message of one game (Arena-Hard's layout). */
export function arenaPrompt(question: string, answerA: string, answerB: string): string {
  return `<|User Prompt|>\n${question}\n\n<|The Start of Assistant A's Answer|>\n${answerA}\n<|The End of Assistant A's Answer|>\n\n<|The Start of Assistant B's Answer|>\n${answerB}\n<|The End of Assistant B's Answer|>`;
}

/** The messages of one game. */
export function arenaMessages(question: string, answerA: string, answerB: string): ChatMessage[] {
  return [
    { role: "system", content: ARENA_SYSTEM_PROMPT },
    { role: "user", content: arenaPrompt(question, answerA, answerB) },
  ];
}

/** Options of {@linkcode judgePair}. */
export interface JudgePairOptions {
  question: string;
  /** The evaluated answer and its model's name. */
  candidate: { name: string; answer: string };
  /** The baseline's answer and name. */
  baseline: { name: string; answer: string };
  /** Seat of the candidate in the first game: `B` (Arena-Hard) or `A` (EvalScope's arena mode). */
  candidateFirstSeat: "A" | "B";
  /** arena-hard-auto's rule: the reply's distinct `[[…]]` labels must agree. */
  consistent: boolean;
  /** Record style features for style control. */
  style: boolean;
}

/**
 * Judges one pair twice, seats swapped. A failed call, a reply without a verdict or a label other
 * than the five makes the whole sample a judge error (upstream drops that game silently).
 */
export async function judgePair(options: JudgePairOptions, ctx: ScoreContext): Promise<Score> {
  const judge = requireJudge(ctx, "this arena benchmark");
  const { candidate, baseline } = options;
  const first = options.candidateFirstSeat === "A" ? [candidate, baseline] : [baseline, candidate];
  const seats = [first, [first[1], first[0]]];
  const replies = await Promise.all(
    seats.map(([a, b]) =>
      judge.ask(arenaMessages(options.question, a.answer, b.answer), { signal: ctx.signal })
    ),
  );
  const extracted = candidate.answer;
  const failed = replies.find((r) => r.error !== undefined);
  if (failed) return judgeErrorScore(`judge call failed: ${failed.error}`, { extracted });
  const judgeRecord = { model: judge.model, replies: replies.map((r) => r.text) };
  const games: ArenaGame[] = [];
  for (const [i, reply] of replies.entries()) {
    const label = arenaVerdict(reply.text, { consistent: options.consistent });
    if (label === null || !isArenaLabel(label)) {
      return judgeErrorScore(`no verdict in game ${i + 1}'s reply: ${reply.text}`, {
        extracted,
        metadata: { judge: judgeRecord },
      });
    }
    games.push({ modelA: seats[i][0].name, modelB: seats[i][1].name, judgment: label });
  }
  const arena: ArenaRecord = { candidate: candidate.name, baseline: baseline.name, games };
  if (options.style) {
    const tokenizer = await loadTokenizer();
    arena.style = {
      [candidate.name]: styleFeatures(candidate.answer, tokenizer.count(candidate.answer)),
      [baseline.name]: styleFeatures(baseline.answer, tokenizer.count(baseline.answer)),
    };
  }
  return {
    value: { score: candidatePreference(games, candidate.name) },
    extracted,
    main: "score",
    metadata: { arena, judge: { ...judgeRecord, verdicts: games.map((g) => g.judgment) } },
  };
}

const arenaHardScorer: Scorer = {
  id: "arena_hard:judge:1",
  kind: "external",
  score(input, ctx) {
    return judgePair({
      question: questionText(input.sample.input),
      candidate: { name: ARENA_CANDIDATE, answer: input.filtered },
      baseline: { name: ARENA_BASELINE, answer: targetText(input.sample.target) },
      candidateFirstSeat: "B",
      consistent: ctx.params.consistent_verdict === true,
      style: ctx.params.style_control === true,
    }, ctx);
  },
};

/** The `arena_hard` benchmark. */
export const arenaHard = defineBenchmark({
  name: "arena_hard",
  prettyName: "ArenaHard",
  description:
    "500 hard user prompts (Arena-Hard-Auto v0.1). Each answer is judged twice against GPT-4-0314's, seats swapped; winrate is the Bradley–Terry probability of beating the baseline, with a seeded bootstrap 95% interval. Needs an LLM judge.",
  version: "1",
  tags: ["arena", "llm_judge", "instruction_following"],
  paperUrl: "https://arxiv.org/abs/2406.11939",
  dataset: { id: "AI-ModelScope/arena-hard-auto-v0.1", evalSplit: "test", subsets: ["default"] },
  toSample(record) {
    return {
      input: textField(record, "question"),
      target: textField(record, "prediction"),
      metadata: { capability: optionalText(record, "capability") ?? "unknown" },
    };
  },
  prompt: { style: "text", template: "{question}", fewShotNum: 0 },
  extract: identityExtractor,
  judge: { byDefault: true, scorer: arenaHardScorer },
  metrics: [],
  metricLabels: { winrate: "winrate" },
  aggregate: arenaAggregation({ styleParam: "style_control" }),
  extraParams: {
    ...ARENA_PARAMS,
    consistent_verdict: {
      default: false,
      help:
        "Accept a reply only when all its [[…]] labels agree (arena-hard-auto); default: the first label (EvalScope)",
    },
    style_control: {
      default: false,
      help:
        "Fit the win rate with style control (answer tokens, headers, lists, bold), as arena-hard-auto's --style-control",
    },
  },
});
