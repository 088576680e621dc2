/**
 * The simulator's block prefix cache (`prefixCacheBlock` > 0): a deterministic model of vLLM's
 * automatic prefix caching, so a test can predict every hit exactly.
 *
 * - A prompt is a sequence of token ids (see {@linkcode promptSequence}); it is cut into blocks of
 *   `blockSize` tokens. A block is cached when an earlier request had the same tokens in the same
 *   place behind the same earlier blocks (a chain, as vLLM hashes its blocks).
 * - The cached tokens of a request are `blockSize ×` the number of leading blocks found, counting
 *   only full blocks within the first `n − 1` tokens: the last prompt token is always computed
 *   (vLLM's rule), so a prompt seen before reports `⌊(n − 1) / blockSize⌋ × blockSize`.
 * - When a request is admitted its full blocks are stored, and so are those of its prompt followed
 *   by its planned reply's tokens: a next turn that sends the reply back finds it cached too. A
 *   request refused before generating (a 500, 429 or hang fault, a 400) stores nothing.
 * - One cache serves every request (no per-model or per-user split, no eviction by time); when it
 *   holds `maxBlocks` blocks it is emptied at once, so hits stay predictable.
 *
 * Lookups happen at arrival, in arrival order, so with one request at a time the hits depend only
 * on the prompts; concurrent requests see each other's blocks as soon as they arrive.
 *
 * @module
 */
import type { ChatMessage, Tokenizer } from "../tokenizer/mod.ts";

/** Pseudo-ids of the chat framing in {@linkcode promptSequence} (negative: never a real id). */
const START = -1;
const END = -2;
const NEWLINE = -3;
const ROLE_BASE = -16;

/** Blocks held before the cache empties itself. */
export const PREFIX_CACHE_MAX_BLOCKS = 1 << 20;

/** A chain-of-blocks prefix cache (see the module doc). */
export class PrefixCache {
  readonly blockSize: number;
  readonly #maxBlocks: number;
  /** `parentId:ids` → block id. */
  readonly #blocks = new Map<string, number>();

  constructor(blockSize: number, options: { maxBlocks?: number } = {}) {
    this.blockSize = blockSize;
    this.#maxBlocks = options.maxBlocks ?? PREFIX_CACHE_MAX_BLOCKS;
  }

  /** Blocks held now. */
  get size(): number {
    return this.#blocks.size;
  }

  /** Tokens of `ids` found cached: whole leading blocks within the first `ids.length − 1`. */
  lookup(ids: ArrayLike<number>): number {
    const b = this.blockSize;
    const limit = Math.floor(Math.max(0, ids.length - 1) / b);
    let parent = 0;
    let hits = 0;
    for (; hits < limit; hits++) {
      const id = this.#blocks.get(blockKey(parent, ids, hits * b, b));
      if (id === undefined) break;
      parent = id;
    }
    return hits * b;
  }

  /** Stores every full block of `ids`. */
  insert(ids: ArrayLike<number>): void {
    const b = this.blockSize;
    const full = Math.floor(ids.length / b);
    if (this.#blocks.size + full > this.#maxBlocks) this.#blocks.clear();
    let parent = 0;
    for (let i = 0; i < full; i++) {
      const key = blockKey(parent, ids, i * b, b);
      let id = this.#blocks.get(key);
      if (id === undefined) {
        id = this.#blocks.size + 1;
        this.#blocks.set(key, id);
      }
      parent = id;
    }
  }
}

function blockKey(parent: number, ids: ArrayLike<number>, from: number, n: number): string {
  let key = `${parent}:`;
  for (let i = from; i < from + n; i++) key += `${ids[i]},`;
  return key;
}

/** What {@linkcode promptSequence} needs to know of a request. */
export interface SequenceRequest {
  /** `completions` sends a prompt; any other endpoint (chat, responses) sends messages. */
  endpoint: string;
  messages: readonly ChatMessage[];
  promptText: string;
  promptIds: number[] | null;
  enableThinking: boolean | null;
}

/**
 * The token ids the cache sees for a prompt: a completions prompt's ids; a chat request rendered
 * through the tokenizer's chat template when it has one, else framed by the simulator's ChatML
 * count rule (per message: start, role, newline, the content's ids, end, newline; then start,
 * `assistant`, newline), which has exactly as many tokens as `chatPromptTokens` counts.
 */
export function promptSequence(
  req: SequenceRequest,
  encode: (text: string) => readonly number[],
  tokenizer: Pick<Tokenizer, "applyChatTemplate">,
): number[] {
  if (req.promptIds !== null) return req.promptIds;
  if (req.endpoint === "completions") return [...encode(req.promptText)];
  if (tokenizer.applyChatTemplate) {
    const opts = req.enableThinking === null ? {} : { enableThinking: req.enableThinking };
    try {
      const text = tokenizer.applyChatTemplate([...req.messages], {
        addGenerationPrompt: true,
        ...opts,
      });
      return [...encode(text)];
    } catch { /* a template that rejects these messages: the count rule below */ }
  }
  const out: number[] = [];
  for (const m of req.messages) {
    out.push(START, roleId(m.role), NEWLINE);
    for (const id of encode(m.content)) out.push(id);
    out.push(END, NEWLINE);
  }
  out.push(START, roleId("assistant"), NEWLINE);
  return out;
}

function roleId(role: string): number {
  let h = 0;
  for (let i = 0; i < role.length; i++) h = (h * 31 + role.charCodeAt(i)) % 1_000_003;
  return ROLE_BASE - h;
}

/** Encodes texts through a bounded memo (a conversation re-sends the same messages each turn). */
export function memoEncoder(
  tokenizer: Pick<Tokenizer, "encode">,
  limit = 2048,
): (text: string) => readonly number[] {
  const memo = new Map<string, readonly number[]>();
  return (text) => {
    let ids = memo.get(text);
    if (ids === undefined) {
      ids = tokenizer.encode(text);
      if (memo.size >= limit) memo.clear();
      memo.set(text, ids);
    }
    return ids;
  };
}
