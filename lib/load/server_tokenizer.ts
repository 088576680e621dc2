/**
 * `--tokenizer-path server`: the target's own tokenizer through `POST /tokenize` and
 * `POST /detokenize` at the server's root (llama.cpp's `llama-server` and vLLM both serve them;
 * the body carries both servers' field names).
 *
 * @module
 */
import { UserError } from "../errors.ts";
import { HttpClient } from "../client/http_client.ts";
import type { ServerTokenizer } from "./dataset.ts";

/** A {@linkcode ServerTokenizer} for the server behind `url` (any endpoint URL of it). */
export function serverTokenizer(
  url: string,
  options: { model: string; apiKey?: string; headers?: Record<string, string> },
): ServerTokenizer & { close(): void } {
  const origin = new URL(url).origin;
  const client = new HttpClient({ apiKey: options.apiKey, headers: options.headers });
  const call = async (
    path: string,
    body: Record<string, unknown>,
  ): Promise<Record<string, unknown>> => {
    const r = await client.postJson(`${origin}${path}`, { model: options.model, ...body });
    const b = r.body as Record<string, unknown> | null;
    if (r.status !== 200 || typeof b !== "object" || b === null) {
      throw new UserError(
        `Cannot use the server's tokenizer: POST ${origin}${path} answered HTTP ${r.status}`,
        "--tokenizer-path server needs a server with POST /tokenize and /detokenize (llama.cpp's " +
          "llama-server, vLLM); pass the model's tokenizer folder or .gguf file instead.",
      );
    }
    return b;
  };
  const tokenize = async (text: string, special: boolean): Promise<number[]> => {
    const b = await call("/tokenize", {
      content: text,
      prompt: text,
      add_special: special,
      add_special_tokens: special,
    });
    const tokens = b.tokens;
    if (!Array.isArray(tokens)) {
      throw new UserError(`Cannot use the server's tokenizer: /tokenize gave no tokens`);
    }
    return tokens.map((t) => (typeof t === "number" ? t : (t as { id: number }).id));
  };
  const detokenize = async (ids: number[]): Promise<string> => {
    const b = await call("/detokenize", { tokens: ids });
    const text = b.content ?? b.prompt;
    if (typeof text !== "string") {
      throw new UserError(`Cannot use the server's tokenizer: /detokenize gave no text`);
    }
    return text;
  };
  // SentencePiece servers (llama.cpp) return the space they prefix to a text: "a" comes back as
  // " a". Asked once; that space is then dropped, so detokenize ∘ tokenize keeps a text.
  let prefixSpace: Promise<boolean> | undefined;
  let prefix: Promise<number> | undefined;
  return {
    tokenize: (text) => tokenize(text, false),
    async detokenize(ids) {
      prefixSpace ??= tokenize("a", false).then(detokenize).then((t) => t === " a");
      const text = await detokenize(ids);
      return (await prefixSpace) && text.startsWith(" ") ? text.slice(1) : text;
    },
    specialPrefix() {
      prefix ??= tokenize("", true).then((ids) => ids.length);
      return prefix;
    },
    close: () => client.close(),
  };
}
