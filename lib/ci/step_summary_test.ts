import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { cutMarkdown, delta, renderStepSummary } from "./step_summary.ts";
import { evalSummary, perfBaseline, perfSummary } from "./test_summaries.ts";

const GOLDEN = fileURLToPath(new URL("../../tests/fixtures/ci/", import.meta.url));

/** Compares with a golden file; `LMETER_UPDATE_GOLDEN=1` rewrites it. */
async function assertGolden(actual: string, name: string): Promise<void> {
  const path = GOLDEN + name;
  if (Deno.env.get("LMETER_UPDATE_GOLDEN") === "1") await Deno.writeTextFile(path, actual);
  assert.equal(actual, await Deno.readTextFile(path));
}

Deno.test("renderStepSummary() matches the golden perf summary with deltas and a failed gate", async () => {
  const md = renderStepSummary(perfSummary(), {
    baseline: { summary: perfBaseline(), label: "baseline/ci_summary.json" },
  });
  await assertGolden(md, "perf_step_summary.md.golden");
  assert.match(
    md,
    /\| parallel_1_number_100 \| 100 \(= 0\.00%\) \| 100 \(= 0\.00%\) \| 4\.12 \(✅ ↑ 3\.00%\)/,
  );
  assert.match(md, /612\.3 \(❌ ↑ 36\.06%\)/);
  assert.match(md, /❌ 1 condition\(s\) held \(2 checked\)/);
});

Deno.test("renderStepSummary() matches the golden eval summary without a baseline", async () => {
  await assertGolden(renderStepSummary(evalSummary()), "eval_step_summary.md.golden");
});

Deno.test("delta() marks the direction of a metric: smaller TTFT is better, count has no mark", () => {
  const m = (better: "smaller" | "bigger" | "neither") => ({
    key: "k",
    label: "k",
    unit: "",
    value: 90,
    better,
  });
  assert.equal(delta(m("smaller"), 100), " (✅ ↓ 10.00%)");
  assert.equal(delta(m("bigger"), 100), " (❌ ↓ 10.00%)");
  assert.equal(delta(m("neither"), 100), " (↓ 10.00%)");
  assert.equal(delta(m("bigger"), 0), "");
});

Deno.test("cutMarkdown() keeps a summary above 1 MiB under the limit and ends with the truncated line", () => {
  const line = "| run | 1.0 | 2.0 | 3.0 | ünïcödé ✅ |";
  const big = Array.from({ length: 40_000 }, (_, i) => `${line} ${i}`).join("\n");
  const limit = 1024 * 1024;
  assert.ok(new TextEncoder().encode(big).length > limit);
  const cut = cutMarkdown(big, { limitBytes: limit, where: "/runs/x" });
  const size = new TextEncoder().encode(cut).length;
  assert.ok(size <= limit, `${size} bytes`);
  assert.ok(size > limit - 200, `only ${size} bytes kept`);
  const last = cut.trimEnd().split("\n").at(-1)!;
  assert.match(
    last,
    /^_… truncated: \d+ of 40000 lines left out to stay under GitHub's 1024 KiB step-summary limit; the full results are in `\/runs\/x`\._$/,
  );
  const kept = cut.split("\n").filter((l) => l.startsWith("| run")).length;
  assert.equal(Number(/truncated: (\d+)/.exec(last)![1]), 40_000 - kept);
  // Whole lines only: the last kept table line is intact.
  assert.match(cut.split("\n")[kept - 1], new RegExp(`ünïcödé ✅ \\| ${kept - 1}$`));
});

Deno.test("cutMarkdown() leaves a summary that fits unchanged", () => {
  assert.equal(cutMarkdown("a\nb\n", { limitBytes: 4, where: "x" }), "a\nb\n");
});

Deno.test("renderStepSummary() of a huge sweep stays under the limit it is given", () => {
  const s = perfSummary();
  s.runs = Array.from({ length: 5000 }, (_, i) => ({ ...s.runs[0], name: `parallel_${i}` }));
  const md = renderStepSummary(s, { limitBytes: 64 * 1024 });
  assert.ok(new TextEncoder().encode(md).length <= 64 * 1024);
  assert.match(md, /truncated: \d+ of \d+ lines/);
});
