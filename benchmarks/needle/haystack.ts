/**
 * Needle-in-a-haystack samples, built as EvalScope's `needle_haystack` builds them: the grid of
 * context lengths × needle depths (`np.round(np.linspace(…))`), the haystack tokens (the corpus
 * repeated until it is long enough), and the needles inserted at a depth snapped back to the
 * end of a sentence. Pure: the engine hands in the corpus text and the tokenizer.
 *
 * @module
 */
import { type BuildInput, npRound, type Sample } from "../../lib/eval/define.ts";
import type { Tokenizer } from "../../lib/tokenizer/mod.ts";
import { UserError } from "../../lib/errors.ts";

/** Tokens kept free at the end of every context (EvalScope's `context_length -= 150`). */
export const CONTEXT_MARGIN = 150;

/** The grid and texts of one needle run, read from `extra_params`. */
export interface NeedleSettings {
  question: string;
  needles: string[];
  /** Context lengths in tokens (the haystack is this minus {@linkcode CONTEXT_MARGIN}). */
  contextLengths: number[];
  /** Needle depths in percent of the haystack. */
  depthPercents: number[];
}

/** `np.round(np.linspace(min, max, num)).astype(int)`: `num` evenly spaced values, rounded half to even. */
export function linspaceRounded(min: number, max: number, num: number): number[] {
  if (num === 1) return [npRound(min, 0)];
  const step = (max - min) / (num - 1);
  return Array.from({ length: num }, (_, i) => npRound(i === num - 1 ? max : i * step + min, 0));
}

/** Reads and checks the needle `extra_params`; a bad value is a user error naming its key. */
export function needleSettings(params: Readonly<Record<string, unknown>>): NeedleSettings {
  const where = (key: string) => `dataset_args.needle_haystack.extra_params.${key}`;
  const num = (key: string, opts: { min: number; integer?: boolean }): number => {
    const v = params[key];
    if (
      typeof v !== "number" || !Number.isFinite(v) || v < opts.min ||
      (opts.integer && !Number.isInteger(v))
    ) {
      throw new UserError(
        `Invalid ${where(key)}: expected ${
          opts.integer ? "a whole number" : "a number"
        } ≥ ${opts.min}`,
        `Got ${JSON.stringify(v)}.`,
      );
    }
    return v;
  };
  const question = params.retrieval_question;
  if (typeof question !== "string" || question.trim() === "") {
    throw new UserError(`Invalid ${where("retrieval_question")}: expected a non-empty string`);
  }
  const needles = params.needles;
  if (
    !Array.isArray(needles) || needles.length === 0 ||
    !needles.every((n) => typeof n === "string" && n !== "")
  ) {
    throw new UserError(`Invalid ${where("needles")}: expected a non-empty list of strings`);
  }
  const lengthMin = num("context_lengths_min", { min: 1 });
  const lengthMax = num("context_lengths_max", { min: lengthMin });
  const depthMin = num("document_depth_percent_min", { min: 0 });
  const depthMax = num("document_depth_percent_max", { min: depthMin });
  if (depthMax > 100) {
    throw new UserError(`Invalid ${where("document_depth_percent_max")}: expected at most 100`);
  }
  return {
    question,
    needles,
    contextLengths: linspaceRounded(
      lengthMin,
      lengthMax,
      num("context_lengths_num_intervals", { min: 1, integer: true }),
    ),
    depthPercents: linspaceRounded(
      depthMin,
      depthMax,
      num("document_depth_percent_intervals", { min: 1, integer: true }),
    ),
  };
}

/**
 * The haystack's tokens: the corpus, then `'\n' + corpus` appended until there are at least
 * `minTokens` — the tokens of the joined text, as EvalScope encodes it. The corpus is encoded
 * once and the joined text's tokens assembled from it ({@linkcode joinedTokens}); the number of
 * copies comes from the corpus's own count. A context keeps a prefix of the haystack, so a copy
 * more than EvalScope's loop makes changes no context.
 */
export function haystackTokens(text: string, tokenizer: Tokenizer, minTokens: number): number[] {
  const once = tokenizer.encode(text);
  if (once.length >= minTokens || once.length === 0) return once;
  let copies = Math.ceil(minTokens / once.length);
  for (;;) {
    const tokens = joinedTokens(text, { tokenizer, once, copies });
    if (tokens.length >= minTokens) return tokens;
    copies++;
  }
}

/** Characters of the corpus's end re-encoded with the joining newline. */
const TAIL = 4096;

/**
 * The tokens of `copies` copies of `text` joined by `'\n'`. Tokenizers split text into
 * pre-tokens before merging, and a newline run followed by a letter or digit ends a pre-token
 * (GPT-style split rules: Qwen, o200k_base, Llama 3): when the corpus starts with a letter or
 * digit, the joined text's tokens are `encode(corpus + '\n')` repeated, then `encode(corpus)`,
 * and `encode(corpus + '\n')` is `encode(corpus)` with its last paragraph re-encoded. That is
 * checked on the join itself (the corpus's last paragraph, the newline and its first one); when
 * the check fails, or there is no paragraph break to cut at, the joined text is encoded whole.
 */
export function joinedTokens(
  text: string,
  options: { tokenizer: Tokenizer; once: readonly number[]; copies: number },
): number[] {
  const { tokenizer, once, copies } = options;
  const whole = () => tokenizer.encode(Array.from({ length: copies }, () => text).join("\n"));
  if (!/^[\p{L}\p{N}]/u.test(text)) return whole();
  // The last paragraph: after the last newline run that is followed by a letter or digit.
  const tailFrom = lastBreak(text, Math.max(0, text.length - TAIL));
  const headTo = firstBreak(text, Math.min(text.length, TAIL));
  if (tailFrom < 0 || headTo < 0) return whole();
  const tail = text.slice(tailFrom);
  const tailTokens = tokenizer.encode(tail).length;
  const tailWithNewline = tokenizer.encode(tail + "\n");
  const head = tokenizer.encode(text.slice(0, headTo));
  const junction = tokenizer.encode(tail + "\n" + text.slice(0, headTo));
  if (!sameTokens(junction, [...tailWithNewline, ...head])) return whole();
  if (!sameTokens(once.slice(0, head.length), head)) return whole();
  const unit = once.slice(0, once.length - tailTokens).concat(tailWithNewline);
  const out: number[] = [];
  for (let i = 1; i < copies; i++) for (const id of unit) out.push(id);
  for (const id of once) out.push(id);
  return out;
}

const BREAK = /\n+(?=[\p{L}\p{N}])/gu;

/** Index just after the last newline run (at or after `from`) that a letter or digit follows; −1 if none. */
function lastBreak(text: string, from: number): number {
  BREAK.lastIndex = from;
  let at = -1;
  for (let m = BREAK.exec(text); m !== null; m = BREAK.exec(text)) at = m.index + m[0].length;
  return at;
}

/** Index just after the first newline run (before `to`) that a letter or digit follows; −1 if none. */
function firstBreak(text: string, to: number): number {
  BREAK.lastIndex = 0;
  const m = BREAK.exec(text);
  return m !== null && m.index + m[0].length <= to ? m.index + m[0].length : -1;
}

function sameTokens(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Where the needles go: the tokens of each needle and of the sentence ends (`.` and `。`). */
export interface InsertOptions {
  needles: readonly (readonly number[])[];
  depthPercent: number;
  contextLength: number;
  periodTokens: ReadonlySet<number>;
}

/**
 * The context's tokens with the needles in: the haystack cut to `contextLength − 150 − needle
 * tokens`, the first needle at `depthPercent` moved back to just after a sentence end, each next
 * needle `(100 − depth) / needles` deeper; at depth 100 needles are appended. The result has
 * exactly `contextLength − 150` tokens when the haystack is long enough.
 */
export function insertNeedles(haystack: readonly number[], options: InsertOptions): number[] {
  const budget = options.contextLength - CONTEXT_MARGIN;
  const needleTokens = options.needles.reduce((n, t) => n + t.length, 0);
  let tokens = haystack.length + needleTokens > budget
    ? haystack.slice(0, budget - needleTokens)
    : haystack.slice();
  let depth = options.depthPercent;
  const step = (100 - depth) / options.needles.length;
  for (const needle of options.needles) {
    if (depth === 100) {
      tokens = tokens.concat(needle);
      continue;
    }
    let at = Math.trunc(tokens.length * (depth / 100));
    while (at > 0 && !options.periodTokens.has(tokens[at - 1])) at--;
    tokens = tokens.slice(0, at).concat(needle, tokens.slice(at));
    depth += step;
  }
  return tokens;
}

/** Every sample of one subset: context lengths (outer) × depths (inner), EvalScope's order. */
export function needleSamples(input: BuildInput): Sample[] {
  const settings = needleSettings(input.params);
  const { tokenizer } = input;
  const needles = settings.needles.map((n) => tokenizer.encode(n));
  const needleTokens = needles.reduce((n, t) => n + t.length, 0);
  const smallest = Math.min(...settings.contextLengths);
  if (smallest - CONTEXT_MARGIN - needleTokens <= 0) {
    throw new UserError(
      `Cannot build needle_haystack contexts of ${smallest} tokens: ${CONTEXT_MARGIN} are kept free and the needles take ${needleTokens}`,
      `Raise dataset_args.needle_haystack.extra_params.context_lengths_min above ${
        CONTEXT_MARGIN + needleTokens
      }.`,
    );
  }
  const haystack = haystackTokens(input.text, tokenizer, Math.max(...settings.contextLengths));
  if (haystack.length === 0) {
    throw new UserError(
      `Cannot build needle_haystack/${input.subset}: its corpus file is empty`,
      "Point dataset_args.needle_haystack.dataset_id at a folder whose corpus files hold text.",
    );
  }
  const periodTokens = new Set([...tokenizer.encode("."), ...tokenizer.encode("。")]);
  const target = settings.needles.join("\n");
  const out: Sample[] = [];
  for (const contextLength of settings.contextLengths) {
    for (const depthPercent of settings.depthPercents) {
      const tokens = insertNeedles(haystack, {
        needles,
        depthPercent,
        contextLength,
        periodTokens,
      });
      out.push({
        input: settings.question,
        target,
        metadata: {
          context: tokenizer.decode(tokens),
          context_length: contextLength,
          depth_percent: depthPercent,
          context_tokens: tokens.length,
        },
      });
    }
  }
  return out;
}
