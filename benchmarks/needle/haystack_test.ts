import assert from "node:assert/strict";
import { join } from "node:path";
import { UserError } from "../../lib/errors.ts";
import { loadTokenizer, type Tokenizer } from "../../lib/tokenizer/mod.ts";
import { qwen3TokenizerDir } from "../../lib/tokenizer/test_fixture.ts";
import {
  insertNeedles,
  joinedTokens,
  linspaceRounded,
  needleSamples,
  needleSettings,
} from "./haystack.ts";
import { needleHaystack } from "../needle_haystack.ts";

const CORPUS = new URL("../../tests/fixtures/needle/", import.meta.url).pathname;

/** One token per character (its code point): positions can be worked out by hand. */
const charTokenizer: Tokenizer = {
  name: "chars",
  encode: (text) => [...text].map((c) => c.codePointAt(0)!),
  decode: (ids) => String.fromCodePoint(...ids),
  count: (text) => [...text].length,
  vocabSize: 0x110000,
  isSpecial: () => false,
};
const chars = (text: string) => charTokenizer.encode(text);
const text = (ids: number[]) => charTokenizer.decode(ids);
const PERIODS = new Set(chars(".。"));

Deno.test("linspaceRounded() gives EvalScope's default grid and rounds halves to even", () => {
  assert.deepEqual(
    linspaceRounded(1000, 32000, 10),
    [1000, 4444, 7889, 11333, 14778, 18222, 21667, 25111, 28556, 32000],
  );
  assert.deepEqual(linspaceRounded(0, 100, 10), [0, 11, 22, 33, 44, 56, 67, 78, 89, 100]);
  assert.deepEqual(linspaceRounded(0, 5, 3), [0, 2, 5]); // 2.5 → 2
  assert.deepEqual(linspaceRounded(0, 7, 3), [0, 4, 7]); // 3.5 → 4
  assert.deepEqual(linspaceRounded(40, 100, 1), [40]);
});

Deno.test("insertNeedles() cuts to length − 150 and snaps the needle back to a sentence end", () => {
  const haystack = chars("Aa. Bb. Cc. Dd. Ee.");
  const at = (depthPercent: number) =>
    text(insertNeedles(haystack, {
      needles: [chars("XY")],
      depthPercent,
      contextLength: 150 + 12,
      periodTokens: PERIODS,
    }));
  // Budget 12 − 2 needle tokens: the haystack is cut to "Aa. Bb. Cc" (10 tokens).
  assert.equal(at(0), "XYAa. Bb. Cc");
  assert.equal(at(50), "Aa.XY Bb. Cc"); // int(10 × 0.5) = 5, walked back to after "Aa."
  assert.equal(at(79), "Aa. Bb.XY Cc"); // int(10 × 0.79) = 7 is just after "Bb."
  assert.equal(at(100), "Aa. Bb. CcXY");
  for (const d of [0, 50, 79, 100]) assert.equal([...at(d)].length, 12);
});

Deno.test("insertNeedles() spreads several needles from the depth towards the end", () => {
  const out = insertNeedles(chars("Aa. Bb. Cc. Dd."), {
    needles: [chars("XY"), chars("Z")],
    depthPercent: 0,
    contextLength: 150 + 12,
    periodTokens: PERIODS,
  });
  // Cut to 9 tokens "Aa. Bb. C"; XY at 0; the next depth is 0 + 100/2 = 50: int(11 × 0.5) = 5.
  assert.equal(text(out), "XYAa.Z Bb. C");
});

async function qwen3(): Promise<Tokenizer> {
  return await loadTokenizer(qwen3TokenizerDir());
}

const NEEDLE = needleHaystack.extraParams!.needles.default as string[];
const QUESTION = needleHaystack.extraParams!.retrieval_question.default as string;
const PARAMS: Record<string, unknown> = {
  ...Object.fromEntries(
    Object.entries(needleHaystack.extraParams!).map(([k, p]) => [k, p.default]),
  ),
  context_lengths_min: 300,
  context_lengths_max: 1500,
  context_lengths_num_intervals: 3,
  document_depth_percent_intervals: 3,
};

Deno.test("needleSamples() builds the grid with token-exact contexts under Qwen3's tokenizer", async () => {
  const tokenizer = await qwen3();
  for (const subset of ["english", "chinese"]) {
    const corpus = await Deno.readTextFile(join(CORPUS, needleHaystack.dataset.files![subset]));
    const samples = needleSamples({ subset, text: corpus, tokenizer, params: PARAMS });
    assert.deepEqual(
      samples.map((s) => [s.metadata!.context_length, s.metadata!.depth_percent]),
      [[300, 0], [300, 50], [300, 100], [900, 0], [900, 50], [900, 100], [1500, 0], [1500, 50], [
        1500,
        100,
      ]],
    );
    const needle = NEEDLE[0];
    for (const s of samples) {
      const meta = s.metadata!;
      const length = meta.context_length as number;
      // The context's tokens are exactly the length minus the 150 kept free.
      assert.equal(meta.context_tokens, length - 150);
      const context = meta.context as string;
      const at = context.indexOf(needle);
      assert.ok(at >= 0, `the needle is in the ${length}/${meta.depth_percent} context`);
      if (meta.depth_percent === 100) assert.ok(context.endsWith(needle));
      else if (at > 0) assert.match(context.slice(0, at), /[.。]$/);
      assert.equal(s.input, QUESTION);
      assert.equal(s.target, needle);
    }
  }
});

Deno.test("needleSamples() repeats a short corpus joined by newlines until it is long enough", async () => {
  const tokenizer = await qwen3();
  const corpus = "One fact. Another fact.";
  const samples = needleSamples({
    subset: "english",
    text: corpus,
    tokenizer,
    params: {
      ...PARAMS,
      context_lengths_num_intervals: 1,
      context_lengths_min: 260,
      document_depth_percent_min: 100,
      document_depth_percent_intervals: 1,
    },
  });
  const context = samples[0].metadata!.context as string;
  assert.ok(context.startsWith(`${corpus}\n${corpus}\n${corpus}`));
  assert.equal(samples[0].metadata!.context_tokens, 110);
});

Deno.test("needleSettings() and needleSamples() refuse settings that cannot make a grid", async () => {
  assert.throws(
    () => needleSettings({ ...PARAMS, needles: [] }),
    (e: unknown) => e instanceof UserError && /extra_params\.needles/.test(e.message),
  );
  assert.throws(
    () => needleSettings({ ...PARAMS, document_depth_percent_max: 120 }),
    (e: unknown) => e instanceof UserError && /document_depth_percent_max/.test(e.message),
  );
  const tokenizer = await qwen3();
  assert.throws(
    () =>
      needleSamples({
        subset: "english",
        text: "Some text.",
        tokenizer,
        params: { ...PARAMS, context_lengths_min: 160 },
      }),
    (e: unknown) =>
      e instanceof UserError && /contexts of 160 tokens/.test(e.message) &&
      /context_lengths_min above 17\d/.test(e.hint ?? ""),
  );
});

Deno.test("joinedTokens() equals encoding the joined corpus, under Qwen3 and o200k_base", async () => {
  for (const tokenizer of [await qwen3(), await loadTokenizer("o200k_base")]) {
    for (const file of Object.values(needleHaystack.dataset.files!)) {
      const corpus = await Deno.readTextFile(join(CORPUS, file));
      for (const text of [corpus, corpus.trimEnd(), ` ${corpus}`, corpus.replaceAll("\n", " ")]) {
        const once = tokenizer.encode(text);
        // The corpus as it is starts with a letter and has paragraph breaks: the join is
        // assembled without encoding the joined text (the others fall back to encoding it).
        let longest = 0;
        const spy = {
          ...tokenizer,
          encode: (t: string) => (longest = Math.max(longest, t.length), tokenizer.encode(t)),
        };
        assert.deepEqual(
          joinedTokens(text, { tokenizer: spy, once, copies: 3 }),
          tokenizer.encode([text, text, text].join("\n")),
          `${tokenizer.name} ${file}`,
        );
        if (text === corpus) assert.ok(longest < text.length, "assembled, not encoded whole");
      }
    }
  }
});
