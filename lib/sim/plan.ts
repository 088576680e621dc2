/**
 * What a request will generate: the reasoning and content pieces, finish reason and usage.
 *
 * Rules, in order:
 * 1. Natural response: the answer key's answer (and `reasoning`), or for unmatched prompts the
 *    prompt itself (`echo`) or `loremTokens` of seeded filler (`lorem`). When `reasoningTokens`
 *    is set and the answer key gives no reasoning, that many filler tokens of reasoning come
 *    first (chat only). `chat_template_kwargs.enable_thinking: false` drops all reasoning.
 * 2. `ignore_eos` pads the content with filler up to the token cap; `min_tokens` pads up to it.
 * 3. `stop` strings end the content before the first occurrence that ends after the first
 *    `min_tokens` tokens; the cut content is tokenized again; finish reason `stop`.
 * 4. The cap is `max_completion_tokens` / `max_tokens`, else `maxModelLen` − prompt tokens.
 *    Reasoning and content together never exceed it. Finish reason `length` when the cap cut
 *    the response or `ignore_eos` is set (and no stop string ended it); `stop` otherwise, also
 *    for a natural response that fits the cap exactly.
 * `completion_tokens` = reasoning tokens + content tokens, exactly the tokens streamed.
 *
 * @module
 */
import {
  chatPromptTokens,
  templatePromptTokens,
  type Tokenizer,
  type TokenPieces,
} from "../tokenizer/mod.ts";
import { type AnswerKey, chooseAnswer } from "./answer_key.ts";
import type { FillerPool } from "./filler.ts";
import type { FaultKind } from "./faults.ts";
import { concatPieces, NO_PIECES, type PieceCache, pieceTokens, takeTokens } from "./pieces.ts";
import { BadRequest, type SimRequest } from "./request.ts";
import { hash32 } from "../util/random.ts";
import { sha256Hex } from "../util/hash.ts";

/** How unmatched prompts are answered. */
export type UnmatchedMode = "lorem" | "echo";

/** Everything a plan depends on besides the request. */
export interface PlanContext {
  cache: PieceCache;
  filler: FillerPool;
  answerKey: AnswerKey | null;
  seed: number;
  unmatched: UnmatchedMode;
  loremTokens: number;
  reasoningTokens: number;
  maxModelLen: number;
}

/** How the response relates to the answer key. */
export type AnswerOutcome = "correct" | "wrong" | "unmatched";

/** The full response of one request, decided before the first byte is sent. */
export interface GenerationPlan {
  promptText: string;
  promptSha256: string;
  promptTokens: number;
  /** The part of `promptTokens` that the messages' images cost (absent: none). */
  imageTokens?: number;
  reasoning: TokenPieces;
  content: TokenPieces;
  reasoningTokens: number;
  completionTokens: number;
  finishReason: "stop" | "length";
  answer: AnswerOutcome;
  /** The answer key entry's scripted fault, if any (absent: none). */
  fault?: FaultKind | null;
}

/** Plans the response to `req` (see the module doc); throws BadRequest when it cannot fit. */
export function planGeneration(req: SimRequest, ctx: PlanContext): GenerationPlan {
  const tokenizer = ctx.cache.tokenizer;
  const promptText = req.promptIds !== null ? tokenizer.decode(req.promptIds) : req.promptText;
  const promptSha256 = sha256Hex(promptText);
  const promptTokens = countPrompt(req, ctx, tokenizer) + (req.imageTokens ?? 0);
  const cap = tokenCap(req, promptTokens, ctx.maxModelLen);
  const variant = (salt: string) => hash32(salt, ctx.seed, req.seed ?? "none", promptSha256);

  let answer: AnswerOutcome = "unmatched";
  let content: TokenPieces;
  let reasoningText: string | null = null;
  const entry = ctx.answerKey?.lookup(promptText, promptSha256) ?? null;
  if (entry !== null) {
    const chosen = chooseAnswer(entry, { seed: ctx.seed, promptSha256, requestSeed: req.seed });
    answer = chosen.correct ? "correct" : "wrong";
    content = ctx.cache.pieces(chosen.text);
    reasoningText = chosen.reasoning;
  } else if (ctx.unmatched === "echo") {
    content = ctx.cache.pieces(promptText);
  } else {
    content = ctx.filler.take(ctx.loremTokens, variant("lorem"));
  }

  let reasoning = NO_PIECES;
  if (req.endpoint !== "completions" && req.enableThinking !== false) {
    if (reasoningText !== null) reasoning = ctx.cache.pieces(reasoningText);
    else if (ctx.reasoningTokens > 0) {
      reasoning = ctx.filler.take(ctx.reasoningTokens, variant("reasoning"));
    }
  }

  let reasoningTokens = pieceTokens(reasoning);
  let contentTokens = pieceTokens(content);
  const minimum = Math.min(req.ignoreEos ? cap : req.minTokens, cap);
  const padding = minimum - reasoningTokens - contentTokens;
  if (padding > 0) {
    content = concatPieces(content, ctx.filler.take(padding, variant("pad")));
    contentTokens += padding;
  }
  let finishReason: "stop" | "length" = req.ignoreEos ? "length" : "stop";
  if (req.stop.length > 0) {
    const cut = cutAtStop(content, req.stop, req.minTokens - reasoningTokens);
    if (cut !== null) {
      content = ctx.cache.pieces(cut);
      contentTokens = pieceTokens(content);
      finishReason = "stop";
    }
  }
  if (reasoningTokens + contentTokens > cap) {
    finishReason = "length";
    reasoning = takeTokens(reasoning, cap);
    reasoningTokens = pieceTokens(reasoning);
    content = takeTokens(content, cap - reasoningTokens);
    contentTokens = pieceTokens(content);
  }
  return {
    promptText,
    promptSha256,
    promptTokens,
    imageTokens: req.imageTokens ?? 0,
    reasoning,
    content,
    reasoningTokens,
    completionTokens: reasoningTokens + contentTokens,
    finishReason,
    answer,
    fault: entry?.fault ?? null,
  };
}

function countPrompt(req: SimRequest, ctx: PlanContext, tokenizer: Tokenizer): number {
  if (req.promptIds !== null) return req.promptIds.length;
  if (req.endpoint === "completions") return ctx.cache.count(req.promptText);
  const counting: Tokenizer = { ...tokenizer, count: (text) => ctx.cache.count(text) };
  const opts = req.enableThinking === null ? {} : { enableThinking: req.enableThinking };
  try {
    return templatePromptTokens(counting, req.messages, opts);
  } catch {
    return chatPromptTokens(counting, req.messages); // a template that rejects these messages
  }
}

function tokenCap(req: SimRequest, promptTokens: number, maxModelLen: number): number {
  const requested = req.maxTokens ?? 0;
  if (promptTokens + requested > maxModelLen || promptTokens >= maxModelLen) {
    throw new BadRequest(
      `This model's maximum context length is ${maxModelLen} tokens. However, you requested ` +
        `${
          promptTokens + requested
        } tokens (${promptTokens} in the messages, ${requested} in the ` +
        "completion). Please reduce the length of the messages or completion.",
      req.maxTokens === null ? "messages" : "max_tokens",
    );
  }
  return req.maxTokens ?? maxModelLen - promptTokens;
}

/** The content text before the first stop string that ends after `minTokens` tokens, or null. */
function cutAtStop(
  content: TokenPieces,
  stops: readonly string[],
  minTokens: number,
): string | null {
  const text = content.texts.join("");
  let boundary = 0;
  for (let i = 0, tokens = 0; i < content.texts.length && tokens < minTokens; i++) {
    tokens += content.tokens[i];
    boundary += content.texts[i].length;
  }
  let cut = -1;
  for (const stop of stops) {
    const at = text.indexOf(stop, Math.max(0, boundary - stop.length + 1));
    if (at >= 0 && (cut < 0 || at < cut)) cut = at;
  }
  return cut < 0 ? null : text.slice(0, cut);
}
