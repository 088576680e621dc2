/**
 * Tokenizers read from a local Hugging Face `tokenizer.json` (+ optional `tokenizer_config.json`
 * whose `chat_template` is rendered with `@huggingface/jinja`).
 *
 * @module
 */
import { Tokenizer as HfTokenizer } from "@huggingface/tokenizers";
import { Template } from "@huggingface/jinja";
import { UserError } from "../errors.ts";
import type { ChatMessage, ChatTemplateOptions, Tokenizer } from "./types.ts";
import { isRecord } from "../util/is_record.ts";

type Json = Record<string, unknown>;

/** Loads `dir/tokenizer.json` and, when present, `dir/tokenizer_config.json`. `dir` must exist. */
export async function loadHfTokenizer(dir: string): Promise<Tokenizer> {
  const tokenizerJson = await readJson(`${dir}/tokenizer.json`, dir);
  if (tokenizerJson === null) {
    throw new UserError(
      `Cannot load tokenizer '${dir}': the directory has no tokenizer.json`,
      "Pass the directory that holds the model's tokenizer.json (and tokenizer_config.json).",
    );
  }
  const config = (await readJson(`${dir}/tokenizer_config.json`, dir)) ?? {};
  return hfTokenizerFrom(tokenizerJson, config, { name: dir });
}

/** A tokenizer from a `tokenizer.json` object and its config (a GGUF file's are built, not read). */
export function hfTokenizerFrom(
  tokenizerJson: Json,
  config: Json,
  options: { name: string; bosTokens?: number },
): Tokenizer {
  const hf = new HfTokenizer(tokenizerJson, config);
  const specialIds = new Set<number>();
  for (const [id, token] of hf.get_added_tokens_decoder()) {
    if (token.special) specialIds.add(id);
  }
  let vocabSize = 0;
  for (const id of hf.get_vocab(true).values()) vocabSize = Math.max(vocabSize, id + 1);
  const encode = (text: string): number[] => hf.encode(text, { add_special_tokens: false }).ids;
  const tokenizer: Tokenizer = {
    name: options.name,
    ...(options.bosTokens !== undefined ? { bosTokens: options.bosTokens } : {}),
    encode,
    decode: (ids) => hf.decode(ids, { skip_special_tokens: false }),
    count: (text) => encode(text).length,
    vocabSize,
    isSpecial: (id) => specialIds.has(id),
  };
  const source = pickTemplate(config.chat_template);
  if (source !== null) {
    const template = new Template(source);
    const tokens = specialTokenStrings(config);
    tokenizer.applyChatTemplate = (messages: ChatMessage[], opts: ChatTemplateOptions = {}) => {
      const context: Json = {
        ...tokens,
        messages,
        add_generation_prompt: opts.addGenerationPrompt ?? true,
      };
      if (opts.enableThinking !== undefined) context.enable_thinking = opts.enableThinking;
      return template.render(context);
    };
  }
  return tokenizer;
}

async function readJson(path: string, dir: string): Promise<Json | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value)) return value as Json;
  } catch {
    // reported below
  }
  throw new UserError(
    `Cannot load tokenizer '${dir}': ${path} is not a JSON object`,
    "Download the file again from the model's repository.",
  );
}

/** `chat_template` is a string, or a list of `{name, template}` where `default` wins. */
function pickTemplate(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) return null;
  let first: string | null = null;
  for (const item of value) {
    if (typeof item !== "object" || item === null) continue;
    const { name, template } = item as Json;
    if (typeof template !== "string") continue;
    if (name === "default") return template;
    first ??= template;
  }
  return first;
}

/** `bos_token`, `eos_token`, … as the strings templates expect (configs may hold `{content}`). */
function specialTokenStrings(config: Json): Json {
  const out: Json = {};
  for (const key of ["bos_token", "eos_token", "pad_token", "unk_token"]) {
    const value = config[key];
    if (typeof value === "string") out[key] = value;
    else if (typeof value === "object" && value !== null) {
      const content = (value as Json).content;
      if (typeof content === "string") out[key] = content;
    } else out[key] = "";
  }
  return out;
}
