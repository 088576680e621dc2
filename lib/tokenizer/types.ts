/**
 * The tokenizer contract every part of lmeter uses to count, split and render tokens.
 *
 * @module
 */

/** One chat message as a tokenizer sees it: text content only. */
export interface ChatMessage {
  role: string;
  content: string;
}

/** Options of {@linkcode Tokenizer.applyChatTemplate}. */
export interface ChatTemplateOptions {
  /** Append the opening of the assistant's turn (default true). */
  addGenerationPrompt?: boolean;
  /** Passed to the template as `enable_thinking` when set (Qwen3 and similar). */
  enableThinking?: boolean;
}

/** A loaded tokenizer. `encode` recognises special-token strings in the text as special tokens. */
export interface Tokenizer {
  /** `o200k_base`, or the absolute directory a `tokenizer.json` was loaded from. */
  name: string;
  /** Token ids of `text`, with no BOS/EOS added. */
  encode(text: string): number[];
  /** Text of `ids`, special tokens included. */
  decode(ids: number[]): string;
  /** Number of tokens of `text` (same as `encode(text).length`). */
  count(text: string): number;
  /** Tokens a server puts in front of a raw (completions) prompt, such as BOS, when known. */
  bosTokens?: number;
  /** One more than the largest id, special tokens included. */
  vocabSize: number;
  /** True for control tokens such as `<|endoftext|>` or `<|im_start|>`. */
  isSpecial(id: number): boolean;
  /** Renders `messages` with the model's chat template; absent when the tokenizer has none. */
  applyChatTemplate?(messages: ChatMessage[], opts?: ChatTemplateOptions): string;
}
