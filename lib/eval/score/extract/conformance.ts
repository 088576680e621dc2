/**
 * The conformance runner: every `*.jsonl` case file of a folder (the suite lives in
 * `tests/conformance/`), checked case by case against the scorers. Shared by
 * `tests/conformance/conformance_test.ts` (every case must pass, none may take over 1 s) and
 * `bench/scoring.ts` (false positives and false negatives per benchmark). The files are
 * language-neutral: one JSON object per line, described in docs/scoring.md ("Conformance suite").
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import {
  extractMathAnswer,
  gradeAnswer,
  mathEqual,
  normalizeAnswer,
  normalizeMathAnswer,
} from "../math/mod.ts";
import {
  dropAnswer,
  dropScores,
  extractCevalAnswer,
  EXTRACTOR_VARIANTS,
  hasUnclosedThink,
  parseMultipleChoice,
  stripThinking,
} from "./mod.ts";

type Case = Record<string, unknown>;
/** What one check found: a problem (undefined when the case passes) and, when the case has a
 * verdict, whether the answer should be credited and whether it was. */
interface Outcome {
  problem: string | undefined;
  credit?: { expected: boolean; got: boolean };
}
type Check = (c: Case) => Outcome;

function str(c: Case, key: string): string {
  const value = c[key];
  if (typeof value !== "string") throw new Error(`field "${key}" must be a string`);
  return value;
}

function optionalStr(c: Case, key: string): string | undefined {
  return typeof c[key] === "string" ? c[key] as string : undefined;
}

function expect(what: string, got: unknown, want: unknown): string | undefined {
  return JSON.stringify(got) === JSON.stringify(want)
    ? undefined
    : `${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

/** Math: `think` is absent (raw text), "evalscope" (remove_until) or "lmeter" (unclosed = none). */
const checkMath: Check = (c) => {
  const response = str(c, "response");
  const think = optionalStr(c, "think");
  let extraction: string;
  if (think === "lmeter" && hasUnclosedThink(response)) extraction = "";
  else extraction = extractMathAnswer(think ? stripThinking(response) : response);
  const equal = extraction !== "" && mathEqual(extraction, normalizeMathAnswer(str(c, "target")));
  return {
    problem: expect("extraction", extraction, c.expected_extraction) ??
      expect("equal", equal, c.expected_equal),
    credit: { expected: c.expected_equal === true, got: equal },
  };
};

/**
 * A letter case: the expected letter is the gold. Reading another letter credits a wrong answer
 * (a false positive); reading none where a letter was given misses a right one (false negative).
 */
function letterOutcome(got: string, expected: unknown): Outcome {
  const problem = expect("answer", got, expected);
  if (!problem) return { problem, credit: { expected: expected !== "", got: got !== "" } };
  return { problem, credit: { expected: expected !== "" && got === "", got: got !== "" } };
}

const checkMcq: Check = (c) => {
  const response = str(c, "response");
  if (c.rule === "ceval") return letterOutcome(extractCevalAnswer(response), c.expected);
  const got = parseMultipleChoice(response, {
    letters: optionalStr(c, "letters") ?? "ABCD",
    multiple: c.multiple === true,
    chinese: c.chinese === true,
    fallback: c.fallback !== false,
  });
  return letterOutcome(got, c.expected);
};

const checkGsm8k: Check = (c) => {
  const variant = EXTRACTOR_VARIANTS[`gsm8k:${str(c, "variant")}`];
  if (!variant) return { problem: `unknown variant ${JSON.stringify(c.variant)}` };
  const extraction = variant.extract(str(c, "response"));
  const correct = variant.score(extraction, str(c, "target")) === 1;
  return {
    problem: expect("extraction", extraction, c.expected_extraction) ??
      expect("correct", correct, c.expected_correct),
    credit: { expected: c.expected_correct === true, got: correct },
  };
};

const checkDrop: Check = (c) => {
  const occurrence = c.occurrence === "first" ? "first" : "last";
  const answer = dropAnswer(str(c, "response"), { occurrence });
  const golds = c.golds as (string | string[])[];
  const scores = dropScores(answer, golds);
  return {
    problem: expect("answer", answer, c.expected_answer) ??
      expect("em", scores.em, c.expected_em) ?? expect("f1", scores.f1, c.expected_f1),
  };
};

const checkThink: Check = (c) => {
  const response = str(c, "response");
  return {
    problem: expect("stripped", stripThinking(response), c.expected_stripped) ??
      expect("unclosed", hasUnclosedThink(response), c.expected_unclosed),
  };
};

const checkAime: Check = (c) => {
  const extraction = normalizeAnswer(extractMathAnswer(str(c, "response")));
  const correct = gradeAnswer(extraction, str(c, "target"));
  return {
    problem: expect("extraction", extraction, c.expected_extraction) ??
      expect("correct", correct, c.expected_correct),
    credit: { expected: c.expected_correct === true, got: correct },
  };
};

const CHECKS: Readonly<Record<string, Check>> = {
  "math.jsonl": checkMath,
  "mcq.jsonl": checkMcq,
  "gsm8k.jsonl": checkGsm8k,
  "drop.jsonl": checkDrop,
  "think.jsonl": checkThink,
  "aime.jsonl": checkAime,
};

function caseFiles(dir: string): string[] {
  return [...Deno.readDirSync(dir)].filter((e) => e.isFile && e.name.endsWith(".jsonl"))
    .map((e) => e.name).sort();
}

/** One case's result. */
export interface CaseResult {
  /** Case file name (`math.jsonl`). */
  file: string;
  /** 1-based line. */
  line: number;
  /** The case's `category`, when it has one. */
  category?: string;
  /** The case's extractor `variant` (GSM8K files), when it has one. */
  variant?: string;
  /** What differed from the expectation; undefined when the case passes. */
  problem?: string;
  /** Whether the answer should be credited, and whether it was (cases with a verdict). */
  credit?: { expected: boolean; got: boolean };
  /** Time the check took, ms. */
  ms: number;
}

/** The case files of the suite folder `dir` (a URL), and whether each has a runner. */
export function conformanceFiles(dir: URL): { file: string; known: boolean }[] {
  return caseFiles(fileURLToPath(dir)).map((file) => ({ file, known: CHECKS[file] !== undefined }));
}

/**
 * Runs every case of every known file of the suite folder `dir` (or only the file `only`), in
 * file and line order.
 */
export function runConformance(dir: URL, options: { only?: string } = {}): CaseResult[] {
  const path = fileURLToPath(dir);
  const only = options.only;
  const results: CaseResult[] = [];
  for (const file of caseFiles(path)) {
    if (only !== undefined && file !== only) continue;
    const check = CHECKS[file];
    if (!check) continue;
    Deno.readTextFileSync(`${path}/${file}`).split("\n").forEach((text, i) => {
      if (text.trim() === "") return;
      const started = performance.now();
      let outcome: Outcome;
      let category: string | undefined;
      let variant: string | undefined;
      try {
        const c = JSON.parse(text) as Case;
        category = optionalStr(c, "category");
        variant = optionalStr(c, "variant");
        outcome = check(c);
      } catch (error) {
        outcome = {
          problem: `threw ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      results.push({
        file,
        line: i + 1,
        category,
        variant,
        problem: outcome.problem,
        credit: outcome.credit,
        ms: performance.now() - started,
      });
    });
  }
  return results;
}
