import assert from "node:assert/strict";
import {
  escapeData,
  escapeProperty,
  gateAnnotations,
  maskCommands,
  secretValues,
  workflowCommand,
} from "./workflow_commands.ts";
import { perfSummary } from "./test_summaries.ts";

Deno.test("escapeData() escapes %, CR and LF; escapeProperty() also : and ,", () => {
  assert.equal(escapeData("50% a\r\nb: c,d"), "50%25 a%0D%0Ab: c,d");
  assert.equal(escapeProperty("50% a\r\nb: c,d"), "50%25 a%0D%0Ab%3A c%2Cd");
  // % first: an escape sequence in the text is not taken for one.
  assert.equal(escapeData("%0A"), "%250A");
});

Deno.test("workflowCommand() escapes the title property and the message", () => {
  assert.equal(
    workflowCommand("error", "p99 = 612\nmore", { title: "lmeter: gate, perf" }),
    "::error title=lmeter%3A gate%2C perf::p99 = 612%0Amore",
  );
});

Deno.test("gateAnnotations() matches the golden line for one failed gate", () => {
  assert.deepEqual(gateAnnotations(perfSummary()), [
    "::error title=lmeter perf gate::p99_ttft_ms = 612.3 ms > 500 ms (parallel_10_number_100)",
  ]);
});

Deno.test("gateAnnotations() prints at most 10 errors, then one warning roll-up for the rest", () => {
  const s = perfSummary();
  const f = s.failures[0];
  s.failures = Array.from({ length: 13 }, (_, i) => ({ ...f, run: `run_${i}%,\n` }));
  const lines = gateAnnotations(s);
  assert.equal(lines.length, 11);
  assert.equal(lines.filter((l) => l.startsWith("::error ")).length, 10);
  // The run name's %, comma and newline are data: escaped, and the message stays on one line.
  assert.equal(
    lines[0],
    "::error title=lmeter perf gate::p99_ttft_ms = 612.3 ms > 500 ms (run_0%25,%0A)",
  );
  assert.equal(
    lines[10],
    "::warning title=lmeter perf gates::3 more gate condition(s) held (13 in all); see the job summary and /runs/20260101_000000/qwen3",
  );
  s.failures = s.failures.slice(0, 10);
  assert.equal(gateAnnotations(s).length, 10, "exactly 10: no roll-up");
});

Deno.test("secretValues() finds keys by name, secret headers and the environment; maskCommands() masks each line", () => {
  const secrets = secretValues(
    {
      api_key: "sk-abcdef123456",
      model: "qwen3",
      headers: ["x-trace=1234567", "Authorization=Bearer tok-98765"],
      wandb_api_key: "EMPTY",
    },
    { EVALSCOPE_API_KEY: "env-secret-1", PATH: "/usr/bin" },
  );
  assert.deepEqual(secrets, [
    "sk-abcdef123456",
    "Bearer tok-98765",
    "tok-98765",
    "env-secret-1",
  ]);
  assert.deepEqual(maskCommands(["line1\nline%2"]), [
    "::add-mask::line1",
    "::add-mask::line%252",
  ]);
});
