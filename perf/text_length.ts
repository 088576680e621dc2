/**
 * Fits real-text prompts to `target_input_len` tokens (`--dataset-args`), with the run's
 * tokenizer. Lengths are bare content tokens, summed over a request's messages, without
 * chat-template overhead (EvalScope's convention).
 *
 * - A prompt longer than N tokens keeps its first N tokens. The cut is decoded and counted
 *   again (a cut inside a character is dropped, and re-encoding may merge tokens), and the
 *   cut moves until the text counts N tokens — or the largest count below N when no cut does.
 * - `drop` discards prompts shorter than N; `cap` keeps them.
 * - With a prefix, the padding is the head of the prefix file's tokens (the file repeated when
 *   it is too short), cut the same way so the request counts exactly N tokens: as a system
 *   message (`system`), or prepended to the prompt with a blank line between (`user`, and
 *   for plain completions prompts, which have no messages).
 * - Conversations (ShareGPT) are never cut in the middle: without a prefix the last user
 *   turn is truncated; with one, conversations over N tokens are skipped and shorter ones
 *   are padded (a `user` prefix goes into the first user message).
 *
 * @module
 */
import { UserError } from "../lib/errors.ts";
import { templatePromptTokens, type Tokenizer } from "../lib/tokenizer/mod.ts";
import { withinLength } from "./length_filter.ts";
import type {
  DatasetContext,
  DatasetItem,
  DatasetMessage,
  TextLength,
} from "../lib/load/dataset.ts";

/** Placed between a `user` prefix and the prompt. */
export const PREFIX_SEPARATOR = "\n\n";

const MAX_ROUNDS = 24;
const CACHE_LIMIT = 64;

/**
 * Searches `k` in `[0, max]` for `measure(k) === target`, starting at `start` and stepping by
 * the difference; `measure` must not decrease as `k` grows. When no `k` hits the target, the
 * largest result below it wins (the smallest above it when none is below).
 */
export function searchLength(
  target: number,
  opts: { start: number; max: number; measure: (k: number) => number },
): { k: number; n: number } {
  let lo = -1; // largest k known to measure below the target
  let loN = 0;
  let hi = opts.max + 1; // smallest k known to measure above it
  let hiN = Infinity;
  let k = Math.min(Math.max(0, opts.start), opts.max);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const n = opts.measure(k);
    if (n === target) return { k, n };
    if (n < target) [lo, loN] = [k, n];
    else [hi, hiN] = [k, n];
    let next = k + target - n;
    if (next <= lo || next >= hi) next = Math.floor((lo + hi) / 2);
    if (next <= lo || next >= hi) break;
    k = next;
  }
  return lo >= 0 ? { k: lo, n: loN } : { k: hi, n: hiN };
}

/** The text of the first `k` of `ids`, without a trailing partial character. */
export function headText(tokenizer: Tokenizer, ids: readonly number[], k: number): string {
  if (k <= 0) return "";
  let text = tokenizer.decode(ids.slice(0, k));
  while (text.endsWith("\uFFFD")) text = text.slice(0, -1);
  return text;
}

/** `text` cut to at most `target` tokens (exactly, unless no cut counts `target`). */
export function truncateToTokens(
  tokenizer: Tokenizer,
  text: string,
  target: number,
): { text: string; tokens: number } {
  const ids = tokenizer.encode(text);
  if (ids.length <= target) return { text, tokens: ids.length };
  const { k, n } = searchLength(target, {
    start: target,
    max: ids.length,
    measure: (k) => tokenizer.count(headText(tokenizer, ids, k)),
  });
  return { text: headText(tokenizer, ids, k), tokens: n };
}

/** Fits prompts and conversations to a {@linkcode TextLength}; one per dataset pass. */
export class LengthFitter {
  readonly #tok: Tokenizer;
  readonly #spec: TextLength;
  readonly #chat: boolean;
  readonly #prefixIds: number[];
  #pool: number[] = [];
  readonly #cache = new Map<number, { text: string; tokens: number }>();

  /** `chat`: requests carry messages (a `system` prefix can be its own message). */
  constructor(tokenizer: Tokenizer, spec: TextLength, opts: { chat: boolean }) {
    this.#tok = tokenizer;
    this.#spec = spec;
    this.#chat = opts.chat;
    this.#prefixIds = spec.prefix ? tokenizer.encode(spec.prefix.text) : [];
  }

  /** A plain prompt fitted to the target; undefined when `drop` discards it. */
  prompt(text: string): DatasetItem | undefined {
    const target = this.#spec.targetInputLen;
    const cut = truncateToTokens(this.#tok, text, target);
    if (cut.text === text && cut.tokens < target && this.#spec.mode === "drop") return undefined;
    const prefix = this.#spec.prefix;
    if (!prefix || cut.tokens >= target || this.#prefixIds.length === 0) {
      return this.#item({ prompt: cut.text }, cut.tokens);
    }
    if (prefix.role === "system" && this.#chat) {
      const sys = this.#prefixOf(target - cut.tokens);
      const messages = [{ role: "system", content: sys.text }, { role: "user", content: cut.text }];
      return this.#item({ messages }, sys.tokens + cut.tokens);
    }
    const joined = this.#prepend(cut.text, { tokens: cut.tokens, rest: 0 });
    return this.#item({ prompt: joined.text }, joined.tokens);
  }

  /** A conversation fitted to the target; undefined when it is skipped. */
  conversation(messages: DatasetMessage[]): DatasetItem | undefined {
    if (!this.#chat) return this.prompt(messages.map((m) => String(m.content)).join("\n"));
    const target = this.#spec.targetInputLen;
    const msgs = messages.map((m) => ({ role: m.role, content: String(m.content) }));
    const counts = msgs.map((m) => this.#tok.count(m.content));
    if (!this.#spec.prefix || this.#prefixIds.length === 0) {
      const last = msgs.length - 1;
      const cut = truncateToTokens(this.#tok, msgs[last].content, target);
      msgs[last] = { ...msgs[last], content: cut.text };
      counts[last] = cut.tokens;
      return this.#item({ messages: msgs }, sum(counts));
    }
    const total = sum(counts);
    if (total > target) return undefined;
    if (total === target) return this.#item({ messages: msgs }, total);
    if (this.#spec.prefix.role === "system") {
      const sys = this.#prefixOf(target - total);
      return this.#item({
        messages: [{ role: "system", content: sys.text }, ...msgs],
      }, sys.tokens + total);
    }
    const i = Math.max(0, msgs.findIndex((m) => m.role === "user"));
    const joined = this.#prepend(msgs[i].content, { tokens: counts[i], rest: total - counts[i] });
    msgs[i] = { ...msgs[i], content: joined.text };
    return this.#item({ messages: msgs }, joined.tokens);
  }

  /** Prefix text of exactly `budget` tokens (cached by budget). */
  #prefixOf(budget: number): { text: string; tokens: number } {
    const hit = this.#cache.get(budget);
    if (hit) return hit;
    const pool = this.#poolOf(budget);
    const found = searchLength(budget, {
      start: budget,
      max: pool.length,
      measure: (k) => this.#tok.count(headText(this.#tok, pool, k)),
    });
    const out = { text: headText(this.#tok, pool, found.k), tokens: found.n };
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(budget, out);
    return out;
  }

  /** `prefix + separator + text` counting the target (with `rest` tokens elsewhere). */
  #prepend(text: string, o: { tokens: number; rest: number }): { text: string; tokens: number } {
    const target = this.#spec.targetInputLen;
    const budget = target - o.tokens - o.rest;
    const sepTokens = this.#tok.count(PREFIX_SEPARATOR);
    const sep = budget > sepTokens ? PREFIX_SEPARATOR : "";
    const pool = this.#poolOf(budget);
    const render = (k: number) => (k === 0 ? text : headText(this.#tok, pool, k) + sep + text);
    const found = searchLength(target, {
      start: budget - (sep ? sepTokens : 0),
      max: pool.length,
      measure: (k) => (k === 0 ? o.tokens : this.#tok.count(render(k))) + o.rest,
    });
    return { text: render(found.k), tokens: found.n };
  }

  /** The prefix ids, repeated until there are comfortably more than `budget`. */
  #poolOf(budget: number): number[] {
    const want = budget + 64 + Math.ceil(budget / 8);
    while (this.#pool.length < want) this.#pool = this.#pool.concat(this.#prefixIds);
    return this.#pool;
  }

  /** The item, with the prompt tokens the server should count (content + template). */
  #item(item: DatasetItem, contentTokens: number): DatasetItem {
    if (!this.#chat) return { ...item, targetPromptTokens: contentTokens };
    const shape = (item.messages ?? [{ role: "user", content: "" }]).map((m) => ({
      role: m.role,
      content: "",
    }));
    const overhead = templatePromptTokens(this.#tok, shape);
    return { ...item, targetPromptTokens: contentTokens + overhead };
  }
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** The fitter for one pass over a dataset; undefined without `target_input_len`. */
export function fitterFor(ctx: DatasetContext): LengthFitter | undefined {
  return ctx.textLength
    ? new LengthFitter(ctx.tokenizer, ctx.textLength, { chat: ctx.chat })
    : undefined;
}

/** A plain-text prompt by the run's length policy: fitted, or filtered by min/max length. */
export function textItem(
  text: string,
  ctx: DatasetContext,
  fitter: LengthFitter | undefined,
): DatasetItem | undefined {
  if (fitter) return fitter.prompt(text);
  return withinLength(text, ctx) ? { prompt: text } : undefined;
}

/** Length control applies to plain text only: message lists and bodies are refused. */
export function refuseStructured(dataset: string, line: string): never {
  throw new UserError(
    `Cannot apply target_input_len to --dataset ${dataset}: a line holds a message list or a request body, and length control fits plain-text prompts only`,
    `Line: ${
      line.length > 80 ? `${line.slice(0, 80)}…` : line
    }. Remove --dataset-args, or use a file of plain-text prompts.`,
  );
}
