/**
 * The mutants of `deno task mutants`: semantic changes to lmeter's critical paths that a test must
 * catch. Each entry names the file, an anchor that occurs exactly once in it, the replacement, and
 * the test files that must fail on the change (docs/TESTING.md says how to add one).
 *
 * @module
 */
import type { Mutant } from "./harness.ts";

const PERCENTILE = ["lib/metrics/percentile_test.ts"];
const RECORD = ["lib/load/record_test.ts"];
const SSE = ["lib/client/sse_parser_test.ts"];
const H1 = ["lib/client/h1_test.ts"];
const PASS_AT_K = ["lib/metrics/pass_at_k_test.ts"];
const STATS = ["lib/metrics/stats_test.ts"];
const MATH = ["lib/eval/score/math/math_equal_test.ts"];
const EXTRACT = [
  "lib/eval/score/extract/gsm8k_test.ts",
  "lib/eval/score/extract/mcq_score_test.ts",
];
const MCQ = ["lib/eval/score/extract/multiple_choice_test.ts"];
const MASK = ["lib/client/mask_test.ts"];
const SCOPE = ["lib/jobs/scope_test.ts", "lib/jobs/run_scoped_test.ts"];
const RESUME = ["lib/util/hash_test.ts", "lib/eval/run/work_items_test.ts"];
const CLI = ["tests/cli_test.ts"];
const SANDBOX_ARGV = ["lib/sandbox/argv_test.ts"];
const PUNKT = ["lib/text/punkt_test.ts"];
const TREEBANK = ["lib/text/treebank_test.ts"];
const PY_STR = ["lib/text/py_str_test.ts"];
const CODE_EXTRACT = ["lib/eval/score/extract/code_test.ts"];
const CODE = ["tests/code/code_benchmarks_test.ts"];
const LANGDETECT = ["lib/text/langdetect/langdetect_test.ts"];

/** Every mutant, grouped by the path it breaks. */
export const MUTANTS: readonly Mutant[] = [
  // Percentiles (EvalScope's floor rank, and the two other methods).
  {
    id: "percentile-floor-ceil",
    file: "lib/metrics/percentile.ts",
    find: "const i = Math.floor(rank);",
    replace: "const i = Math.ceil(rank);",
    description: "the floor method rounds the rank up",
    tests: PERCENTILE,
  },
  {
    id: "percentile-rank-n-minus-1",
    file: "lib/metrics/percentile.ts",
    find: "const rank = Math.round(n * p * 1e6) / 1e8;",
    replace: "const rank = Math.round((n - 1) * p * 1e6) / 1e8;",
    description: "the rank is taken over N−1 instead of N",
    tests: PERCENTILE,
  },
  {
    id: "percentile-whole-rank-rounding",
    file: "lib/metrics/percentile.ts",
    find: "const rank = Math.round(n * p * 1e6) / 1e8;",
    replace: "const rank = (n * p) / 100;",
    description: "whole ranks are no longer kept whole (0.29·100 = 28.999…)",
    tests: PERCENTILE,
  },
  {
    id: "percentile-nearest-floor",
    file: "lib/metrics/percentile.ts",
    find: "const i = Math.max(0, Math.ceil(rank) - 1);",
    replace: "const i = Math.max(0, Math.floor(rank) - 1);",
    description: "the nearest-rank method rounds the rank down",
    tests: PERCENTILE,
  },
  {
    id: "percentile-linear-no-interpolation",
    file: "lib/metrics/percentile.ts",
    find: "const hi = Math.min(n - 1, lo + 1);",
    replace: "const hi = lo;",
    description: "the linear method stops interpolating",
    tests: PERCENTILE,
  },
  {
    id: "percentile-unsorted",
    file: "lib/metrics/percentile.ts",
    find: "return out.sort();",
    replace: "return out;",
    description: "sortedFinite no longer sorts",
    tests: PERCENTILE,
  },
  // TTFT, TPOT, ITL and latency of one request.
  {
    id: "ttft-first-content-token",
    file: "lib/load/record.ts",
    find: "t.firstChoiceEvent !== null ? t.firstChoiceEvent - t.sent : latency",
    replace: "t.firstToken !== null ? t.firstToken - t.sent : latency",
    description: "TTFT is timed at the first content token instead of the first choices event",
    tests: RECORD,
  },
  {
    id: "tpot-denominator",
    file: "lib/load/record.ts",
    find: "(latency - ttft) / (completion - 1)",
    replace: "(latency - ttft) / completion",
    description: "TPOT divides by all output tokens instead of those after the first",
    tests: RECORD,
  },
  {
    id: "itl-every-choice-event",
    file: "lib/load/record.ts",
    find: "const te = r.timing.tokenEvents;",
    replace: "const te = r.timing.choiceEvents;",
    description: "ITL gaps are taken between all choices events (role-only and finish chunks too)",
    tests: RECORD,
  },
  {
    id: "latency-ends-at-socket-end",
    file: "lib/load/record.ts",
    find: "const completed = t.lastEvent ?? t.end;",
    replace: "const completed = t.end;",
    description: "latency ends when the socket ends, not at the last event",
    tests: RECORD,
  },
  {
    id: "ttft-client-first-content",
    file: "lib/client/accumulator.ts",
    find: "if (this.firstChoiceEvent === null) this.firstChoiceEvent = ts;",
    replace:
      "if (this.firstChoiceEvent === null && (choices[0]?.delta?.content || choices[0]?.text)) this.firstChoiceEvent = ts;",
    description:
      "the client marks the first choices event only when it carries content (a role-only chunk is skipped)",
    tests: ["lib/client/accumulator_test.ts"],
  },
  {
    id: "token-event-role-chunk",
    file: "lib/client/accumulator.ts",
    find: "if (token) {\n          this.tokenEvents.push(ts);",
    replace: "{\n          this.tokenEvents.push(ts);",
    description: "a role-only chunk counts as a token event (an ITL gap and the first token)",
    tests: ["lib/client/accumulator_test.ts"],
  },
  // The client's ceiling: the share of it a run used.
  {
    id: "ceiling-no-request-cost",
    file: "lib/load/calibrate.ts",
    find:
      "((load.reqPerS * cal.costPerRequestUs + load.eventsPerS * cal.costPerEventUs) / 1e6) * 100",
    replace: "((load.eventsPerS * cal.costPerEventUs) / 1e6) * 100",
    description: "the ceiling share leaves out the cost per request",
    tests: ["lib/load/calibrate_test.ts"],
  },
  {
    id: "ceiling-fraction-not-percent",
    file: "lib/load/calibrate.ts",
    find:
      "((load.reqPerS * cal.costPerRequestUs + load.eventsPerS * cal.costPerEventUs) / 1e6) * 100",
    replace: "(load.reqPerS * cal.costPerRequestUs + load.eventsPerS * cal.costPerEventUs) / 1e6",
    description: "the ceiling share is a fraction where a percentage is printed",
    tests: ["lib/load/calibrate_test.ts"],
  },
  // SSE framing.
  {
    id: "sse-crlf-split",
    file: "lib/client/sse_parser.ts",
    find: "this.#skipLeadingLf = true;",
    replace: "this.#skipLeadingLf = false;",
    description:
      "a CR at the end of one read and its LF at the start of the next are two line ends",
    tests: SSE,
  },
  {
    id: "sse-data-join",
    file: "lib/client/sse_parser.ts",
    find: 'this.#data.join("\\n")',
    replace: 'this.#data.join("")',
    description: "data lines of one event are joined without newlines",
    tests: SSE,
  },
  {
    id: "sse-leading-space",
    file: "lib/client/sse_parser.ts",
    find: "line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2)",
    replace: "false ? line.slice(colon + 2)",
    description: "the one space after `data:` is kept",
    tests: SSE,
  },
  {
    id: "sse-lone-cr",
    file: "lib/client/sse_parser.ts",
    find: "if (c !== LF && c !== CR) continue;",
    replace: "if (c !== LF) continue;",
    description: "a lone CR no longer ends a line",
    tests: SSE,
  },
  {
    id: "sse-no-pending",
    file: "lib/client/sse_parser.ts",
    find: "pending: this.#hasFields ? this.#take() : null",
    replace: "pending: null",
    description: "an event cut off before its blank line is dropped",
    tests: SSE,
  },
  // HTTP/1.1 chunked bodies.
  {
    id: "chunk-size-decimal",
    file: "lib/client/h1.ts",
    find: "this.#chunkSize = this.#chunkSize * 16 + d;",
    replace: "this.#chunkSize = this.#chunkSize * 10 + d;",
    description: "chunk sizes are read as decimal",
    tests: H1,
  },
  {
    id: "chunk-extension-rejected",
    file: "lib/client/h1.ts",
    find: "this.#state = S.ChunkExt;",
    replace: 'return "malformed chunked encoding";',
    description: "a chunk extension (`5;name=v`) is refused",
    tests: H1,
  },
  {
    id: "chunk-data-end-unchecked",
    file: "lib/client/h1.ts",
    find: '} else if (c !== CR) {\n            return "chunk data longer than its declared size";',
    replace: '} else if (false) {\n            return "chunk data longer than its declared size";',
    description: "chunk data longer than its declared size is not an error",
    tests: H1,
  },
  {
    id: "chunk-trailers-skipped",
    file: "lib/client/h1.ts",
    find: "if (this.#trailerLineLen === 0) this.#state = S.Done;",
    replace: "this.#state = S.Done;",
    description: "the body ends at the first trailer line instead of the blank line after trailers",
    tests: H1,
  },
  {
    id: "content-length-short",
    file: "lib/client/h1.ts",
    find: "this.#remaining = len;",
    replace: "this.#remaining = len - 1;",
    description: "a body with a content-length loses its last byte",
    tests: H1,
  },
  // Answer comparison: math, GSM8K, multiple choice.
  {
    id: "math-rel-tol",
    file: "lib/eval/score/math/numeric.ts",
    find: "export const NUMERIC_REL_TOL = 1e-4;",
    replace: "export const NUMERIC_REL_TOL = 1e-2;",
    description: "numbers 1% apart count as equal",
    tests: MATH,
  },
  {
    id: "math-no-percentage",
    file: "lib/eval/score/math/math_equal.ts",
    find: "ctx.includePercentage ? [ref / 100, ref, ref * 100] : [ref]",
    replace: "[ref]",
    description: "the ÷100/×100 percentage rule is gone",
    tests: MATH,
  },
  {
    id: "gsm8k-number-tolerance",
    file: "lib/eval/score/math/math_equal.ts",
    find: "    isClose: false,\n    includePercentage: false,",
    replace: "    isClose: true,\n    includePercentage: false,",
    description: "GSM8K's exact number rule accepts 120006 for 120000",
    tests: MATH,
  },
  {
    id: "gsm8k-commas-kept",
    file: "lib/eval/score/extract/gsm8k_exact_match.ts",
    find: "const IGNORED = [/,/g, /\\$/g,",
    replace: "const IGNORED = [/\\$/g,",
    description: "lm-eval's GSM8K match no longer ignores commas",
    tests: EXTRACT,
  },
  {
    id: "gsm8k-strict-no-sign",
    file: "lib/eval/score/extract/gsm8k_strict.ts",
    find: "const STRICT = /#### (-?[0-9.,]+)/;",
    replace: "const STRICT = /#### ([0-9.,]+)/;",
    description: "GSM8K's strict match drops the minus sign of a negative answer",
    tests: EXTRACT,
  },
  {
    id: "gsm8k-final-period-everywhere",
    file: "lib/eval/score/extract/gsm8k_exact_match.ts",
    find: "/\\.(?=\\n?$)/",
    replace: "/\\./g",
    description: "lm-eval's GSM8K match drops every period, not only a final one",
    tests: EXTRACT,
  },
  {
    id: "mcq-case-sensitive",
    file: "lib/eval/score/extract/mcq_score.ts",
    find: "pyStrip(extracted).toLowerCase() === pyStrip(target).toLowerCase()",
    replace: "pyStrip(extracted) === pyStrip(target)",
    description: "multiple-choice exact match becomes case-sensitive",
    tests: EXTRACT,
  },
  {
    id: "mcq-partial-credit",
    file: "lib/eval/score/extract/mcq_score.ts",
    find: "return predicted.size / gold.size;",
    replace: "return 1;",
    description: "multi-choice accuracy gives full credit for a subset of the letters",
    tests: EXTRACT,
  },
  {
    id: "mcq-single-takes-many",
    file: "lib/eval/score/extract/multiple_choice.ts",
    find:
      'if (!multiple) return allowed.has(answer) ? [answer] : [];\n  answer = answer.replaceAll(" and "',
    replace: 'answer = answer.replaceAll(" and "',
    description: "single-answer questions accept a list of letters (`ANSWER: A, C`)",
    tests: MCQ,
  },
  {
    id: "choice-first-letter",
    file: "lib/eval/score/math/numeric.ts",
    find: "letters ? letters[letters.length - 1]",
    replace: "letters ? letters[0]",
    description: "choice_answer_clean takes the first letter instead of the last",
    tests: MATH,
  },
  // pass@k, pass^k.
  {
    id: "pass-at-k-early-one",
    file: "lib/metrics/pass_at_k.ts",
    find: "if (n - c < k) return 1;",
    replace: "if (n - c <= k) return 1;",
    description: "pass@k is 1 one failure too early",
    tests: PASS_AT_K,
  },
  {
    id: "pass-at-k-product",
    file: "lib/metrics/pass_at_k.ts",
    find: "prod *= 1 - k / i;",
    replace: "prod *= 1 - (k - 1) / i;",
    description: "the unbiased estimator's product is off by one",
    tests: PASS_AT_K,
  },
  {
    id: "pass-hat-k-with-replacement",
    file: "lib/metrics/pass_at_k.ts",
    find: "prod *= (c - i) / (n - i);",
    replace: "prod *= c / n;",
    description: "pass^k draws with replacement",
    tests: PASS_AT_K,
  },
  // Standard error and confidence intervals.
  {
    id: "stderr-population-variance",
    file: "lib/metrics/stats.ts",
    find: "return Math.sqrt(ss / (n - 1) / n);",
    replace: "return Math.sqrt(ss / n / n);",
    description: "the standard error uses the population variance",
    tests: STATS,
  },
  {
    id: "ci-cluster-df",
    file: "lib/metrics/stats.ts",
    find: "const half = tQuantile(0.975, k - 1) * stderr;",
    replace: "const half = tQuantile(0.975, n - 1) * stderr;",
    description:
      "the cluster-robust interval takes its t degrees of freedom from attempts, not items",
    tests: STATS,
  },
  {
    id: "ci-cluster-wilson",
    file: "lib/metrics/stats.ts",
    find: "if (!repeated && values.every((v) => v === 0 || v === 1)) {",
    replace: "if (values.every((v) => v === 0 || v === 1)) {",
    description: "repeated 0/1 attempts get a Wilson interval as if independent",
    tests: STATS,
  },
  {
    id: "ci-cluster-groups-across-subsets",
    file: "lib/eval/score/aggregate.ts",
    find: "groupBase += maxGroup + 1;",
    replace: "groupBase += 0;",
    description: "items of different subsets share cluster ids in the overall interval",
    tests: ["lib/eval/score/aggregate_test.ts"],
  },
  {
    id: "wilson-half-width",
    file: "lib/metrics/stats.ts",
    find: "z2 / (4 * n * n)",
    replace: "z2 / (4 * n)",
    description: "the Wilson interval's half width is wrong",
    tests: STATS,
  },
  // Resume key.
  {
    id: "resume-key-no-api-url",
    file: "lib/eval/run/work_items.ts",
    find: "return contentHash({ identity, body: options.body, attempt: options.attempt });",
    replace:
      "return contentHash({ identity: { model: identity.model }, body: options.body, attempt: options.attempt });",
    description: "the resume key forgets the endpoint URL",
    tests: RESUME,
  },
  {
    id: "resume-key-unsorted",
    file: "lib/util/hash.ts",
    find: "    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));",
    replace: "    ;",
    description: "the canonical JSON keeps key order, so equal requests get different keys",
    tests: RESUME,
  },
  {
    id: "resume-key-no-attempt",
    file: "lib/eval/run/work_items.ts",
    find: "return contentHash({ identity, body: options.body, attempt: options.attempt });",
    replace: "return contentHash({ identity, body: options.body });",
    description: "the attempts of one sample share one resume key",
    tests: RESUME,
  },
  // Permission scope of jobs.
  {
    id: "scope-read-everything",
    file: "lib/jobs/scope.ts",
    find: "read: uniq([...abs(parts.read), ...write, programRoot()]),",
    replace: 'read: ["/"],',
    description: "a job may read any file",
    tests: SCOPE,
  },
  {
    id: "scope-write-everything",
    file: "lib/jobs/scope.ts",
    find: "write: uniq(write),",
    replace: 'write: ["/"],',
    description: "a job may write any file",
    tests: SCOPE,
  },
  {
    id: "worker-write-true",
    file: "lib/jobs/run_scoped.ts",
    find: "write: scope.write.length > 0 ? scope.write : false,",
    replace: "write: true,",
    description: "the job's worker may write anywhere",
    tests: SCOPE,
  },
  {
    id: "worker-read-true",
    file: "lib/jobs/run_scoped.ts",
    find: "read: scope.read.length > 0 ? scope.read : false,",
    replace: "read: true,",
    description: "the job's worker may read anywhere",
    tests: SCOPE,
  },
  {
    id: "worker-net-true",
    file: "lib/jobs/run_scoped.ts",
    find: "net: scope.net.length > 0 ? scope.net : false,",
    replace: "net: true,",
    description: "the job's worker may reach any host",
    tests: SCOPE,
  },
  // Secret masking.
  {
    id: "mask-token",
    file: "lib/util/secret_name.ts",
    find: "(api[_-]?key|authorization|token|secret|password|cookie)",
    replace: "(api[_-]?key|authorization|secret|password|cookie)",
    description: "`*-token` headers and options are shown in clear",
    tests: MASK,
  },
  {
    id: "mask-secret",
    file: "lib/util/secret_name.ts",
    find: "(api[_-]?key|authorization|token|secret|password|cookie)",
    replace: "(api[_-]?key|authorization|token|password|cookie)",
    description: "`secret` fields are shown in clear",
    tests: MASK,
  },
  {
    id: "mask-password",
    file: "lib/util/secret_name.ts",
    find: "(api[_-]?key|authorization|token|secret|password|cookie)",
    replace: "(api[_-]?key|authorization|token|secret|cookie)",
    description: "`password` fields are shown in clear",
    tests: MASK,
  },
  {
    id: "mask-cookie",
    file: "lib/util/secret_name.ts",
    find: "(api[_-]?key|authorization|token|secret|password|cookie)",
    replace: "(api[_-]?key|authorization|token|secret|password)",
    description: "`cookie` headers are shown in clear",
    tests: MASK,
  },
  {
    id: "mask-bearer-value",
    file: "lib/client/mask.ts",
    find: "if (/^bearer\\s+/i.test(value))",
    replace: "if (false)",
    description: "a `Bearer …` value under an innocent key is shown in clear",
    tests: MASK,
  },
  {
    id: "mask-text",
    file: "lib/client/mask.ts",
    find: "out = out.split(s).join(maskSecret(s));",
    replace: "out = out.split(s).join(s);",
    description: "secrets in error messages are no longer masked",
    tests: MASK,
  },
  {
    id: "mask-report-fence",
    file: "lib/report/html/eval_report.ts",
    find: "isSecretName(k) && typeof v",
    replace: "false && typeof v",
    description: "the HTML report shows secret-named config values in clear",
    tests: ["lib/report/html/eval_report_test.ts"],
  },
  // Exit codes.
  {
    id: "exit-no-command",
    file: "lib/cli/main.ts",
    find: "return name === undefined ? 2 : 0;",
    replace: "return 0;",
    description: "lmeter without a command exits 0",
    tests: CLI,
  },
  {
    id: "exit-usage-default",
    file: "lib/errors.ts",
    find: "this.exitCode = options.exitCode ?? 2;",
    replace: "this.exitCode = options.exitCode ?? 1;",
    description: "usage errors exit 1 instead of 2",
    tests: CLI,
  },
  {
    id: "exit-unknown-command",
    file: "lib/cli/main.ts",
    find: "See 'lmeter --help'.`);\n    return 2;",
    replace: "See 'lmeter --help'.`);\n    return 1;",
    description: "an unknown command exits 1 instead of 2",
    tests: CLI,
  },
  {
    id: "exit-gate-failure",
    file: "lib/cli/perf.ts",
    find:
      "gate condition(s) failed; results are in ${report.outputDir}`,\n        );\n        return 1;",
    replace:
      "gate condition(s) failed; results are in ${report.outputDir}`,\n        );\n        return 0;",
    description: "a --fail-on condition that held exits 0",
    tests: ["tests/perf/cli_test.ts"],
    filter: "--fail-on",
  },
  // The code sandbox (lib/sandbox): what a model-written program can reach.
  {
    id: "sandbox-network-shared",
    file: "lib/sandbox/argv.ts",
    find: '"--unshare-all", //',
    replace: '"--share-net", //',
    description: "bwrap leaves the namespaces, the network among them, shared with the host",
    tests: [...SANDBOX_ARGV, "lib/sandbox/bwrap_test.ts"],
    filter: "network",
  },
  {
    id: "sandbox-root-writable",
    file: "lib/sandbox/argv.ts",
    find: '...["--remount-ro", "/"],',
    replace: "",
    description: "the sandbox's root stays a writable tmpfs without a size",
    tests: [...SANDBOX_ARGV, "lib/sandbox/bwrap_test.ts"],
    filter: "writ",
  },
  {
    id: "sandbox-oom-is-error",
    file: "lib/sandbox/process.ts",
    find: 'return "oom";\n  if (engine',
    replace: 'return "error";\n  if (engine',
    description: "a MemoryError under the memory limit is reported as a plain error",
    tests: ["lib/sandbox/open_test.ts"],
  },
  {
    id: "scope-run-anything",
    file: "lib/jobs/run_scoped.ts",
    find: "run: scope.run && scope.run.length > 0 ? scope.run : false,",
    replace: "run: true,",
    description: "a job's worker may start any program, not only the sandbox's launcher",
    tests: ["lib/jobs/run_scoped_test.ts"],
    filter: "launcher",
  },
  // IFEval's text tools (NLTK's Punkt and word_tokenize, Python str semantics): a slip changes
  // sentence and capital-word counts, so verdicts, without any error.
  {
    id: "punkt-ortho-mid-upper",
    file: "lib/text/punkt.ts",
    find: "if (token.firstUpper && (ortho & ORTHO_LC) && !(ortho & ORTHO_MID_UC)) return true;",
    replace: "if (token.firstUpper && (ortho & ORTHO_LC)) return true;",
    description: "a word seen capitalised mid-sentence still counts as a sentence starter",
    tests: PUNKT,
  },
  {
    id: "punkt-abbrev-after-hyphen",
    file: "lib/text/punkt.ts",
    find: "params.abbrevTypes.has(stem) || params.abbrevTypes.has(afterHyphen)",
    replace: "params.abbrevTypes.has(stem)",
    description: "an abbreviation after a hyphen (`ex-gov.`) is not recognised",
    tests: PUNKT,
  },
  {
    id: "punkt-no-realign",
    file: "lib/text/punkt.ts",
    find: "realign = m[0].length;",
    replace: "realign = 0;",
    description: "a closing quote or bracket after a break is kept by both sentences",
    tests: PUNKT,
  },
  {
    id: "punkt-space-only",
    file: "lib/text/punkt.ts",
    find: "if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return i - from;",
    replace: "if (c === 0x20) return i - from;",
    description:
      "the word before a candidate break is found after a space only, not a tab or newline",
    tests: PUNKT,
  },
  {
    id: "treebank-dotless-i",
    file: "lib/text/treebank.ts",
    find: 'if (ch === "i") out += "[iIİı]";',
    replace: 'if (ch === "i") out += "[iI]";',
    description: "contractions no longer match ı and İ as Python's case-blind i does",
    tests: TREEBANK,
  },
  {
    id: "treebank-final-period-closers",
    file: "lib/text/treebank.ts",
    find: "`([^.])(\\\\.)([\\\\])}>\"'»”’ ]*)${PY_SPACE_RE_SOURCE}*${END}`",
    replace: "`([^.])(\\\\.)([\\\\])}>\"' ]*)${PY_SPACE_RE_SOURCE}*${END}`",
    description: "curly closing quotes after the final period no longer split it off",
    tests: TREEBANK,
  },
  {
    id: "py-str-space-separators",
    file: "lib/text/py_str.ts",
    find: "(c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);",
    replace: "(c >= 0x09 && c <= 0x0d);",
    description: "split() and strip() miss Python's \\x1c-\\x1f separators",
    tests: PY_STR,
  },
  {
    id: "py-str-isupper-titlecase",
    file: "lib/text/py_str.ts",
    find: "const LOWER_OR_TITLE = /[\\p{Lowercase}\\p{Lt}]/u;",
    replace: "const LOWER_OR_TITLE = /\\p{Lowercase}/u;",
    description: "isupper() accepts titlecase letters (ǅ)",
    tests: PY_STR,
  },
  // Code benchmarks: extraction, program assembly, LiveCodeBench's grader, the private tests.
  {
    id: "lcb-first-two-fences",
    file: "lib/eval/score/extract/code.ts",
    find:
      'return lines.slice(fences[fences.length - 2] + 1, fences[fences.length - 1]).join("\\n");',
    replace: 'return lines.slice(fences[0] + 1, fences[1]).join("\\n");',
    description: "LiveCodeBench takes the first fenced block instead of the last",
    tests: CODE_EXTRACT,
  },
  {
    id: "mbpp-no-assert-cut",
    file: "lib/eval/score/extract/code.ts",
    find: 'for (const stop of ["\\nassert", \'\\n"""\']) code',
    replace: 'for (const stop of [\'\\n"""\']) code',
    description: "MBPP keeps the asserts a reply wrote after its code",
    tests: CODE_EXTRACT,
  },
  {
    id: "humaneval-no-prompt",
    file: "benchmarks/humaneval.ts",
    find: "`${sample.input}${code}\\n${sample.metadata?.test}",
    replace: "`${code}\\n${sample.metadata?.test}",
    description:
      "HumanEval runs the completion without the prompt (signature and docstring) before it",
    tests: CODE,
    filter: "humaneval",
  },
  {
    id: "mbpp-no-setup-code",
    file: "lib/eval/score/extract/code.ts",
    find: "return cutBefore(`${setupCode}\\n${code}`",
    replace: "return cutBefore(`\\n${code}`",
    description: "MBPP drops the task's test_setup_code",
    tests: [...CODE_EXTRACT, ...CODE],
    filter: "mbpp",
  },
  {
    id: "lcb-no-decimal-compare",
    file: "benchmarks/live_code_bench/harness.ts",
    find: "if dx is None or dy is None or dx != dy:",
    replace: "if True:",
    description: "LiveCodeBench compares output lines as text only ('2.5' is no longer '2.50')",
    tests: CODE,
    filter: "decimals",
  },
  {
    id: "lcb-private-tests-dropped",
    file: "benchmarks/live_code_bench.ts",
    find: '      ...await decodeTestCases(String(meta.private_test_cases ?? "[]")),\n',
    replace: "",
    description: "LiveCodeBench runs only the public tests",
    tests: CODE,
    filter: "stdin problems",
  },
  {
    id: "pickle-frame-not-skipped",
    file: "lib/data/pickle.ts",
    find: "need(8);\n        at += 8;\n        break;\n      case SHORT_BINUNICODE",
    replace: "need(8);\n        break;\n      case SHORT_BINUNICODE",
    description: "the pickle reader reads a frame's length as opcodes",
    tests: ["lib/data/pickle_test.ts"],
  },
  {
    id: "run-limit-handoff",
    file: "lib/eval/benchmark/execution.ts",
    find:
      "else running++;\n      try {\n        return await runner.run(request);\n      } finally {\n        const next = waiting.shift();\n        if (next) next();\n        else running--;",
    replace:
      "running++;\n      try {\n        return await runner.run(request);\n      } finally {\n        running--;\n        waiting.shift()?.();",
    description:
      "a finished run frees its slot before the woken waiter takes it, so a new call slips in",
    tests: ["lib/eval/benchmark/execution_test.ts"],
  },
  // Language detection (IFEval's langdetect port): a wrong language flips checker verdicts.
  {
    id: "langdetect-capital-run",
    file: "lib/text/langdetect/ngram.ts",
    find: "if (isUpperCodePoint(last)) capitalWord = true;",
    replace: "if (isUpperCodePoint(last)) capitalWord = false;",
    description: "words in capitals give n-grams (langdetect skips them)",
    tests: LANGDETECT,
  },
  {
    id: "langdetect-convergence-check",
    file: "lib/text/langdetect/detector.ts",
    find: "i % 5 === 0",
    replace: "i % 4 === 0",
    description: "the trials normalise and test convergence every 4 steps instead of 5",
    tests: LANGDETECT,
  },
  {
    id: "langdetect-cleaning-ratio",
    file: "lib/text/langdetect/detector.ts",
    find: "if (latin * 2 >= nonLatin) return count;",
    replace: "if (latin >= nonLatin) return count;",
    description: "ASCII letters are dropped when non-Latin letters merely outnumber them",
    tests: LANGDETECT,
  },
  {
    id: "langdetect-mail-kept",
    file: "lib/text/langdetect/detector.ts",
    find: 't = t.replace(MAIL_RE, " ");',
    replace: "t = t.slice(0);",
    description: "e-mail addresses are read as text",
    tests: LANGDETECT,
  },
  {
    id: "gauss-no-second-deviate",
    file: "lib/util/py_random.ts",
    find: "this.#gaussNext = Math.sin(x2pi) * g2rad;",
    replace: "this.#gaussNext = undefined;",
    description: "gauss() draws a new pair every call instead of using the cached sine deviate",
    tests: ["lib/util/py_random_test.ts", ...LANGDETECT],
  },
];
