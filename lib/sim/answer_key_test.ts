import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  AnswerKey,
  chooseAnswer,
  DEFAULT_WRONG_ANSWER,
  parseAnswerKey,
  startSimulator,
} from "./mod.ts";
import { chatBody, post } from "./test_client.ts";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

Deno.test("parseAnswerKey() reads JSONL, skipping blank and // lines", () => {
  const entries = parseAnswerKey(
    '{"match": "2+2", "answer": "4"}\n\n// comment\n{"sha256": "' + sha("x") +
      '", "answer": "y", "p_correct": 0.5}\n',
  );
  assert.equal(entries.length, 2);
  assert.equal(entries[1].p_correct, 0.5);
});

Deno.test("parseAnswerKey() names the line of a bad entry", () => {
  assert.throws(
    () => parseAnswerKey('{"match":"a","answer":"b"}\n{"answer": "c"}', "key.jsonl"),
    /key\.jsonl line 2: needs "match" or "sha256"/,
  );
  assert.throws(() => parseAnswerKey("{oops", "k"), /k line 1: not valid JSON/);
  assert.throws(() => parseAnswerKey('{"match":"a","answer":"b","p_correct":2}'), /p_correct/);
  assert.throws(() => parseAnswerKey('{"sha256":"abc","answer":"b"}'), /64 hex digits/);
});

Deno.test("AnswerKey.lookup() prefers a sha256 hit, then the first substring match", () => {
  const key = new AnswerKey([
    { match: "capital", answer: "first" },
    { match: "capital of France", answer: "second" },
    { sha256: sha("What is the capital of France?"), answer: "exact" },
  ]);
  const prompt = "What is the capital of France?";
  assert.equal(key.lookup(prompt, sha(prompt))?.answer, "exact");
  const other = "The capital of France is?";
  assert.equal(key.lookup(other, sha(other))?.answer, "first");
  assert.equal(key.lookup("nothing", sha("nothing")), null);
});

Deno.test("chooseAnswer() is a pure function of seed, request seed and prompt", () => {
  const entry = { match: "q", answer: "right", wrong_answer: "wrong", p_correct: 0.5 };
  const picks = (seed: number, requestSeed?: number) =>
    Array.from(
      { length: 200 },
      (_, i) => chooseAnswer(entry, { seed, promptSha256: sha(`q${i}`), requestSeed }).correct,
    );
  assert.deepEqual(picks(1), picks(1));
  assert.notDeepEqual(picks(1), picks(2));
  assert.notDeepEqual(picks(1), picks(1, 5));
  const rate = picks(3).filter(Boolean).length / 200;
  assert.ok(rate > 0.35 && rate < 0.65, `rate ${rate}`);
  const never = chooseAnswer({ match: "q", answer: "a", p_correct: 0 }, {
    seed: 0,
    promptSha256: sha("q"),
  });
  assert.deepEqual(never, { text: DEFAULT_WRONG_ANSWER, correct: false, reasoning: null });
});

Deno.test("the simulator answers exactly what the answer key says", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/key.jsonl`;
    await Deno.writeTextFile(
      path,
      [
        { match: "Question 1", answer: "The answer is (B)." },
        { sha256: sha("Question 2: 6*7?"), answer: "42" },
      ].map((e) => JSON.stringify(e)).join("\n"),
    );
    await using sim = await startSimulator({ ttftMs: 0, itlMs: 0, answerKey: path });
    const one = await post(`${sim.url}/v1/chat/completions`, chatBody("Question 1: pick one"));
    assert.equal(JSON.parse(one.body).choices[0].message.content, "The answer is (B).");
    const two = await post(`${sim.url}/v1/completions`, { prompt: "Question 2: 6*7?" });
    assert.equal(JSON.parse(two.body).choices[0].text, "42");
    assert.deepEqual(sim.stats().answers, { correct: 2, wrong: 0, unmatched: 0 });
    assert.equal(sim.stats().told.answerKeyEntries, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("p_correct answers are the same on a rerun and match chooseAnswer()", async () => {
  const entries = Array.from({ length: 20 }, (_, i) => ({
    match: `Q${i}?`,
    answer: `right ${i}`,
    wrong_answer: `wrong ${i}`,
    p_correct: 0.5,
  }));
  const run = async () => {
    await using sim = await startSimulator({ ttftMs: 0, itlMs: 0, seed: 11, answerKey: entries });
    const out: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      const ex = await post(`${sim.url}/v1/chat/completions`, chatBody(`Q${i}?`, { seed: 3 }));
      out.push(JSON.parse(ex.body).choices[0].message.content);
    }
    return { out, stats: sim.stats().answers };
  };
  const first = await run();
  const second = await run();
  assert.deepEqual(first.out, second.out);
  const expected = entries.map((e, i) =>
    chooseAnswer(e, { seed: 11, promptSha256: sha(`Q${i}?`), requestSeed: 3 }).text
  );
  assert.deepEqual(first.out, expected);
  const right = first.out.filter((t) => t.startsWith("right")).length;
  assert.deepEqual(first.stats, { correct: right, wrong: 20 - right, unmatched: 0 });
  assert.ok(right > 0 && right < 20);
});

Deno.test("an answer-key entry's fault fails every request it matches; other prompts are answered", async () => {
  assert.throws(
    () => parseAnswerKey('{"match": "x", "answer": "A", "fault": "404"}'),
    /"fault" must be one of 500, 429/,
  );
  const entries = [
    { match: "grade me", answer: "A", fault: "500" as const },
    { match: "fine", answer: "B" },
  ];
  await using sim = await startSimulator({ ttftMs: 0, itlMs: 0, answerKey: entries });
  const failed = await post(`${sim.url}/v1/chat/completions`, chatBody("please grade me"));
  assert.equal(failed.status, 500);
  const ok = await post(`${sim.url}/v1/chat/completions`, chatBody("this is fine"));
  assert.equal(JSON.parse(ok.body).choices[0].message.content, "B");
});
