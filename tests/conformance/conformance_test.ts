/**
 * Runs every `*.jsonl` case file in this folder against the scorers (see `suite.ts`) and reports
 * each failing case by file and line (the runner is lib/eval/score/extract/conformance.ts). No case may take more than 1 s once the symbolic engine
 * has started.
 */

import assert from "node:assert/strict";
import { mathEqual } from "../../lib/eval/score/math/mod.ts";
import { conformanceFiles, runConformance } from "../../lib/eval/score/extract/conformance.ts";

const DIR = new URL(".", import.meta.url);

/** The longest one case may take (issue 19), after the engine's one-off start-up. */
const CASE_LIMIT_MS = 1000;

Deno.test("every conformance file has a runner", () => {
  for (const { file, known } of conformanceFiles(DIR)) assert.ok(known, `no runner for ${file}`);
});

mathEqual("\\sin x", "\\cos x"); // start the symbolic engine outside the per-case timing

for (const { file } of conformanceFiles(DIR)) {
  Deno.test(`conformance: ${file} — every case gives the expected extraction and verdict`, () => {
    const results = runConformance(DIR, { only: file });
    const failures = results.filter((r) => r.problem).map((r) =>
      `${r.file}:${r.line}: ${r.problem}`
    );
    assert.ok(results.length > 0, `${file} has no cases`);
    assert.deepEqual(failures, [], `${failures.length} of ${results.length} cases failed`);
    const slow = results.filter((r) => r.ms > CASE_LIMIT_MS).map((r) =>
      `${r.file}:${r.line}: ${r.ms.toFixed(0)} ms`
    );
    assert.deepEqual(slow, [], `cases over ${CASE_LIMIT_MS} ms`);
  });
}
