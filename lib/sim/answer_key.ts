/**
 * The answer key: which response the simulator gives to which prompt, so evaluations run against
 * it have known expected scores.
 *
 * File format: JSONL, one object per line (blank lines and lines starting with `//` are skipped):
 *
 * ```jsonl
 * {"match": "What is 2+2?", "answer": "The answer is 4.", "wrong_answer": "The answer is 5.", "p_correct": 0.5}
 * {"sha256": "9f86d0…", "answer": "B", "reasoning": "Option B is the only even number."}
 * ```
 *
 * - `match`: a substring of the prompt; `sha256`: the hex SHA-256 of the whole prompt (UTF-8).
 *   The prompt is the last `user` message of a chat request (text parts joined with `\n`) or
 *   the `prompt` of a completions request. Each entry needs `match` or `sha256` (or both).
 *   A `sha256` hit wins; otherwise the first entry in file order whose `match` occurs wins.
 * - `answer` (required): the content of a correct response.
 * - `wrong_answer` (default {@linkcode DEFAULT_WRONG_ANSWER}): the content of a wrong one.
 * - `p_correct` (0..1, default 1): the chance of answering correctly. The draw is a function
 *   of the simulator seed, the request's `seed` (when given) and the prompt's SHA-256 only, so
 *   reruns give the same answers and {@linkcode chooseAnswer} tells a test which ones.
 * - `reasoning`: sent as `reasoning_content` deltas before the content (chat only).
 * - `fault`: a scripted failure for every request this entry matches (`500`, `hang`, … as in
 *   `faults.ts`), e.g. a judge call that always fails; a request's `x-sim-fault` header wins.
 *
 * @module
 */
import { UserError } from "../errors.ts";
import { readUserFile } from "../config/read_user_file.ts";
import { unitHash } from "../util/random.ts";
import { FAULT_KINDS, type FaultKind } from "./faults.ts";

/** One line of an answer key. */
export interface AnswerKeyEntry {
  match?: string;
  sha256?: string;
  answer: string;
  wrong_answer?: string;
  p_correct?: number;
  reasoning?: string;
  fault?: FaultKind;
}

/** The content of a wrong response when an entry gives no `wrong_answer`. */
export const DEFAULT_WRONG_ANSWER = "I am not sure.";

/** The answer chosen for one prompt. */
export interface ChosenAnswer {
  text: string;
  correct: boolean;
  reasoning: string | null;
}

/** Prompt → entry lookup over a list of entries. */
export class AnswerKey {
  readonly entries: readonly AnswerKeyEntry[];
  #bySha = new Map<string, AnswerKeyEntry>();
  #bySubstring: AnswerKeyEntry[] = [];

  /** Indexes `entries` (validated by {@linkcode validateEntry}). */
  constructor(entries: readonly AnswerKeyEntry[]) {
    this.entries = entries;
    entries.forEach((entry, i) => {
      validateEntry(entry, `answer key entry ${i + 1}`);
      if (entry.sha256 !== undefined) {
        const sha = entry.sha256.toLowerCase();
        if (!this.#bySha.has(sha)) this.#bySha.set(sha, entry);
      }
      if (entry.match !== undefined) this.#bySubstring.push(entry);
    });
  }

  /** The entry for `prompt` (whose hex SHA-256 is `promptSha256`), or null. */
  lookup(prompt: string, promptSha256: string): AnswerKeyEntry | null {
    const bySha = this.#bySha.get(promptSha256);
    if (bySha !== undefined) return bySha;
    for (const entry of this.#bySubstring) {
      if (prompt.includes(entry.match as string)) return entry;
    }
    return null;
  }
}

/** Picks the correct or wrong answer of `entry`, deterministically (see the module doc). */
export function chooseAnswer(
  entry: AnswerKeyEntry,
  options: { seed: number; promptSha256: string; requestSeed?: number | null },
): ChosenAnswer {
  const p = entry.p_correct ?? 1;
  const draw = unitHash(
    "answer",
    options.seed,
    options.requestSeed ?? "none",
    options.promptSha256,
  );
  const correct = draw < p;
  return {
    text: correct ? entry.answer : entry.wrong_answer ?? DEFAULT_WRONG_ANSWER,
    correct,
    reasoning: entry.reasoning ?? null,
  };
}

/** Parses answer-key JSONL; errors name the line. */
export function parseAnswerKey(text: string, source = "answer key"): AnswerKeyEntry[] {
  const entries: AnswerKeyEntry[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("//")) return;
    const where = `${source} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new UserError(
        `Cannot read ${where}: not valid JSON (${(error as Error).message})`,
        'Each line must be one object like {"match": "2+2", "answer": "4"}.',
      );
    }
    validateEntry(value, where);
    entries.push(value);
  });
  return entries;
}

/** Reads and parses an answer-key JSONL file. */
export async function readAnswerKey(path: string): Promise<AnswerKeyEntry[]> {
  const text = await readUserFile(path, {
    what: "answer key",
    hint: "Pass an existing JSONL file to --answer-key.",
  });
  return parseAnswerKey(text, path);
}

/** Throws a {@linkcode UserError} unless `value` is a well-formed entry. */
export function validateEntry(value: unknown, where: string): asserts value is AnswerKeyEntry {
  const fail = (what: string): never => {
    throw new UserError(
      `Cannot read ${where}: ${what}`,
      'An entry is {"match" or "sha256", "answer", optional "wrong_answer", "p_correct", "reasoning", "fault"}.',
    );
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("not an object");
  const e = value as Record<string, unknown>;
  if (typeof e.answer !== "string") fail('"answer" must be a string');
  if (e.match === undefined && e.sha256 === undefined) fail('needs "match" or "sha256"');
  if (e.match !== undefined && (typeof e.match !== "string" || e.match === "")) {
    fail('"match" must be a non-empty string');
  }
  if (
    e.sha256 !== undefined && (typeof e.sha256 !== "string" || !/^[0-9a-f]{64}$/i.test(e.sha256))
  ) {
    fail('"sha256" must be 64 hex digits');
  }
  for (const key of ["wrong_answer", "reasoning"]) {
    if (e[key] !== undefined && typeof e[key] !== "string") fail(`"${key}" must be a string`);
  }
  if (e.fault !== undefined && !(FAULT_KINDS as readonly unknown[]).includes(e.fault)) {
    fail(`"fault" must be one of ${FAULT_KINDS.join(", ")}`);
  }
  const p = e.p_correct;
  if (p !== undefined && (typeof p !== "number" || !(p >= 0 && p <= 1))) {
    fail('"p_correct" must be a number from 0 to 1');
  }
}
