/**
 * Text of an exact token length from a seeded position, for datasets described by token counts
 * (agentic traces, Mooncake traces): runs of the tokenizer's whole-word tokens (see `WordVocab`),
 * exact by construction; EvalScope's decode → re-encode method for tokenizers without enough such
 * words.
 *
 * @module
 */
import type { Tokenizer } from "../lib/tokenizer/mod.ts";
import { exactText, UsableVocab, WordVocab } from "./random.ts";

/** Makes texts of exact token lengths with one tokenizer. */
export class TextSynth {
  readonly #tok: Tokenizer;
  readonly #words: WordVocab | null;
  readonly #vocab: UsableVocab;

  constructor(tokenizer: Tokenizer) {
    this.#tok = tokenizer;
    this.#words = WordVocab.of(tokenizer);
    this.#vocab = new UsableVocab(tokenizer, 0);
  }

  /** Whether texts are runs of whole words (exact, and concatenations stay exact). */
  get exact(): boolean {
    return this.#words !== null;
  }

  /** A text of `n` tokens (at least 1) starting at vocabulary position `start`. */
  text(n: number, start: number): string {
    const target = Math.max(1, Math.floor(n));
    if (this.#words) return this.#words.take(start, target).text;
    this.#vocab.seek(start);
    return exactText(this.#vocab, this.#tok, { prefix: "", prefixTokens: 0, target }).text;
  }
}
