import assert from "node:assert/strict";
import { join } from "node:path";
import { loadTokenizer } from "./mod.ts";
import { readGgufMetadata } from "./gguf.ts";

const enc = new TextEncoder();

/** Writes a GGUF v3 file with only metadata (strings, u32, f32 and i32 arrays, a bool). */
function gguf(
  kv: [string, "str" | "u32" | "bool" | "strs" | "f32s" | "i32s", unknown][],
): Uint8Array {
  const parts: number[] = [];
  const u32 = (v: number) => parts.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, v >>> 24);
  const u64 = (v: number) => {
    u32(v);
    u32(0);
  };
  const str = (s: string) => {
    const b = enc.encode(s);
    u64(b.length);
    parts.push(...b);
  };
  const f32 = (v: number) => {
    const b = new Uint8Array(new Float32Array([v]).buffer);
    parts.push(...b);
  };
  parts.push(...enc.encode("GGUF"));
  u32(3);
  u64(0);
  u64(kv.length);
  for (const [k, type, v] of kv) {
    str(k);
    if (type === "str") (u32(8), str(v as string));
    else if (type === "u32") (u32(4), u32(v as number));
    else if (type === "bool") (u32(7), parts.push(v ? 1 : 0));
    else {
      const items = v as (string | number)[];
      u32(9);
      u32(type === "strs" ? 8 : type === "f32s" ? 6 : 5);
      u64(items.length);
      for (const x of items) {
        if (type === "strs") str(x as string);
        else if (type === "f32s") f32(x as number);
        else u32(x as number);
      }
    }
  }
  return new Uint8Array(parts);
}

Deno.test("a GGUF file's SentencePiece tokenizer merges by score, prefixes a space, falls back to bytes and adds BOS", async () => {
  const bytes = Array.from(
    { length: 256 },
    (_, i) => `<0x${i.toString(16).toUpperCase().padStart(2, "0")}>`,
  );
  const tokens = ["<unk>", "<s>", "</s>", ...bytes, "▁", "a", "b", "▁a", "ab", "▁ab", "▁b"];
  const types = [2, 3, 3, ...bytes.map(() => 6), 1, 1, 1, 1, 1, 1, 1];
  // "▁ab" outranks everything; "ab" outranks "▁a", so "▁ab" is reached through "▁" + "ab".
  const scores = [0, 0, 0, ...bytes.map(() => 0), -1, -2, -3, -6, -5, -4, -7];
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "tiny.gguf");
    await Deno.writeFile(
      path,
      gguf([
        ["general.architecture", "str", "llama"],
        ["tokenizer.ggml.model", "str", "llama"],
        ["tokenizer.ggml.tokens", "strs", tokens],
        ["tokenizer.ggml.scores", "f32s", scores],
        ["tokenizer.ggml.token_type", "i32s", types],
        ["tokenizer.ggml.bos_token_id", "u32", 1],
        ["tokenizer.ggml.eos_token_id", "u32", 2],
        ["tokenizer.ggml.unknown_token_id", "u32", 0],
        ["tokenizer.ggml.add_bos_token", "bool", true],
      ]),
    );
    const meta = await readGgufMetadata(path);
    assert.equal(meta.get("tokenizer.ggml.model"), "llama");
    assert.equal((meta.get("tokenizer.ggml.tokens") as string[]).length, tokens.length);
    const t = await loadTokenizer(path);
    const id = (p: string) => tokens.indexOf(p);
    assert.deepEqual(t.encode("ab"), [id("▁ab")]);
    assert.deepEqual(t.encode("ab b"), [id("▁ab"), id("▁b")]);
    // "c" is not in the vocabulary: its UTF-8 byte.
    assert.deepEqual(t.encode("ac"), [id("▁a"), id("<0x63>")]);
    assert.deepEqual(t.encode("<s>a"), [id("<s>"), id("▁a")]);
    assert.equal(t.decode(t.encode("ab bc")), "ab bc");
    assert.equal(t.bosTokens, 1);
    assert.ok(t.isSpecial(id("</s>")));
    assert.equal(t.vocabSize, tokens.length);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a file that is not GGUF is refused with what it starts with", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "x.gguf");
    await Deno.writeTextFile(path, `{"model": "not gguf"}`);
    await assert.rejects(() => loadTokenizer(path), /not a GGUF file/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
