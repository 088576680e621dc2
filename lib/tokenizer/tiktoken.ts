/**
 * The default tokenizer: OpenAI's `o200k_base` BPE (the same ids as gpt-oss), from the rank list
 * js-tiktoken ships, with lmeter's own rank table ({@linkcode ByteBpe}: ~50 ms and a few MB to
 * build, where js-tiktoken's `Tiktoken` takes ~1.3 s and ~190 MB).
 *
 * A text is split into pre-tokens with the encoding's regex and each one is byte-pair-encoded.
 * lmeter keeps the ids of every pre-token it has seen (up to a bound), so text made of familiar
 * words costs a regex pass and map lookups, and text with long repeated pre-tokens (markdown
 * rules, indentation), whose BPE is quadratic, pays it once. The ids are js-tiktoken's own
 * (tested against js-tiktoken on fuzzed text, code and docs).
 *
 * @module
 */
import { ByteBpe } from "./byte_bpe.ts";
import type { Tokenizer } from "./types.ts";

/** Pre-tokens remembered at most; the memory is cleared when full. */
const MAX_CACHED = 200_000;
/** Longer pre-tokens are encoded each time (they are rare and would hold memory). */
const MAX_CACHED_CHARS = 4096;

/** Builds the `o200k_base` tokenizer (tens of milliseconds: reading the rank list dominates). */
export async function loadO200kTokenizer(): Promise<Tokenizer> {
  const { default: ranks } = await import("js-tiktoken/ranks/o200k_base");
  const bpe = ByteBpe.fromTiktokenRanks(ranks.bpe_ranks);
  const specialIds = new Set(Object.values(ranks.special_tokens));
  const vocabSize = Math.max(...specialIds) + 1;
  const encodePieces = cachedPieceEncoder(bpe, ranks.pat_str, ranks.special_tokens);
  const utf8 = new TextEncoder();
  const specialBytes = new Map(
    Object.entries(ranks.special_tokens).map(([text, id]) => [id, utf8.encode(text)]),
  );
  const utf8Text = new TextDecoder("utf-8");
  return {
    name: "o200k_base",
    encode: (text) => {
      const out: number[] = [];
      encodePieces(text, (ids) => {
        for (const id of ids) out.push(id);
      });
      return out;
    },
    // Unknown ids are skipped, as js-tiktoken's decode does.
    decode: (ids) => {
      const parts: Uint8Array[] = [];
      let length = 0;
      for (const id of ids) {
        const bytes = bpe.tokenBytes(id) ?? specialBytes.get(id);
        if (bytes === undefined) continue;
        parts.push(bytes);
        length += bytes.length;
      }
      const joined = new Uint8Array(length);
      let at = 0;
      for (const p of parts) {
        joined.set(p, at);
        at += p.length;
      }
      return utf8Text.decode(joined);
    },
    count: (text) => {
      let n = 0;
      encodePieces(text, (ids) => (n += ids.length));
      return n;
    },
    vocabSize,
    isSpecial: (id) => specialIds.has(id),
  };
}

/**
 * `encode(text, "all")` of js-tiktoken, pre-token by pre-token through a cache: calls `emit` with
 * the ids of each pre-token (and of each special token) in order.
 */
export function cachedPieceEncoder(
  bpe: ByteBpe,
  patStr: string,
  specialTokens: Record<string, number>,
): (text: string, emit: (ids: readonly number[]) => void) => void {
  const names = Object.keys(specialTokens); // js-tiktoken's order: the same alternation
  const special = new RegExp(
    names.map((s) => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")).join("|"),
    "g",
  );
  const piece = new RegExp(patStr, "ug");
  const utf8 = new TextEncoder();
  const cache = new Map<string, readonly number[]>();
  const idsOf = (p: string): readonly number[] => {
    let ids = cache.get(p);
    if (ids !== undefined) return ids;
    ids = bpe.encode(utf8.encode(p));
    if (p.length <= MAX_CACHED_CHARS) {
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(p, ids);
    }
    return ids;
  };
  return (text, emit) => {
    let start = 0;
    special.lastIndex = 0;
    for (;;) {
      const m = special.exec(text);
      const end = m ? m.index : text.length;
      if (end > start) {
        for (const p of text.substring(start, end).matchAll(piece)) emit(idsOf(p[0]));
      }
      if (!m) return;
      emit([specialTokens[m[0]]]);
      start = m.index + m[0].length;
      special.lastIndex = start;
    }
  };
}
