/**
 * `random`: synthetic prompts of an exact token length, behind an optional shared random prefix
 * (`--prefix-length`). Each prompt is a run of consecutive vocabulary entries from a random start
 * (shifted by the sweep's offset, so runs of a sweep do not hit the prefix cache).
 *
 * lmeter draws from the tokenizer's **whole-word tokens** (a space and lower-case letters, such as
 * " river") that re-encode to themselves: a run of them is exactly as many tokens as words, so a
 * prompt needs no re-encoding and costs microseconds, where EvalScope's decode → re-encode loop
 * over arbitrary ids costs a full tokenisation per round (over 100 ms per 1k tokens with
 * js-tiktoken). Plain words also keep their length on the server's own tokenizer, where
 * arbitrary ids re-tokenise to several times as many tokens. The first prompts of each run are
 * checked with a full count; a tokenizer with too few such words (or one whose words do not add
 * up) falls back to EvalScope's method: usable ids (not special, whole characters), decoded and
 * re-encoded, ids added or dropped for up to 10 rounds until the length is right. For chat
 * endpoints the chat template's own tokens are taken off the drawn length.
 *
 * @module
 */
import { uniformInt } from "../lib/util/random.ts";
import { templatePromptTokens, type Tokenizer } from "../lib/tokenizer/mod.ts";
import type {
  DatasetContext,
  DatasetItem,
  PerfDataset,
  ServerTokenizer,
} from "../lib/load/dataset.ts";

const MAX_ROUNDS = 10;

/** Which ids make readable prompts: not special, and whole characters when decoded alone. */
export class UsableVocab {
  readonly #tok: Tokenizer;
  readonly #state: Uint8Array; // 0 unknown, 1 usable, 2 not
  #cursor: number;

  constructor(tokenizer: Tokenizer, start: number) {
    this.#tok = tokenizer;
    this.#state = new Uint8Array(tokenizer.vocabSize);
    this.#cursor = ((start % tokenizer.vocabSize) + tokenizer.vocabSize) % tokenizer.vocabSize;
  }

  /** Moves the cursor to `start` (mod the vocabulary size). */
  seek(start: number): void {
    const v = this.#tok.vocabSize;
    this.#cursor = ((start % v) + v) % v;
  }

  /** The next `n` usable ids after the cursor, wrapping around the vocabulary. */
  take(n: number): number[] {
    const out: number[] = [];
    const v = this.#tok.vocabSize;
    let scanned = 0;
    while (out.length < n) {
      const id = this.#cursor;
      this.#cursor = (this.#cursor + 1) % v;
      if (this.#usable(id)) out.push(id);
      if (++scanned > v * 2 && out.length === 0) {
        throw new Error("the vocabulary has no usable ids");
      }
    }
    return out;
  }

  #usable(id: number): boolean {
    const s = this.#state[id];
    if (s !== 0) return s === 1;
    let ok = false;
    try {
      if (!this.#tok.isSpecial(id)) {
        const text = this.#tok.decode([id]);
        ok = text.length > 0 && !text.includes("\uFFFD") && !/^<0x[0-9A-Fa-f]{2}>$/.test(text) &&
          text.trim().length > 0;
      }
    } catch {
      ok = false;
    }
    this.#state[id] = ok ? 1 : 2;
    return ok;
  }
}

/** Fewer whole-word tokens than this and the slower, general method is used. */
const MIN_WORDS = 2000;
const WORD = /^ [a-z]{2,16}$/;

/** The tokenizer's whole-word tokens (" word") that encode back to themselves, in id order. */
export class WordVocab {
  readonly ids: Int32Array;
  readonly texts: string[];

  private constructor(ids: number[], texts: string[]) {
    this.ids = Int32Array.from(ids);
    this.texts = texts;
  }

  static #cache = new WeakMap<Tokenizer, WordVocab | null>();

  /** The word vocabulary of `tok` (built once per tokenizer), or null when it is too small. */
  static of(tok: Tokenizer): WordVocab | null {
    if (WordVocab.#cache.has(tok)) return WordVocab.#cache.get(tok)!;
    const ids: number[] = [];
    const texts: string[] = [];
    for (let id = 0; id < tok.vocabSize; id++) {
      let text: string;
      try {
        if (tok.isSpecial(id)) continue;
        text = tok.decode([id]);
      } catch {
        continue;
      }
      if (!WORD.test(text)) continue;
      const back = tok.encode(text);
      if (back.length === 1 && back[0] === id) {
        ids.push(id);
        texts.push(text);
      }
    }
    const vocab = ids.length >= MIN_WORDS ? new WordVocab(ids, texts) : null;
    WordVocab.#cache.set(tok, vocab);
    return vocab;
  }

  /** `n` consecutive words from position `start` (wrapping): their ids and their text. */
  take(start: number, n: number): { ids: number[]; text: string } {
    const len = this.ids.length;
    let at = ((Math.floor(start) % len) + len) % len;
    const ids = new Array<number>(n);
    const parts = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      ids[i] = this.ids[at];
      parts[i] = this.texts[at];
      if (++at === len) at = 0;
    }
    return { ids, text: parts.join("") };
  }
}

/** A text of exactly `target` tokens after `prefix` (as exact as 10 rounds allow). */
export function exactText(
  vocab: UsableVocab,
  tokenizer: Tokenizer,
  opts: { prefix: string; prefixTokens: number; target: number },
): { text: string; tokens: number } {
  const total = opts.prefixTokens + opts.target;
  let ids = vocab.take(Math.max(1, opts.target));
  let text = opts.prefix + tokenizer.decode(ids);
  let n = tokenizer.count(text);
  for (let round = 0; round < MAX_ROUNDS && n !== total; round++) {
    const diff = total - n;
    if (diff > 0) ids = ids.concat(vocab.take(diff));
    else ids = ids.slice(0, Math.max(1, ids.length + diff));
    text = opts.prefix + tokenizer.decode(ids);
    n = tokenizer.count(text);
  }
  return { text, tokens: n };
}

/** How many prompts of a run are checked with a full count before the word method is trusted. */
const CHECKED_PROMPTS = 2;

/** The `random` dataset. */
export const random: PerfDataset = {
  name: "random",
  summary: "Synthetic prompts of exact token lengths in [--min-prompt-length, --max-prompt-length]",
  async *items(ctx: DatasetContext) {
    const tok = ctx.tokenizer;
    let words = WordVocab.of(tok);
    const vocab = new UsableVocab(tok, 0);
    const draw = (n: number) => Math.floor(ctx.rng() * n);
    // The shared prefix is drawn first, so it is the same for every run of a seeded sweep.
    let prefix = "";
    let prefixIds: number[] = [];
    let prefixTokens = 0;
    if (ctx.prefixLength > 0) {
      if (words) {
        const p = words.take(draw(words.ids.length), ctx.prefixLength);
        prefix = p.text;
        prefixIds = p.ids;
        prefixTokens = p.ids.length;
      } else {
        vocab.seek(draw(tok.vocabSize));
        const p = exactText(vocab, tok, { prefix: "", prefixTokens: 0, target: ctx.prefixLength });
        prefix = p.text;
        prefixTokens = p.tokens;
      }
    }
    // What the server adds around the prompt: the chat template's tokens, or a raw prompt's BOS
    // (asked of the server itself with --tokenizer-path server).
    const server = ctx.tokenizePrompt ? undefined : ctx.serverTokenizer;
    const overhead = ctx.tokenizePrompt
      ? 0
      : ctx.chat
      ? templatePromptTokens(tok, [{ role: "user", content: "" }])
      : server
      ? await server.specialPrefix()
      : tok.bosTokens ?? 0;
    const lo = Math.max(1, ctx.minPromptLength - overhead);
    const hi = Math.max(lo, ctx.maxPromptLength - overhead);
    for (let i = 0;; i++) {
      const target = uniformInt(ctx.rng, lo, hi);
      const intended = prefixTokens + target + overhead;
      const start = ctx.rng();
      let item: DatasetItem | null = null;
      if (words) {
        const w = words.take(Math.floor(start * words.ids.length) + ctx.offset, target);
        const text = prefix + w.text;
        if (i < CHECKED_PROMPTS && tok.count(text) !== prefixTokens + target) {
          words = null; // this tokenizer's words do not add up: use the general method
        } else {
          item = ctx.tokenizePrompt
            ? { promptIds: [...prefixIds, ...w.ids], targetPromptTokens: intended }
            : { prompt: text, targetPromptTokens: intended };
        }
      }
      if (item !== null && server && "prompt" in item && typeof item.prompt === "string") {
        // The server's tokenizer has the last word: cut or extend the text until it counts exactly.
        const more = (n: number) =>
          words ? words.take(draw(words.ids.length), n).text : " the".repeat(n);
        item.prompt = await sizeOnServer(server, item.prompt, {
          target: prefixTokens + target,
          more,
        });
      }
      if (item === null) {
        vocab.seek(Math.floor(start * tok.vocabSize) + ctx.offset);
        const { text } = exactText(vocab, tok, { prefix, prefixTokens, target });
        item = ctx.tokenizePrompt
          ? { promptIds: tok.encode(text), targetPromptTokens: intended }
          : { prompt: text, targetPromptTokens: intended };
        // The general method is CPU work on the I/O thread: yield to the event loop often.
        await new Promise((r) => setTimeout(r, 0));
      } else if (i % 64 === 63) {
        await new Promise((r) => setTimeout(r, 0));
      }
      yield item;
    }
  },
};

/** `text` cut or extended until the server counts exactly `target` tokens in it (8 rounds at most;
 * the closest text when a boundary never lands exactly). */
async function sizeOnServer(
  server: ServerTokenizer,
  text: string,
  options: { target: number; more: (n: number) => string },
): Promise<string> {
  const { target } = options;
  for (let round = 0; round < 8; round++) {
    const ids = await server.tokenize(text);
    if (ids.length === target) return text;
    text = ids.length > target
      ? await server.detokenize(ids.slice(0, target))
      : text + options.more(target - ids.length);
  }
  return text;
}

/**
 * Texts of an exact token count (bare content tokens, no special tokens) for the datasets that
 * need plain random text (embeddings, rerank): runs of the tokenizer's whole words from a random
 * start, or, for a tokenizer whose words do not add up, EvalScope's decode and re-encode method.
 * Starts are shifted by the sweep's `offset`, as the `random` dataset's are.
 */
export class RandomText {
  readonly #tok: Tokenizer;
  readonly #rng: () => number;
  readonly #offset: number;
  readonly #vocab: UsableVocab;
  #words: WordVocab | null;
  #checked = 0;

  constructor(ctx: Pick<DatasetContext, "tokenizer" | "rng" | "offset">) {
    this.#tok = ctx.tokenizer;
    this.#rng = ctx.rng;
    this.#offset = ctx.offset;
    this.#words = WordVocab.of(ctx.tokenizer);
    this.#vocab = new UsableVocab(ctx.tokenizer, 0);
  }

  /** A text of `target` tokens (as exact as 10 rounds allow on the general method). */
  text(target: number): string {
    const start = this.#rng();
    if (this.#words) {
      const w = this.#words.take(Math.floor(start * this.#words.ids.length) + this.#offset, target);
      if (this.#checked >= CHECKED_PROMPTS) return w.text;
      this.#checked++;
      if (this.#tok.count(w.text) === target) return w.text;
      this.#words = null; // this tokenizer's words do not add up: use the general method
    }
    this.#vocab.seek(Math.floor(start * this.#tok.vocabSize) + this.#offset);
    return exactText(this.#vocab, this.#tok, { prefix: "", prefixTokens: 0, target }).text;
  }
}
