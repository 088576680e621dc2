/**
 * How fast the code sandbox runs HumanEval-sized programs (a function with its docstring, a
 * completion, a `check` with 8 asserts; ~0.9 KB): programs per second through `lib/sandbox` at
 * concurrency 1 and 2, and the same program run by a bare `/usr/bin/python3 -I` (no sandbox,
 * one after another) for the per-run overhead. Every program must pass (status ok), or the
 * benchmark stops. Target (issue 15): ≥ 25 programs/s at concurrency 2 on 2 cores.
 *
 * Usage: deno run -A bench/sandbox.ts [--programs 200] [--engine bwrap]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { openSandbox, type SandboxEngine, TOOL_PATHS } from "../lib/sandbox/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { programs: { type: "string" }, engine: { type: "string" } },
});
const N = Math.max(10, Number(values.programs ?? 200));
const ENGINE = (values.engine ?? "bwrap") as SandboxEngine;

/** A HumanEval-shaped program: prompt (signature + docstring), completion, test, check call. */
function program(i: number): string {
  return [
    "from typing import List",
    "",
    "",
    "def longest_run(values: List[int]) -> int:",
    '    """Return the length of the longest stretch of equal neighbouring values.',
    "    An empty list has no stretch at all.",
    "    >>> longest_run([4, 4, 1, 1, 1, 2])",
    "    3",
    "    >>> longest_run([])",
    "    0",
    '    """',
    "    best = 0",
    "    current = 0",
    "    for i, v in enumerate(values):",
    "        current = current + 1 if i > 0 and values[i - 1] == v else 1",
    "        best = max(best, current)",
    "    return best",
    "",
    "",
    `METADATA = {"author": "lmeter", "dataset": "bench", "run": ${i}}`,
    "",
    "",
    "def check(candidate):",
    "    assert candidate([4, 4, 1, 1, 1, 2]) == 3",
    "    assert candidate([]) == 0",
    "    assert candidate([7]) == 1",
    "    assert candidate([1, 2, 3, 4]) == 1",
    "    assert candidate([5, 5, 5, 5, 5]) == 5",
    "    assert candidate([0, 1, 1, 0, 0, 0, 0, 1]) == 4",
    "    assert candidate(list(range(100)) + [99] * 10) == 11",
    "    assert candidate([-1, -1, 2, 2]) == 2",
    "",
    "",
    "check(longest_run)",
    "",
  ].join("\n");
}

function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

/** Bare python3 runs, one after another: ms per run. */
async function bare(n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const out = await new Deno.Command(TOOL_PATHS.python, {
      args: ["-I", "-c", program(i)],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(`bare python3 failed: ${new TextDecoder().decode(out.stderr)}`);
    }
  }
  return (performance.now() - start) / n;
}

/** Sandboxed runs with `concurrency` at once: programs per second and ms per run (wall, as seen by one run). */
async function sandboxed(n: number, concurrency: number): Promise<{ perS: number; runMs: number }> {
  const sb = await openSandbox({ engine: ENGINE, concurrency });
  try {
    let next = 0;
    let runMsTotal = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const r = await sb.run({ source: program(i), timeoutMs: 10_000 });
        if (r.status !== "ok") throw new Error(`program ${i}: ${r.status}\n${r.stderr}`);
        runMsTotal += r.wallMs;
      }
    }));
    const s = (performance.now() - start) / 1000;
    return { perS: n / s, runMs: runMsTotal / n };
  } finally {
    await sb.close();
  }
}

console.log(`engine ${ENGINE}, ${N} programs each, ${program(0).length} bytes per program`);
console.log(`load average before: ${loadAverage()}`);
const bareMs = await bare(Math.min(N, 100));
console.log(
  `bare python3 -I:        ${bareMs.toFixed(1)} ms per run (${(1000 / bareMs).toFixed(1)}/s)`,
);
const c1 = await sandboxed(N, 1);
console.log(
  `sandbox concurrency 1:  ${c1.perS.toFixed(1)} programs/s, ${
    c1.runMs.toFixed(1)
  } ms per run, overhead vs bare ${(c1.runMs - bareMs).toFixed(1)} ms`,
);
const c2 = await sandboxed(N, 2);
console.log(
  `sandbox concurrency 2:  ${c2.perS.toFixed(1)} programs/s, ${c2.runMs.toFixed(1)} ms per run`,
);
console.log(`load average after: ${loadAverage()}`);
