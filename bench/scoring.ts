/**
 * Scoring throughput and precision. 10k synthetic math responses and 10k multiple-choice
 * responses (seeded), scored the way `math:evalscope` and `mcq:evalscope` score them: comparisons
 * per second and the slowest single comparison with its input. Then the conformance suite
 * (`tests/conformance`) per benchmark: how many labelled cases are false positives (a wrong answer
 * credited) and false negatives (a right answer missed).
 *
 *   deno run --allow-all bench/scoring.ts [--n 10000] [--seed 42]
 *
 * @module
 */

import { extractMathAnswer, mathEqual, normalizeMathAnswer } from "../lib/eval/score/math/mod.ts";
import { exactMatchScore, parseMultipleChoice } from "../lib/eval/score/extract/mod.ts";
import { mulberry32, type Random } from "../lib/util/random.ts";
import { type CaseResult, runConformance } from "../lib/eval/score/extract/conformance.ts";

interface Item {
  response: string;
  target: string;
}

function flag(name: string, fallback: number): number {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Number(Deno.args[at + 1]) : fallback;
}

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];
const int = (random: Random, max: number) => Math.floor(random() * max);

const FILLER = [
  "First, note that the total is the sum of both parts. ",
  "Let x be the unknown; then 3x + 4 = 19, so x = 5. ",
  "We compute $\\frac{12}{4} = 3$ and multiply by $7$. ",
  "Check: $2^{5} = 32$, which matches the constraint. ",
  "So the remaining amount is $48 - 24 = 24$ dollars. ",
];

/** One synthetic math response and its target; the mix of forms follows MATH/GSM8K outputs. */
function mathItem(random: Random): Item {
  const reasoning = Array.from({ length: 1 + int(random, 6) }, () => pick(random, FILLER)).join("");
  const n = int(random, 2000) - 200;
  const wrong = random() < 0.3;
  const p = 1 + int(random, 12);
  const q = 2 + int(random, 12);
  const kind = random();
  let answer: string;
  let target: string;
  if (kind < 0.35) {
    answer = `\\boxed{${wrong ? n + 1 : n}}`;
    target = String(n);
  } else if (kind < 0.5) {
    answer = `The answer is ${(wrong ? n + 3 : n).toLocaleString("en-US")}.`;
    target = String(n);
  } else if (kind < 0.62) {
    answer = `\\boxed{\\dfrac{${p}}{${q}}}`;
    target = wrong ? `\\frac{${p + 1}}{${q}}` : String(p / q);
  } else if (kind < 0.7) {
    answer = `\\boxed{${p}\\sqrt{${q}}}`;
    target = wrong ? `\\sqrt{${p * p * q + 1}}` : `\\sqrt{${p * p * q}}`;
  } else if (kind < 0.78) {
    answer = `\\boxed{x^2 + ${2 * p}x + ${p * p}}`;
    target = wrong ? `(x+${p + 1})^2` : `(x+${p})^2`;
  } else if (kind < 0.84) {
    answer = `\\boxed{(${p}, ${wrong ? q + 1 : q}]}`;
    target = `(${p},${q}]`;
  } else if (kind < 0.9) {
    answer = `\\boxed{${p * 5}\\%}`;
    target = wrong ? String(p * 5 + 1) : String(p / 20);
  } else if (kind < 0.95) {
    answer = `\\boxed{${n} \\text{ cm}^2}`;
    target = wrong ? `${n + 2}` : `${n}\\text{ cm}^2`;
  } else if (kind < 0.99) {
    answer = `So the total is ${n} apples and ${p} pears, ${n + p} in all`;
    target = String(n + p);
  } else {
    answer = pick(random, [
      "\\boxed{2024^{4046}}",
      "\\boxed{10^{10^{10}}}",
      "\\boxed{1/2004!}",
      `\\boxed{${"\\frac{1}{1+".repeat(30)}2${"}".repeat(30)}}`,
      `The answer is ${"{[(".repeat(1700)}`,
      `\\boxed{${"1+".repeat(2500)}1}`,
    ]);
    target = pick(random, ["1", "0", "2024^{4046}+1", "0.618034"]);
  }
  return { response: reasoning + answer, target };
}

const LETTERS = "ABCD";

/** One synthetic multiple-choice response with its target letter. */
function mcqItem(random: Random): Item {
  const target = pick(random, [...LETTERS]);
  const shown = random() < 0.25 ? pick(random, [...LETTERS]) : target;
  const reasoning = "Option A is too small and option B ignores the units. ".repeat(
    1 + int(random, 4),
  );
  const ending = pick(random, [
    `ANSWER: ${shown}`,
    `**ANSWER:** (${shown})`,
    `Answer: ${shown}, because the others fail.`,
    `I think the answer is ${shown}. Because`,
    `答案：${shown}`,
  ]);
  return { response: reasoning + ending, target };
}

interface Result {
  perSecond: number;
  slowestMs: number;
  slowest: string;
  totalMs: number;
  correct: number;
}

function measure(items: Item[], score: (item: Item) => boolean): Result {
  let slowestMs = 0;
  let slowest = "";
  let correct = 0;
  const start = performance.now();
  for (const item of items) {
    const t0 = performance.now();
    if (score(item)) correct++;
    const ms = performance.now() - t0;
    if (ms > slowestMs) {
      slowestMs = ms;
      slowest = item.response;
    }
  }
  const totalMs = performance.now() - start;
  return { perSecond: items.length / (totalMs / 1000), slowestMs, slowest, totalMs, correct };
}

function show(label: string, count: number, r: Result): void {
  const input = r.slowest.length > 90
    ? `${r.slowest.slice(0, 60)}… (${r.slowest.length} chars)`
    : r.slowest;
  console.log(
    `${label}: ${count} comparisons in ${r.totalMs.toFixed(0)} ms = ` +
      `${Math.round(r.perSecond).toLocaleString("en-US")} comparisons/s; ${r.correct} correct`,
  );
  console.log(
    `  slowest single comparison: ${r.slowestMs.toFixed(1)} ms — ${JSON.stringify(input)}`,
  );
}

/** Which benchmarks each case file (and GSM8K variant) stands for. */
function benchmarkOf(result: CaseResult): string | undefined {
  switch (result.file) {
    case "math.jsonl":
      return "math_500, competition_math";
    case "gsm8k.jsonl":
      return result.variant === "evalscope" ? "gsm8k" : `gsm8k (variant ${result.variant})`;
    case "aime.jsonl":
      return "aime24, aime25";
    case "mcq.jsonl":
      return "multiple choice (mmlu, arc, ceval, …)";
    default:
      return undefined; // drop, think: no credited/not-credited verdict
  }
}

interface Tally {
  cases: number;
  falsePositives: number;
  falseNegatives: number;
  failing: number;
}

function tally(rows: Map<string, Tally>, key: string, result: CaseResult): void {
  const row = rows.get(key) ?? { cases: 0, falsePositives: 0, falseNegatives: 0, failing: 0 };
  row.cases++;
  if (result.problem) row.failing++;
  if (result.credit && result.credit.got && !result.credit.expected) row.falsePositives++;
  if (result.credit && !result.credit.got && result.credit.expected) row.falseNegatives++;
  rows.set(key, row);
}

/** Prints false positives and false negatives of the conformance suite per benchmark. */
function precisionReport(): void {
  const results = runConformance(new URL("../tests/conformance/", import.meta.url));
  const byBenchmark = new Map<string, Tally>();
  const byCategory = new Map<string, Tally>();
  for (const result of results) {
    const benchmark = benchmarkOf(result);
    if (!benchmark) continue;
    tally(byBenchmark, benchmark, result);
    if (result.file === "math.jsonl" && result.category) {
      tally(byCategory, result.category, result);
    }
  }
  const line = (label: string, t: Tally) =>
    `  ${label.padEnd(40)} ${String(t.cases).padStart(5)} ${String(t.falsePositives).padStart(8)} ${
      String(t.falseNegatives).padStart(8)
    } ${String(t.failing).padStart(8)}`;
  console.log(
    "conformance cases per benchmark (FP: wrong answer credited; FN: right answer missed)",
  );
  console.log(
    `  ${"benchmark".padEnd(40)} ${"cases".padStart(5)} ${"FP".padStart(8)} ${"FN".padStart(8)} ${
      "failing".padStart(8)
    }`,
  );
  for (const [label, t] of byBenchmark) console.log(line(label, t));
  console.log("  math cases by category:");
  for (const [label, t] of byCategory) console.log(line(`  ${label}`, t));
  const slowest = results.reduce((a, b) => (b.ms > a.ms ? b : a));
  console.log(`  slowest case: ${slowest.file}:${slowest.line} ${slowest.ms.toFixed(1)} ms`);
}

const n = flag("n", 10_000);
const seed = flag("seed", 42);
const random = mulberry32(seed);
const mathItems = Array.from({ length: n }, () => mathItem(random));
const mcqItems = Array.from({ length: n }, () => mcqItem(random));

const warm = performance.now();
mathEqual("\\sin x", "\\cos x"); // needs the engine: the plain evaluator reads no sine
console.log(
  `symbolic engine start-up (first symbolic comparison): ${
    (performance.now() - warm).toFixed(0)
  } ms`,
);

show(
  "math",
  n,
  measure(
    mathItems,
    (item) => mathEqual(extractMathAnswer(item.response), normalizeMathAnswer(item.target)),
  ),
);
show(
  "multiple choice",
  n,
  measure(
    mcqItems,
    (item) =>
      exactMatchScore(parseMultipleChoice(item.response, { letters: LETTERS }), item.target) === 1,
  ),
);
precisionReport();
