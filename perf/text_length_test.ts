import assert from "node:assert/strict";
import { loadTokenizer } from "../lib/tokenizer/mod.ts";
import { PERF_DATASETS } from "./mod.ts";
import { parseDatasetArgs } from "../lib/load/dataset_args.ts";
import {
  headText,
  LengthFitter,
  PREFIX_SEPARATOR,
  searchLength,
  truncateToTokens,
} from "./text_length.ts";
import type { DatasetMessage, TextLength } from "../lib/load/dataset.ts";

const tok = await loadTokenizer();
const count = (s: string) => tok.count(s);
const contentTokens = (ms: DatasetMessage[]) =>
  ms.reduce((a, m) => a + count(String(m.content)), 0);

/** Real text, written for these tests: the prefix corpus. */
const BOOK = [
  "The harbour town woke slowly on winter mornings. Fishermen checked their nets by lamplight,",
  "and the baker on the corner opened his shutters before the church bell rang six. Children",
  "walked to school along the sea wall, counting the gulls that stood in a row on the railing.",
  "In the afternoon the wind turned, and the boats came back early, heavy with cod and herring.",
  "By evening the market square smelled of smoke and salt, and the old men argued about the",
  "weather as if arguing could change it. Nobody remembered a quieter year, or a colder one.",
].join(" ");

const LONG = "Explain, step by step, why the sky appears blue during the day and red at sunset, " +
  "covering Rayleigh scattering, the path length of sunlight through the atmosphere, and the " +
  "role of dust and water droplets in the colours we see near the horizon.";

function fitter(spec: Partial<TextLength>, chat = true): LengthFitter {
  return new LengthFitter(tok, { targetInputLen: 32, mode: "cap", ...spec }, { chat });
}

Deno.test("searchLength() finds the exact input, else the largest result under the target", () => {
  assert.deepEqual(searchLength(10, { start: 3, max: 100, measure: (k) => k + 2 }), {
    k: 8,
    n: 10,
  });
  // Only even results exist: 9 is unreachable, 8 is the best under it.
  assert.deepEqual(searchLength(9, { start: 9, max: 100, measure: (k) => 2 * k }), {
    k: 4,
    n: 8,
  });
});

Deno.test("headText() drops a character cut in the middle", () => {
  const ids = tok.encode("熵的概念");
  for (let k = 1; k <= ids.length; k++) assert.ok(!headText(tok, ids, k).includes("\uFFFD"));
});

Deno.test("truncateToTokens() keeps the first N tokens exactly and leaves short text alone", () => {
  for (const n of [1, 7, 20, 33]) {
    const cut = truncateToTokens(tok, LONG, n);
    assert.equal(count(cut.text), n);
    assert.equal(cut.tokens, n);
    assert.ok(LONG.startsWith(cut.text));
  }
  assert.deepEqual(truncateToTokens(tok, "short one", 50), { text: "short one", tokens: 2 });
  const zh = truncateToTokens(tok, "熵的概念最早由克劳修斯提出，用于描述热力学系统的无序程度。", 9);
  assert.ok(count(zh.text) <= 9 && !zh.text.includes("\uFFFD"));
});

Deno.test("LengthFitter.prompt(): cap keeps short prompts, drop discards them, long ones are cut", () => {
  const cap = fitter({ targetInputLen: 12 });
  assert.equal(cap.prompt("Why is the sea salty?")?.prompt, "Why is the sea salty?");
  assert.equal(
    fitter({ targetInputLen: 12, mode: "drop" }).prompt("Why is the sea salty?"),
    undefined,
  );
  const long = cap.prompt(LONG)!;
  assert.equal(count(long.prompt!), 12);
  const exact = fitter({ targetInputLen: 12, mode: "drop" }).prompt(LONG)!;
  assert.equal(count(exact.prompt!), 12);
});

Deno.test("LengthFitter.prompt(): a system prefix pads every prompt to exactly N content tokens", () => {
  for (const n of [16, 64, 300]) { // 300 > the corpus: it is repeated
    const f = fitter({ targetInputLen: n, prefix: { text: BOOK, role: "system" } });
    for (const q of ["Why is the sea salty?", "What is 2 + 2?", LONG]) {
      const item = f.prompt(q)!;
      if (count(q) >= n) { // the prompt fills the target: cut, no prefix
        assert.equal(item.messages, undefined);
        assert.equal(count(item.prompt!), n);
        continue;
      }
      const [sys, user] = item.messages!;
      assert.equal(sys.role, "system");
      assert.equal(user.role, "user");
      assert.equal(contentTokens(item.messages!), n, `${n}: ${q}`);
      assert.equal(user.content, q);
      assert.ok(BOOK.startsWith(String(sys.content).slice(0, 40)));
      // The server adds the chat template's tokens: 3 + 5 per message by the ChatML rule.
      assert.equal(item.targetPromptTokens, n + 13);
    }
  }
});

Deno.test("LengthFitter.prompt(): a user prefix goes before the prompt, N tokens in all", () => {
  for (const chat of [true, false]) {
    for (const role of ["user", "system"] as const) {
      if (chat && role === "system") continue;
      const f = fitter({ targetInputLen: 40, prefix: { text: BOOK, role } }, chat);
      const item = f.prompt("Why is the sea salty?")!;
      assert.equal(item.messages, undefined);
      assert.ok(item.prompt!.endsWith(`${PREFIX_SEPARATOR}Why is the sea salty?`));
      assert.ok(item.prompt!.startsWith("The harbour town"));
      assert.equal(count(item.prompt!), 40);
    }
  }
});

Deno.test("LengthFitter.conversation(): last turn truncated; with a prefix, padded or skipped", () => {
  const conv: DatasetMessage[] = [
    { role: "user", content: "Hello there." },
    { role: "assistant", content: "Hi! How can I help?" },
    { role: "user", content: LONG },
  ];
  const cut = fitter({ targetInputLen: 10 }).conversation(conv)!;
  assert.equal(cut.messages!.length, 3);
  assert.equal(cut.messages![0].content, "Hello there.");
  assert.equal(count(String(cut.messages![2].content)), 10);

  const short = conv.slice(0, 2).concat([{ role: "user", content: "Why?" }]);
  const sys = fitter({ targetInputLen: 50, prefix: { text: BOOK, role: "system" } })
    .conversation(short)!;
  assert.deepEqual(sys.messages!.map((m) => m.role), ["system", "user", "assistant", "user"]);
  assert.equal(contentTokens(sys.messages!), 50);
  assert.deepEqual(sys.messages!.slice(1), short);

  const user = fitter({ targetInputLen: 50, prefix: { text: BOOK, role: "user" } })
    .conversation(short)!;
  assert.deepEqual(user.messages!.map((m) => m.role), ["user", "assistant", "user"]);
  assert.ok(String(user.messages![0].content).endsWith(`${PREFIX_SEPARATOR}Hello there.`));
  assert.equal(contentTokens(user.messages!), 50);

  const tooLong = fitter({ targetInputLen: 20, prefix: { text: BOOK, role: "system" } });
  assert.equal(tooLong.conversation(conv), undefined);
});

Deno.test("parseDatasetArgs() checks keys against the dataset and values against EvalScope's rules", () => {
  const openqa = PERF_DATASETS.openqa;
  assert.equal(parseDatasetArgs(openqa, undefined), undefined);
  assert.equal(parseDatasetArgs(openqa, {}), undefined);
  assert.deepEqual(parseDatasetArgs(openqa, { target_input_len: 64 }), {
    targetInputLen: 64,
    mode: "cap",
    prefixRole: "system",
  });
  assert.throws(
    () => parseDatasetArgs(openqa, { target_input_len: 64, max_len: 3 }),
    (e: Error & { hint?: string }) =>
      /'max_len' is not an option of --dataset openqa/.test(e.message) &&
      /target_input_len, input_len_mode, prefix_file, prefix_role/.test(e.hint ?? ""),
  );
  assert.throws(
    () => parseDatasetArgs(PERF_DATASETS.random, { target_input_len: 64 }),
    (e: Error & { hint?: string }) => /accepts no --dataset-args keys/.test(e.hint ?? ""),
  );
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ input_len_mode: "cap" }, /without target_input_len/],
    [{ target_input_len: 0 }, /Invalid target_input_len/],
    [{ target_input_len: 2.5 }, /Invalid target_input_len/],
    [{ target_input_len: 8, input_len_mode: "pad" }, /Invalid input_len_mode/],
    [{ target_input_len: 8, prefix_file: "a.txt", prefix_role: "tool" }, /Invalid prefix_role/],
    [{ target_input_len: 8, prefix_role: "user" }, /prefix_role .* without prefix_file/],
    [{ target_input_len: 8, prefix_file: "a.txt", input_len_mode: "drop" }, /prefix_file with/],
  ];
  for (const [args, re] of bad) assert.throws(() => parseDatasetArgs(openqa, args), re);
  assert.throws(() => parseDatasetArgs(openqa, [1]), /not a JSON object/);
  assert.throws(
    () =>
      parseDatasetArgs(PERF_DATASETS.share_gpt_en, { target_input_len: 8, input_len_mode: "drop" }),
    /"drop" with --dataset share_gpt_en/,
  );
});
