import assert from "node:assert/strict";
import { formatOutputs } from "./outputs.ts";

Deno.test("formatOutputs() writes key=value lines and the heredoc form for a multi-line value", () => {
  const text = formatOutputs(
    {
      "results-dir": "/runs/x",
      passed: "false",
      "gate-failures": "2",
      "failed-gates": "p99_ttft_ms = 612 ms > 500 ms (a)\nsuccess_rate = 90% < 99% (b)",
    },
    { delimiter: () => "ghadelimiter_TEST" },
  );
  assert.equal(
    text,
    [
      "results-dir=/runs/x",
      "passed=false",
      "gate-failures=2",
      "failed-gates<<ghadelimiter_TEST",
      "p99_ttft_ms = 612 ms > 500 ms (a)",
      "success_rate = 90% < 99% (b)",
      "ghadelimiter_TEST",
      "",
    ].join("\n"),
  );
});

Deno.test("formatOutputs() refuses a value that holds its delimiter and a bad name", () => {
  assert.throws(
    () => formatOutputs({ a: "x\nEOF\ny" }, { delimiter: () => "EOF" }),
    /holds the delimiter/,
  );
  assert.throws(() => formatOutputs({ "a=b": "x" }), /not a valid output name/);
});

Deno.test("formatOutputs() makes a fresh random delimiter by default", () => {
  const text = formatOutputs({ a: "1\n2" });
  assert.match(text, /^a<<(ghadelimiter_[0-9a-f-]{36})\n1\n2\n\1\n$/);
});
