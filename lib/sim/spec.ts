/**
 * Speculative decoding in the simulator (`specTokens` k > 0): after the first token, each decode
 * step drafts k tokens and emits 1 + the drafts accepted in a row. A step's tokens are due
 * together (one step takes one inter-token gap) and are streamed as one event, as a server that
 * sends a chunk per step does. Pure and seeded, so a test can count the steps.
 *
 * @module
 */
import type { TokenPieces } from "../tokenizer/mod.ts";
import type { GenerationPlan } from "./plan.ts";
import { unitHash } from "../util/random.ts";

/**
 * The tokens of each decode step of a response of `tokens` tokens: each draft is accepted with
 * probability `acceptRate` (drawn from the seed, the request's number, the step and the position)
 * until the first rejection; a step never emits more than the tokens still due. Empty with k = 0
 * or a single token.
 */
export function specSteps(
  tokens: number,
  options: { k: number; acceptRate: number; seed: number; seq: number },
): number[] {
  const steps: number[] = [];
  if (options.k <= 0) return steps;
  let left = tokens - 1;
  for (let step = 0; left > 0; step++) {
    let accepted = 0;
    while (
      accepted < options.k &&
      unitHash(options.seed, "spec", options.seq, step, accepted) < options.acceptRate
    ) accepted++;
    const emitted = Math.min(1 + accepted, left);
    steps.push(emitted);
    left -= emitted;
  }
  return steps;
}

/**
 * Due times when tokens come in steps: the first token keeps its time; the tokens of step j are
 * all due when the (j + 1)-th token was due one token per step. Unchanged without steps.
 */
export function stepOffsets(offsets: Float64Array, steps: readonly number[]): Float64Array {
  if (steps.length === 0) return offsets;
  const out = new Float64Array(offsets.length);
  out[0] = offsets[0];
  let token = 1;
  steps.forEach((n, j) => {
    for (let i = 0; i < n && token < out.length; i++) out[token++] = offsets[j + 1];
  });
  return out;
}

/** The plan with the pieces of each step joined into one piece (reasoning and content apart). */
export function groupBySteps(plan: GenerationPlan, steps: readonly number[]): GenerationPlan {
  const ends = new Set<number>([1]);
  let at = 1;
  for (const n of steps) ends.add(at += n);
  let token = 0;
  const group = (pieces: TokenPieces): TokenPieces => {
    const out: TokenPieces = { texts: [], tokens: [] };
    let text = "";
    let count = 0;
    pieces.texts.forEach((t, i) => {
      const before = token;
      token += pieces.tokens[i];
      text += t;
      count += pieces.tokens[i];
      let closes = i === pieces.texts.length - 1;
      for (let x = before + 1; x <= token && !closes; x++) closes = ends.has(x);
      if (closes) {
        out.texts.push(text);
        out.tokens.push(count);
        text = "";
        count = 0;
      }
    });
    return out;
  };
  const reasoning = group(plan.reasoning);
  const content = group(plan.content);
  return { ...plan, reasoning, content };
}
