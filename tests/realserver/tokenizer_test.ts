/** Prompt lengths on the real llama-server: the GGUF file's own tokenizer makes `random` prompts
 * exactly the asked length in the server's `usage.prompt_tokens`. */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { runPerfWithOutput } from "../../lib/jobs/perf_job.ts";
import { loadTokenizer } from "../../lib/tokenizer/mod.ts";
import { capture, configFrom, withTempDir } from "../perf/helpers.ts";
import { MODEL_GGUF, realServerTest, startRealServer } from "./server.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

Deno.test({
  ...opts,
  ...realServerTest(
    "real server: the GGUF tokenizer encodes text exactly as the server's /tokenize",
  ),
  async fn() {
    const server = await startRealServer({ parallel: 1 });
    try {
      const tok = await loadTokenizer(MODEL_GGUF);
      for (
        const text of [
          "Once upon a time, there was a little dog named Max.",
          "Ünïcödé 日本語 and <s> tokens, 12345 digits\n\ttabs",
          "  leading and  double  spaces ",
        ]
      ) {
        const r = await fetch(`${server.url}/tokenize`, {
          method: "POST",
          body: JSON.stringify({ content: text }),
        });
        const { tokens } = await r.json();
        assert.deepEqual(tok.encode(text), tokens, text);
      }
    } finally {
      await server.close();
    }
  },
});

for (const spec of ["gguf", "server"] as const) {
  Deno.test({
    ...opts,
    ...realServerTest(
      `real server: --tokenizer-path ${
        spec === "gguf" ? "model.gguf" : "server"
      } makes random prompts exactly the asked length in usage.prompt_tokens`,
    ),
    async fn() {
      const server = await startRealServer({ parallel: 2 });
      try {
        await withTempDir(async (dir) => {
          const config = await configFrom([
            "--model",
            "stories",
            "--url",
            server.completions,
            "--parallel",
            "2",
            "--number",
            "6",
            "--max-tokens",
            "4",
            "--dataset",
            "random",
            "--min-prompt-length",
            "150",
            "--max-prompt-length",
            "300",
            "--tokenizer-path",
            spec === "gguf" ? MODEL_GGUF : "server",
            "--outputs-dir",
            dir,
          ]);
          const out = capture();
          const report = await runPerfWithOutput(config, { print: out.print });
          const run = report.runs[0];
          assert.equal(run.summary.success, 6, out.text());
          assert.equal(run.tokens.promptVsTarget, 1, JSON.stringify(run.tokens));
          const db = new DatabaseSync(join(run.dir, "benchmark_data.db"));
          const rows = db.prepare("SELECT prompt_tokens, token_source FROM result").all();
          db.close();
          for (const r of rows) assert.equal(r.token_source, "usage");
          assert.doesNotMatch(out.text(), /prompts meant to be/);
        });
      } finally {
        await server.close();
      }
    },
  });
}
