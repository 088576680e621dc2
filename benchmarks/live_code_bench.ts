/**
 * LiveCodeBench (code generation, `code_generation_lite` releases): contest problems with
 * standard-input or call-based (LeetCode `Solution` method) tests. The program is the code between
 * the last two fence lines of the reply; lmeter's own grader (live_code_bench/harness.ts) runs every
 * public and private test in one sandbox run per sample, each with its own time limit, and stops
 * at the first failure. `acc` is 1 when every test passes.
 *
 * @module
 */
import {
  defineBenchmark,
  lastFencedCode,
  optionalText,
  requireSandbox,
  type Row,
  type Sample,
  type Score,
  type Scorer,
  stderrTail,
  type TestResult,
  type TestStatus,
  textField,
} from "../lib/eval/define.ts";
import { UserError } from "../lib/errors.ts";
import { LCB_HARNESS } from "./live_code_bench/harness.ts";
import { decodeTestCases } from "./live_code_bench/test_cases.ts";

const SYSTEM_PROMPT =
  "You are an expert Python programmer. You will be given a question (problem specification) and will generate a correct Python program that matches the specification and passes all tests. You will NOT return anything except for the program.";

const WITH_STARTER =
  "### Format: You will use the following starter code to write the solution to the problem and enclose your code within delimiters.\n```python\n{starter}\n```\n\n";

const FROM_STDIN =
  "### Format: Read the inputs from stdin solve the problem and write the answer to stdout (do not directly test on the sample inputs). Enclose your code within delimiters as follows.\n```python\n# YOUR CODE HERE\n```\n\n";

/** The release tags: cumulative `release_*`, single versions `v*` and ranges `vA_vB`. */
const VERSIONS = ["v1", "v2", "v3", "v4", "v5", "v6"];
const SUBSETS = [
  "release_latest",
  ...VERSIONS.map((v) => `release_${v}`),
  ...VERSIONS,
  ...VERSIONS.flatMap((a, i) => VERSIONS.slice(i + 1).map((b) => `${a}_${b}`)),
];

/** Seconds each test may run when the run sets no `review_timeout`. */
const TEST_TIMEOUT = 6;

/** The day (`YYYY-MM-DD`) of a contest date as the dataset stores it (ISO text or a date). */
function contestDay(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value ?? "").slice(0, 10);
}

function checkDay(value: unknown, name: string): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new UserError(
      `Invalid dataset_args.live_code_bench.extra_params.${name}: ${JSON.stringify(value)}`,
      'Give a day as "YYYY-MM-DD", e.g. "2024-08-01".',
    );
  }
  return value;
}

function toSample(record: Row): Sample {
  const meta = optionalText(record, "metadata");
  const fnName = meta ? (JSON.parse(meta) as { func_name?: unknown }).func_name : undefined;
  return {
    input: textField(record, "question_content"),
    target: "",
    id: textField(record, "question_id"),
    metadata: {
      question_id: textField(record, "question_id"),
      contest_date: contestDay(record.contest_date),
      platform: optionalText(record, "platform") ?? "",
      difficulty: optionalText(record, "difficulty") ?? "",
      starter_code: optionalText(record, "starter_code") ?? "",
      fn_name: typeof fnName === "string" && fnName !== "" ? fnName : null,
      public_test_cases: optionalText(record, "public_test_cases") ?? "[]",
      private_test_cases: optionalText(record, "private_test_cases") ?? "[]",
    },
  };
}

/** Maps the grader's result codes to per-test results. */
function testResults(codes: unknown[], total: number, detail: Record<string, unknown>) {
  const status = (code: unknown): TestStatus =>
    code === true
      ? "passed"
      : code === -2
      ? "failed"
      : code === -3
      ? "timeout"
      : detail.stage === "load"
      ? "compile_error"
      : "runtime_error";
  return Array.from({ length: total }, (_, index): TestResult => {
    if (index >= codes.length) return { index, status: "not_run" };
    const s = status(codes[index]);
    return s === "passed" ? { index, status: s } : {
      index,
      status: s,
      detail: String(detail.error_message ?? ""),
    };
  });
}

const scorer: Scorer = {
  id: "live_code_bench:exec",
  kind: "external",
  async score({ extracted, sample }, ctx): Promise<Score> {
    const sandbox = requireSandbox(ctx, "live_code_bench");
    const meta = sample.metadata ?? {};
    const tests = [
      ...await decodeTestCases(String(meta.public_test_cases ?? "[]")),
      ...await decodeTestCases(String(meta.private_test_cases ?? "[]")),
    ];
    const timeout = ctx.reviewTimeout ?? TEST_TIMEOUT;
    const nonce = `lmeter-result-${crypto.randomUUID()}:`;
    const stdin = JSON.stringify({
      code: extracted,
      fn_name: meta.fn_name ?? null,
      tests: tests.map((t) => ({ input: t.input, output: t.output })),
      timeout,
      nonce,
    });
    // Every test may use its limit, plus a second each and five for start-up (as upstream).
    const wallSeconds = (timeout + 1) * Math.max(tests.length, 1) + 5;
    const result = await sandbox.run({
      source: LCB_HARNESS,
      stdin,
      timeoutMs: wallSeconds * 1000,
    });
    const line = result.stdout.split("\n").find((l) => l.startsWith(nonce));
    const report = line
      ? JSON.parse(line.slice(nonce.length)) as {
        results: unknown[];
        detail: Record<string, unknown>;
      }
      : null;
    const results = report
      ? testResults(report.results, tests.length, report.detail)
      : testResults([], tests.length, {});
    if (!report && tests.length > 0) {
      const status: TestStatus = result.status === "timeout" ? "timeout" : "runtime_error";
      results[0] = { index: 0, status, detail: `the grader gave no result (${result.status})` };
    }
    const passed = report !== null && tests.length > 0 &&
      results.every((r) => r.status === "passed");
    return {
      value: { acc: passed ? 1 : 0 },
      extracted,
      main: "acc",
      explanation: passed
        ? `passed ${tests.length} tests`
        : String(report?.detail.error_message ?? result.status),
      metadata: {
        execution: {
          status: result.status,
          exit_code: result.exitCode,
          wall_ms: Math.round(result.wallMs),
          timeout_s: timeout,
          stderr_tail: stderrTail(result.stderr),
          tests: results,
          detail: report?.detail ?? null,
        },
      },
    };
  },
};

/** The `live_code_bench` benchmark. */
export const liveCodeBench = defineBenchmark({
  name: "live_code_bench",
  prettyName: "LiveCodeBench",
  description:
    "Contest programming problems (LeetCode, AtCoder, Codeforces) released over time; subsets are LiveCodeBench releases, extra_params start_date/end_date keep problems by contest date. The code between the last two fence lines runs in the sandbox against every public and private test (6 s each); acc is 1 when all pass, with pass@k over repeats.",
  version: "1",
  tags: ["code"],
  paperUrl: "https://arxiv.org/abs/2403.07974",
  dataset: {
    id: "evalscope/livecodebench_code_generation_lite_parquet",
    evalSplit: "test",
    subsets: SUBSETS,
    defaultSubsets: ["release_latest"],
  },
  toSample,
  prompt: {
    style: "text",
    template:
      "### Question:\n{question}\n\n{format_prompt} ### Answer: (use the provided format with backticks)\n\n",
    fewShotNum: 0,
    systemPrompt: SYSTEM_PROMPT,
    values: (sample) => {
      const starter = String(sample.metadata?.starter_code ?? "");
      return {
        format_prompt: starter ? WITH_STARTER.replace("{starter}", () => starter) : FROM_STDIN,
      };
    },
  },
  extract: { name: "code:last-two-fences", extract: (text) => lastFencedCode(text) },
  runsCode: true,
  scorer,
  metrics: [{ name: "acc" }],
  // The mean of `acc` over every attempt is pass@1 (EvalScope v0 names it so).
  metricLabels: { acc: "Pass@1" },
  aggregation: "mean_and_pass_at_k",
  reviewTimeout: TEST_TIMEOUT,
  extraParams: {
    start_date: {
      default: null,
      help: "Keep problems whose contest date is on or after this day (YYYY-MM-DD)",
    },
    end_date: {
      default: null,
      help: "Keep problems whose contest date is on or before this day (YYYY-MM-DD)",
    },
  },
  configure(params) {
    const start = checkDay(params.start_date, "start_date");
    const end = checkDay(params.end_date, "end_date");
    if (start === null && end === null) return {};
    return {
      toSample(record) {
        const sample = toSample(record);
        const day = String(sample.metadata?.contest_date ?? "");
        if (start !== null && day < start) return null;
        if (end !== null && day > end) return null;
        return sample;
      },
    };
  },
});
