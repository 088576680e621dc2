/**
 * Loading a tokenizer by spec, cached per spec for the life of the process.
 *
 * @module
 */
import { resolve } from "node:path";
import { UserError } from "../errors.ts";
import { loadO200kTokenizer } from "./tiktoken.ts";
import type { Tokenizer } from "./types.ts";

/** The spec that means the default tokenizer (`o200k_base`, equal to gpt-oss). */
export const DEFAULT_TOKENIZER = "o200k_base";

const cache = new Map<string, Promise<Tokenizer>>();

/**
 * Loads a tokenizer: undefined, `"o200k"` or `"o200k_base"` give `o200k_base` (js-tiktoken's ids);
 * a path ending in `.gguf` is a llama.cpp model file whose tokenizer metadata is read; anything
 * else must be a local directory holding a Hugging Face `tokenizer.json`.
 * Hub ids are not downloaded. Repeated calls with the same spec return the same instance.
 */
export function loadTokenizer(spec?: string): Promise<Tokenizer> {
  const key = spec === undefined || spec === "o200k" || spec === DEFAULT_TOKENIZER
    ? DEFAULT_TOKENIZER
    : resolve(spec);
  let loading = cache.get(key);
  if (loading === undefined) {
    loading = key === DEFAULT_TOKENIZER ? loadO200kTokenizer() : loadFromDirectory(spec ?? "", key);
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return loading;
}

async function loadFromDirectory(spec: string, dir: string): Promise<Tokenizer> {
  let isDirectory = false;
  let isFile = false;
  try {
    const st = await Deno.stat(dir);
    isDirectory = st.isDirectory;
    isFile = st.isFile;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (isFile && dir.toLowerCase().endsWith(".gguf")) {
    const { readGgufMetadata, ggufToTokenizerJson } = await import("./gguf.ts");
    const meta = await readGgufMetadata(
      dir,
      (k) => k.startsWith("tokenizer.") || k === "general.architecture",
    );
    const g = ggufToTokenizerJson(meta, dir);
    const { hfTokenizerFrom } = await import("./hf_tokenizer.ts");
    return hfTokenizerFrom(g.tokenizerJson, g.config, { name: dir, bosTokens: g.bosTokens });
  }
  if (!isDirectory) {
    throw new UserError(
      `Cannot load tokenizer '${spec}': no such directory; lmeter cannot download tokenizers here` +
        " — download the model's tokenizer.json and pass its directory",
      "Or leave the tokenizer unset (or use 'o200k_base') for the built-in OpenAI tokenizer.",
    );
  }
  const { loadHfTokenizer } = await import("./hf_tokenizer.ts");
  return await loadHfTokenizer(dir);
}
