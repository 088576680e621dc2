import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { main } from "../../lib/cli/main.ts";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { UserError } from "../../lib/errors.ts";
import { chatPromptTokens, loadTokenizer } from "../../lib/tokenizer/mod.ts";
import { capture, configFrom, simEndpoints, withSimulator, withTempDir } from "./helpers.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };
const tok = await loadTokenizer(); // the run's tokenizer: no --tokenizer-path means o200k_base

const QUESTIONS = [
  "Why is the sea salty?",
  "How do bees make honey?",
  "What makes a rainbow appear after rain, and why is it curved?",
];

/** Real text for the prefix: shorter than the targets below, so it is repeated too. */
const BOOK = "The harbour town woke slowly on winter mornings. Fishermen checked their nets by " +
  "lamplight, and the baker on the corner opened his shutters before the church bell rang six. " +
  "Children walked to school along the sea wall, counting the gulls on the railing.";

async function openqaDir(dir: string): Promise<string> {
  const rows = QUESTIONS.map((q) => JSON.stringify({ question: q, human_answers: [] }));
  await Deno.writeTextFile(join(dir, "open_qa.jsonl"), rows.join("\n") + "\n");
  await Deno.writeTextFile(join(dir, "book.txt"), BOOK);
  return dir;
}

interface Row {
  body: Record<string, unknown>;
  promptTokens: number;
}

function rowsOf(runDir: string): Row[] {
  const db = new DatabaseSync(join(runDir, "benchmark_data.db"));
  try {
    const rows = db.prepare("SELECT request, prompt_tokens, success FROM result").all();
    return rows.map((r) => {
      assert.equal(r.success, 1);
      return { body: JSON.parse(String(r.request)), promptTokens: Number(r.prompt_tokens) };
    });
  } finally {
    db.close();
  }
}

function base(url: string, dir: string, n = 6): string[] {
  return [
    "--model",
    "m",
    "--url",
    url,
    "--parallel",
    "2",
    "--number",
    String(n),
    "--max-tokens",
    "3",
    "--outputs-dir",
    join(dir, "out"),
  ];
}

Deno.test({
  ...opts,
  name:
    "--dataset-args target_input_len + prefix_file (system): every chat request has exactly N content tokens",
  async fn() {
    await withSimulator({ ttftMs: 1, itlMs: 1, seed: 4 }, async (sim, dir) => {
      await openqaDir(dir);
      const n = 150; // longer than book.txt: the prefix repeats
      const config = await configFrom([
        ...base(simEndpoints(sim).chat, dir),
        "--dataset",
        "openqa",
        "--dataset-path",
        dir,
        "--dataset-args",
        JSON.stringify({ target_input_len: n, prefix_file: join(dir, "book.txt") }),
      ]);
      const report = await runPerfWithOutput(config, { print: capture().print });
      const rows = rowsOf(report.runs[0].dir);
      assert.equal(rows.length, 6);
      for (const { body, promptTokens } of rows) {
        const messages = body.messages as { role: string; content: string }[];
        assert.deepEqual(messages.map((m) => m.role), ["system", "user"]);
        assert.ok(QUESTIONS.includes(messages[1].content));
        assert.ok(messages[0].content.startsWith("The harbour town woke slowly"));
        assert.equal(tok.count(messages[0].content) + tok.count(messages[1].content), n);
        // The simulator counts the chat the ChatML way: N + 3 + 5 per message.
        assert.equal(promptTokens, chatPromptTokens(tok, messages));
        assert.equal(promptTokens, n + 13);
      }
    });
  },
});

Deno.test({
  ...opts,
  name:
    "--dataset-args input_len_mode drop: line_by_line sends only prompts cut to exactly N tokens",
  async fn() {
    await withSimulator({ ttftMs: 1, itlMs: 1, seed: 4 }, async (sim, dir) => {
      const file = join(dir, "prompts.txt");
      await Deno.writeTextFile(file, [...QUESTIONS, BOOK].join("\n") + "\n");
      const n = 12; // only the last question and the book are longer
      const config = await configFrom([
        ...base(simEndpoints(sim).completions, dir, 4),
        "--dataset",
        "line_by_line",
        "--dataset-path",
        file,
        "--dataset-args",
        JSON.stringify({ target_input_len: n, input_len_mode: "drop" }),
      ]);
      const report = await runPerfWithOutput(config, { print: capture().print });
      const rows = rowsOf(report.runs[0].dir);
      assert.equal(rows.length, 4);
      const sent = new Set(rows.map((r) => r.body.prompt as string));
      assert.equal(sent.size, 2, "the two short questions were dropped");
      for (const { body, promptTokens } of rows) {
        const prompt = body.prompt as string;
        assert.equal(tok.count(prompt), n);
        assert.ok(QUESTIONS[2].startsWith(prompt) || BOOK.startsWith(prompt));
        assert.equal(promptTokens, n);
      }
    });
  },
});

Deno.test({
  ...opts,
  name:
    "--tokenize-prompt sends token ids for openqa (chat URL rewritten), padded to N by a user prefix",
  async fn() {
    await withSimulator({ ttftMs: 1, itlMs: 1, seed: 4 }, async (sim, dir) => {
      await openqaDir(dir);
      const n = 64;
      const config = await configFrom([
        ...base(simEndpoints(sim).chat, dir, 3),
        "--dataset",
        "openqa",
        "--dataset-path",
        dir,
        "--tokenize-prompt",
        "--dataset-args",
        JSON.stringify({
          target_input_len: n,
          prefix_file: join(dir, "book.txt"),
          prefix_role: "user",
        }),
      ]);
      assert.ok(config.url.endsWith("/v1/completions"));
      const report = await runPerfWithOutput(config, { print: capture().print });
      const rows = rowsOf(report.runs[0].dir);
      assert.equal(rows.length, 3);
      for (const { body, promptTokens } of rows) {
        const ids = body.prompt as number[];
        assert.ok(Array.isArray(ids) && ids.every(Number.isInteger));
        assert.equal(ids.length, n);
        assert.equal(promptTokens, n, "the simulator counted the ids it was sent");
        const text = tok.decode(ids);
        assert.ok(text.startsWith("The harbour town"));
        assert.ok(QUESTIONS.some((q) => text.endsWith(`\n\n${q}`)));
      }
    });
  },
});

Deno.test({
  ...opts,
  name: "--tokenize-prompt sends token ids for share_gpt conversations and --prompt",
  async fn() {
    await withSimulator({ ttftMs: 1, itlMs: 1, seed: 4 }, async (sim, dir) => {
      const file = join(dir, "common_en_70k.jsonl");
      const conv = {
        conversation: [{ human: "Hi there.", assistant: "Hello!" }, { human: "Why?" }],
      };
      await Deno.writeTextFile(file, JSON.stringify(conv) + "\n");
      const shared = await configFrom([
        ...base(simEndpoints(sim).completions, dir, 2),
        "--dataset",
        "share_gpt_en",
        "--dataset-path",
        file,
        "--tokenize-prompt",
      ]);
      const one = await runPerfWithOutput(shared, { print: capture().print });
      for (const { body, promptTokens } of rowsOf(one.runs[0].dir)) {
        assert.deepEqual(body.prompt, tok.encode("Hi there.\nHello!\nWhy?"));
        assert.equal(promptTokens, (body.prompt as number[]).length);
      }
      const literal = await configFrom([
        ...base(simEndpoints(sim).completions, dir, 2),
        "--prompt",
        "Count to three.",
        "--tokenize-prompt",
        "--name",
        "literal",
      ]);
      const two = await runPerfWithOutput(literal, { print: capture().print });
      for (const { body } of rowsOf(two.runs[0].dir)) {
        assert.deepEqual(body.prompt, tok.encode("Count to three."));
      }
    });
  },
});

Deno.test({
  ...opts,
  name: "--dataset-args with an unknown key exits 2 naming the key and the accepted ones",
  async fn() {
    await withTempDir(async (dir) => {
      await openqaDir(dir);
      const errors: string[] = [];
      const orig = console.error;
      console.error = (...a: unknown[]) => errors.push(a.join(" "));
      try {
        const code = await main([
          "perf",
          ...base("http://127.0.0.1:9/v1/chat/completions", dir),
          "--dataset",
          "openqa",
          "--dataset-path",
          dir,
          "--dataset-args",
          '{"target_len": 128}',
          "--no-calibrate",
        ]);
        assert.equal(code, 2);
        const err = errors.join("\n");
        assert.match(err, /'target_len' is not an option of --dataset openqa/);
        assert.match(err, /target_input_len, input_len_mode, prefix_file, prefix_role/);
        errors.length = 0;
        const random = await main([
          "perf",
          ...base("http://127.0.0.1:9/v1/completions", dir),
          "--dataset",
          "random",
          "--dataset-args",
          '{"target_input_len": 128}',
          "--no-calibrate",
        ]);
        assert.equal(random, 2);
        assert.match(errors.join("\n"), /--dataset random accepts no --dataset-args keys/);
      } finally {
        console.error = orig;
      }
    });
  },
});

Deno.test({
  ...opts,
  name: "--dataset-args refuses a missing prefix_file and JSON lines in line_by_line",
  async fn() {
    await withSimulator({ ttftMs: 1, itlMs: 1, seed: 4 }, async (sim, dir) => {
      const file = join(dir, "lines.txt");
      await Deno.writeTextFile(file, '[{"role": "user", "content": "hi"}]\nplain text\n');
      const args = [...base(simEndpoints(sim).chat, dir, 2), "--dataset", "line_by_line"];
      await assert.rejects(
        () =>
          configFrom([
            ...args,
            "--dataset-path",
            file,
            "--dataset-args",
            JSON.stringify({ target_input_len: 8, prefix_file: join(dir, "nope.txt") }),
          ]),
        (e: Error) => e instanceof UserError && /Cannot read prefix_file/.test(e.message),
      );
      const config = await configFrom([
        ...args,
        "--dataset-path",
        file,
        "--dataset-args",
        '{"target_input_len": 8}',
      ]);
      await assert.rejects(
        () => runPerfWithOutput(config, { print: capture().print }),
        (e: Error) => e instanceof UserError && /plain-text prompts only/.test(e.message),
      );
    });
  },
});

Deno.test("perf: ~ in --dataset-path, --tokenizer-path and --outputs-dir (from a config file) is the home folder", async () => {
  const home = await Deno.makeTempDir();
  const before = Deno.env.get("HOME");
  Deno.env.set("HOME", home);
  try {
    await Deno.writeTextFile(join(home, "p.jsonl"), '"hi"\n');
    const config = await configFrom([
      "--model",
      "m",
      "--url",
      "http://127.0.0.1:1/v1/chat/completions",
      "--dataset",
      "custom",
      "--dataset-path",
      "~/p.jsonl",
      "--outputs-dir",
      "~/out",
      "--no-timestamp",
    ]);
    assert.equal(config.datasetPath, join(home, "p.jsonl"));
    assert.ok(config.outputDir.startsWith(join(home, "out")), config.outputDir);
  } finally {
    if (before === undefined) Deno.env.delete("HOME");
    else Deno.env.set("HOME", before);
    await Deno.remove(home, { recursive: true });
  }
});
