/**
 * Runs every `*.jsonl` case file in this folder against the scorers and reports each failing
 * case by file and line. The files are language-neutral: one JSON object per line, described in
 * docs/scoring.md ("Conformance suite").
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  extractMathAnswer,
  gradeAnswer,
  mathEqual,
  normalizeAnswer,
  normalizeMathAnswer,
} from "../../lib/eval/score/math/mod.ts";
import {
  dropAnswer,
  dropScores,
  extractCevalAnswer,
  EXTRACTOR_VARIANTS,
  hasUnclosedThink,
  parseMultipleChoice,
  stripThinking,
} from "../../lib/eval/score/extract/mod.ts";

type Case = Record<string, unknown>;
type Check = (c: Case) => string | undefined;

const DIR = fileURLToPath(new URL(".", import.meta.url));

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
  return expect("extraction", extraction, c.expected_extraction) ??
    expect("equal", equal, c.expected_equal);
};

const checkMcq: Check = (c) => {
  const response = str(c, "response");
  if (c.rule === "ceval") return expect("answer", extractCevalAnswer(response), c.expected);
  const got = parseMultipleChoice(response, {
    letters: optionalStr(c, "letters") ?? "ABCD",
    multiple: c.multiple === true,
    chinese: c.chinese === true,
    fallback: c.fallback !== false,
  });
  return expect("answer", got, c.expected);
};

const checkGsm8k: Check = (c) => {
  const variant = EXTRACTOR_VARIANTS[`gsm8k:${str(c, "variant")}`];
  if (!variant) return `unknown variant ${JSON.stringify(c.variant)}`;
  const extraction = variant.extract(str(c, "response"));
  const correct = variant.score(extraction, str(c, "target")) === 1;
  return expect("extraction", extraction, c.expected_extraction) ??
    expect("correct", correct, c.expected_correct);
};

const checkDrop: Check = (c) => {
  const occurrence = c.occurrence === "first" ? "first" : "last";
  const answer = dropAnswer(str(c, "response"), { occurrence });
  const golds = c.golds as (string | string[])[];
  const scores = dropScores(answer, golds);
  return expect("answer", answer, c.expected_answer) ?? expect("em", scores.em, c.expected_em) ??
    expect("f1", scores.f1, c.expected_f1);
};

const checkThink: Check = (c) => {
  const response = str(c, "response");
  return expect("stripped", stripThinking(response), c.expected_stripped) ??
    expect("unclosed", hasUnclosedThink(response), c.expected_unclosed);
};

const checkAime: Check = (c) => {
  const extraction = normalizeAnswer(extractMathAnswer(str(c, "response")));
  const correct = gradeAnswer(extraction, str(c, "target"));
  return expect("extraction", extraction, c.expected_extraction) ??
    expect("correct", correct, c.expected_correct);
};

const CHECKS: Readonly<Record<string, Check>> = {
  "math.jsonl": checkMath,
  "mcq.jsonl": checkMcq,
  "gsm8k.jsonl": checkGsm8k,
  "drop.jsonl": checkDrop,
  "think.jsonl": checkThink,
  "aime.jsonl": checkAime,
};

function caseFiles(): string[] {
  return [...Deno.readDirSync(DIR)].filter((e) => e.isFile && e.name.endsWith(".jsonl"))
    .map((e) => e.name).sort();
}

Deno.test("every conformance file has a runner", () => {
  for (const name of caseFiles()) assert.ok(CHECKS[name], `no runner for ${name}`);
});

for (const name of caseFiles()) {
  Deno.test(`conformance: ${name} — every case gives the expected extraction and verdict`, () => {
    const check = CHECKS[name];
    if (!check) return;
    const lines = Deno.readTextFileSync(`${DIR}${name}`).split("\n");
    const failures: string[] = [];
    let cases = 0;
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      cases++;
      let problem: string | undefined;
      try {
        problem = check(JSON.parse(line) as Case);
      } catch (error) {
        problem = `threw ${error instanceof Error ? error.message : String(error)}`;
      }
      if (problem) failures.push(`${name}:${i + 1}: ${problem}`);
    });
    assert.ok(cases > 0, `${name} has no cases`);
    assert.deepEqual(failures, [], `${failures.length} of ${cases} cases failed`);
  });
}
