/**
 * Seeded filler text ("lorem ipsum"), tokenized once so responses of any length cost no
 * tokenization at request time.
 *
 * @module
 */
import { type Tokenizer, type TokenPieces, tokenPieces } from "../tokenizer/mod.ts";
import { mulberry32 } from "../util/random.ts";

const WORDS = (
  "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut " +
  "labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris " +
  "nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate velit esse " +
  "cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui " +
  "officia deserunt mollit anim id est laborum"
).split(" ");

/** Words in the pool text; the pool holds somewhat more tokens than this. */
export const FILLER_POOL_WORDS = 2048;

/** A ring of filler tokens, one whole-character piece per token. */
export class FillerPool {
  readonly texts: readonly string[];

  private constructor(texts: string[]) {
    this.texts = texts;
  }

  /**
   * Tokenizes seeded filler text with `tokenizer`. Only words that are one token (with their
   * leading space, in lower and title case) are used, so any run of pool tokens is whole words
   * and encodes back to the same number of tokens.
   */
  static build(tokenizer: Tokenizer, seed: number): FillerPool {
    const random = mulberry32(seed ^ 0x5eed);
    const single = WORDS.filter((w) =>
      tokenizer.count(` ${w}`) === 1 && tokenizer.count(` ${capitalize(w)}`) === 1
    );
    const vocabulary = single.length >= 8 ? single : WORDS;
    const words: string[] = [];
    let sentence = 0;
    for (let i = 0; i < FILLER_POOL_WORDS; i++) {
      let word = vocabulary[Math.floor(random() * vocabulary.length)];
      if (sentence === 0) word = capitalize(word);
      sentence++;
      if (sentence > 6 && random() < 0.2) {
        word += ".";
        sentence = 0;
      }
      words.push(word);
    }
    const text = " " + words.join(" ");
    const pieces = tokenPieces(tokenizer, tokenizer.encode(text));
    const texts = pieces.texts.filter((_, i) => pieces.tokens[i] === 1);
    return new FillerPool(texts);
  }

  /** `count` tokens of filler starting at position `start` of the ring (wrapping around). */
  take(count: number, start: number): TokenPieces {
    const n = this.texts.length;
    const texts = new Array<string>(count);
    let at = ((start % n) + n) % n;
    for (let i = 0; i < count; i++) {
      texts[i] = this.texts[at];
      at = at + 1 === n ? 0 : at + 1;
    }
    return { texts, tokens: new Array<number>(count).fill(1) };
  }
}

function capitalize(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}
