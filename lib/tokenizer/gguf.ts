/**
 * A tokenizer read from a GGUF model file (llama.cpp's format): its `tokenizer.ggml.*` metadata
 * is turned into the Hugging Face `tokenizer.json` it stands for and loaded like one.
 *
 * GGUF (v2/v3, little-endian): magic `GGUF`, version u32, tensor count u64, metadata count u64,
 * then the metadata, each a key (u64 length + UTF-8), a value type u32 and the value. Only the
 * metadata is read; the tensors are never touched, so a multi-gigabyte model costs a few MB.
 *
 * `tokenizer.ggml.model` = `llama` (SentencePiece: merges by score, a `▁` space prefix, byte
 * fallback) is rebuilt exactly as llama.cpp tokenizes; `gpt2` (byte-level BPE with the merges
 * listed) uses the pre-tokenizer that `tokenizer.ggml.pre` names when lmeter knows it (GPT-2's
 * otherwise, which may split some texts differently).
 *
 * @module
 */
import { UserError } from "../errors.ts";

/** One metadata value. */
export type GgufValue = number | bigint | boolean | string | GgufValue[];

const DECODER = new TextDecoder();

/** Reads the metadata of the GGUF file at `path` (keys filtered by `wanted`, default all). */
export async function readGgufMetadata(
  path: string,
  wanted: (key: string) => boolean = () => true,
): Promise<Map<string, GgufValue>> {
  const file = await Deno.open(path, { read: true });
  try {
    const r = new Reader(file);
    const magic = DECODER.decode(await r.bytes(4));
    if (magic !== "GGUF") {
      throw new UserError(
        `Cannot read tokenizer '${path}': not a GGUF file (it starts with ${
          JSON.stringify(magic)
        })`,
        "Pass a .gguf model file, a folder with tokenizer.json, or 'server'.",
      );
    }
    const version = await r.u32();
    if (version < 2) {
      throw new UserError(
        `Cannot read tokenizer '${path}': GGUF version ${version} is too old`,
        "Convert the model again with a current llama.cpp.",
      );
    }
    await r.u64(); // tensors
    const count = Number(await r.u64());
    const out = new Map<string, GgufValue>();
    for (let i = 0; i < count; i++) {
      const key = await r.string();
      const type = await r.u32();
      const value = await r.value(type, wanted(key));
      if (wanted(key)) out.set(key, value);
    }
    return out;
  } finally {
    file.close();
  }
}

/** Reads little-endian values from a file through a growing buffer. */
class Reader {
  #file: Deno.FsFile;
  #buf = new Uint8Array(0);
  #pos = 0;
  #eof = false;

  constructor(file: Deno.FsFile) {
    this.#file = file;
  }

  async #need(n: number): Promise<void> {
    while (this.#buf.length - this.#pos < n) {
      if (this.#eof) throw new UserError("Cannot read the GGUF file: it ends inside its metadata");
      const chunk = new Uint8Array(Math.max(1 << 20, n));
      const got = await this.#file.read(chunk);
      if (got === null) {
        this.#eof = true;
        continue;
      }
      const rest = this.#buf.subarray(this.#pos);
      const next = new Uint8Array(rest.length + got);
      next.set(rest, 0);
      next.set(chunk.subarray(0, got), rest.length);
      this.#buf = next;
      this.#pos = 0;
    }
  }

  async bytes(n: number): Promise<Uint8Array> {
    await this.#need(n);
    const out = this.#buf.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }

  async #view(n: number): Promise<DataView> {
    const b = await this.bytes(n);
    return new DataView(b.buffer, b.byteOffset, n);
  }

  async u32(): Promise<number> {
    return (await this.#view(4)).getUint32(0, true);
  }

  async u64(): Promise<bigint> {
    return (await this.#view(8)).getBigUint64(0, true);
  }

  async string(): Promise<string> {
    const n = Number(await this.u64());
    return DECODER.decode(await this.bytes(n));
  }

  async value(type: number, keep: boolean): Promise<GgufValue> {
    switch (type) {
      case 0:
        return (await this.#view(1)).getUint8(0);
      case 1:
        return (await this.#view(1)).getInt8(0);
      case 2:
        return (await this.#view(2)).getUint16(0, true);
      case 3:
        return (await this.#view(2)).getInt16(0, true);
      case 4:
        return await this.u32();
      case 5:
        return (await this.#view(4)).getInt32(0, true);
      case 6:
        return (await this.#view(4)).getFloat32(0, true);
      case 7:
        return (await this.#view(1)).getUint8(0) !== 0;
      case 8:
        return await this.string();
      case 9: {
        const itemType = await this.u32();
        const n = Number(await this.u64());
        const items: GgufValue[] = keep ? new Array(n) : [];
        for (let i = 0; i < n; i++) {
          const v = await this.value(itemType, keep);
          if (keep) items[i] = v;
        }
        return items;
      }
      case 10:
        return await this.u64();
      case 11:
        return (await this.#view(8)).getBigInt64(0, true);
      case 12:
        return (await this.#view(8)).getFloat64(0, true);
    }
    throw new UserError(`Cannot read the GGUF file: unknown metadata value type ${type}`);
  }
}

type Json = Record<string, unknown>;

/** GGUF token types. */
const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6 };

/** Pre-tokenizer regexes for byte-level BPE, by `tokenizer.ggml.pre`. */
const LLAMA3_SPLIT =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const QWEN2_SPLIT =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const PRE_SPLITS: Record<string, string> = {
  "llama-bpe": LLAMA3_SPLIT,
  "llama3": LLAMA3_SPLIT,
  "smaug-bpe": LLAMA3_SPLIT,
  "qwen2": QWEN2_SPLIT,
  "deepseek-r1-qwen": QWEN2_SPLIT,
};

/** What a GGUF file's tokenizer is, as a `tokenizer.json`, its config and how many tokens a server
 * adds in front of a raw prompt (BOS). */
export interface GgufTokenizer {
  tokenizerJson: Json;
  config: Json;
  bosTokens: number;
}

/** Builds the `tokenizer.json` equivalent of a GGUF file's tokenizer metadata. */
export function ggufToTokenizerJson(meta: Map<string, GgufValue>, path: string): GgufTokenizer {
  const model = meta.get("tokenizer.ggml.model");
  const tokens = meta.get("tokenizer.ggml.tokens");
  if (typeof model !== "string" || !Array.isArray(tokens)) {
    throw new UserError(
      `Cannot read tokenizer '${path}': the GGUF file has no tokenizer.ggml.model/tokens`,
      "Pass the model's tokenizer.json folder instead, or 'server' to count with the server.",
    );
  }
  const types = (meta.get("tokenizer.ggml.token_type") as number[] | undefined) ?? [];
  const scores = (meta.get("tokenizer.ggml.scores") as number[] | undefined) ?? [];
  const pieces = tokens as string[];
  const id = (key: string) => {
    const v = meta.get(`tokenizer.ggml.${key}`);
    return typeof v === "number" && v >= 0 && v < pieces.length ? v : null;
  };
  const bos = id("bos_token_id");
  const eos = id("eos_token_id");
  const unk = id("unknown_token_id");
  const vocab: Record<string, number> = {};
  const added: Json[] = [];
  pieces.forEach((p, i) => {
    vocab[p] = i;
    const t = types[i] ?? TOKEN_TYPE.normal;
    if (t === TOKEN_TYPE.control || t === TOKEN_TYPE.userDefined || t === TOKEN_TYPE.unknown) {
      added.push({
        id: i,
        content: p,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: t !== TOKEN_TYPE.userDefined,
      });
    }
  });
  const config: Json = {
    bos_token: bos !== null ? pieces[bos] : "",
    eos_token: eos !== null ? pieces[eos] : "",
    unk_token: unk !== null ? pieces[unk] : "",
  };
  const template = meta.get("tokenizer.chat_template");
  if (typeof template === "string") config.chat_template = template;
  const addBos = meta.get("tokenizer.ggml.add_bos_token");
  let tokenizerJson: Json;
  let bosDefault: boolean;
  if (model === "llama") {
    bosDefault = true;
    // SentencePiece: a pair merges when the merged piece exists; the higher its score, the sooner.
    const ranked: [string, string, number][] = [];
    pieces.forEach((p, i) => {
      if ((types[i] ?? 1) !== TOKEN_TYPE.normal) return;
      const chars = [...p];
      for (let k = 1; k < chars.length; k++) {
        const a = chars.slice(0, k).join("");
        const b = chars.slice(k).join("");
        if (a in vocab && b in vocab) ranked.push([a, b, scores[i] ?? 0]);
      }
    });
    ranked.sort((x, y) => y[2] - x[2] || vocab[x[0] + x[1]] - vocab[y[0] + y[1]]);
    const spacePrefix = meta.get("tokenizer.ggml.add_space_prefix") !== false;
    tokenizerJson = {
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: added,
      normalizer: {
        type: "Sequence",
        normalizers: [
          ...(spacePrefix ? [{ type: "Prepend", prepend: "▁" }] : []),
          { type: "Replace", pattern: { String: " " }, content: "▁" },
        ],
      },
      pre_tokenizer: null,
      post_processor: null,
      decoder: {
        type: "Sequence",
        decoders: [
          { type: "Replace", pattern: { String: "▁" }, content: " " },
          { type: "ByteFallback" },
          { type: "Fuse" },
          ...(spacePrefix ? [{ type: "Strip", content: " ", start: 1, stop: 0 }] : []),
        ],
      },
      model: {
        type: "BPE",
        dropout: null,
        unk_token: unk !== null ? pieces[unk] : null,
        continuing_subword_prefix: null,
        end_of_word_suffix: null,
        fuse_unk: true,
        byte_fallback: true,
        ignore_merges: false,
        vocab,
        merges: ranked.map(([a, b]) => [a, b]),
      },
    };
  } else if (model === "gpt2") {
    bosDefault = false;
    const merges = ((meta.get("tokenizer.ggml.merges") as string[] | undefined) ?? []).map((m) => {
      const i = m.indexOf(" ", 1);
      return [m.slice(0, i), m.slice(i + 1)];
    });
    const pre = meta.get("tokenizer.ggml.pre");
    const split = typeof pre === "string" ? PRE_SPLITS[pre] : undefined;
    tokenizerJson = {
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: added,
      normalizer: null,
      pre_tokenizer: split
        ? {
          type: "Sequence",
          pretokenizers: [
            { type: "Split", pattern: { Regex: split }, behavior: "Isolated", invert: false },
            { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
          ],
        }
        : { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
      post_processor: null,
      decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
      model: {
        type: "BPE",
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: "",
        end_of_word_suffix: "",
        fuse_unk: false,
        byte_fallback: false,
        ignore_merges: true,
        vocab,
        merges,
      },
    };
  } else {
    throw new UserError(
      `Cannot read tokenizer '${path}': lmeter reads GGUF tokenizers of type 'llama' and 'gpt2', ` +
        `not '${model}'`,
      "Pass the model's tokenizer.json folder instead, or 'server' to count with the server.",
    );
  }
  const bosTokens = (typeof addBos === "boolean" ? addBos : bosDefault) && bos !== null ? 1 : 0;
  return { tokenizerJson, config, bosTokens };
}
