/**
 * Tokenizers: the default `o200k_base` (js-tiktoken's rank list and ids, lmeter's own BPE table)
 * or a local Hugging Face `tokenizer.json`, with chat templates, chat prompt counting and
 * stream-safe token pieces.
 *
 * @module
 */
export type { ChatMessage, ChatTemplateOptions, Tokenizer } from "./types.ts";
export { DEFAULT_TOKENIZER, loadTokenizer } from "./load_tokenizer.ts";
export { bundledTokenizerDir } from "./bundled.ts";
export {
  CHAT_REPLY_PRIMER_TOKENS,
  CHAT_TOKENS_PER_MESSAGE,
  chatPromptTokens,
  templatePromptTokens,
} from "./chat_prompt.ts";
export { MAX_TOKENS_PER_PIECE, tokenPieces } from "./token_pieces.ts";
export type { TokenPieces } from "./token_pieces.ts";
