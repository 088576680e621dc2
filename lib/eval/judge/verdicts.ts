/**
 * Verdict parsers: a judge's reply → its verdict, with the exact regular-expression behaviour of
 * each benchmark EvalScope judges (next-wave-eval §3). Pure.
 *
 * Every parser returns `null` when the reply holds no verdict. Where EvalScope then falls back
 * on a grade (SimpleQA's `C`, the needle's 0, AlpacaEval's loss), lmeter counts a judge error
 * instead: the sample is left out of the means with a visible count (docs/judges.md).
 *
 * @module
 */

/** A SimpleQA grade: `A` correct, `B` incorrect, `C` not attempted. */
export type SimpleQaGrade = "A" | "B" | "C";

/**
 * SimpleQA and Chinese SimpleQA: the **first** `A`, `B` or `C` anywhere in the reply (OpenAI's
 * simple-evals and EvalScope alike). As fragile as upstream on purpose: "CORRECT" gives `C` and
 * "INCORRECT" gives `C` (its first capital letter among A–C); null when there is none.
 */
export function simpleQaGrade(reply: string): SimpleQaGrade | null {
  const m = /(A|B|C)/.exec(reply);
  return m ? m[1] as SimpleQaGrade : null;
}

/**
 * AlpacaEval as EvalScope parses it: the first `m` or `M` anywhere in the reply (`m` = the
 * baseline's output, `M` = the model's). An explanation starting "My…" gives `M`.
 */
export function alpacaPreference(reply: string): "m" | "M" | null {
  const m = /(m|M)/.exec(reply);
  return m ? m[1] as "m" | "M" : null;
}

/** The five Arena-Hard verdict labels, strongest first for assistant A. */
export const ARENA_LABELS = ["A>>B", "A>B", "A=B", "B>A", "B>>A"] as const;

/** One Arena-Hard verdict label. */
export type ArenaLabel = typeof ARENA_LABELS[number];

/**
 * Arena-Hard's `[[A>B]]`-style verdict: by default the **first** `\[\[([AB<>=]+)\]\]` match
 * (EvalScope). `consistent: true` is arena-hard-auto's rule: the distinct matches must agree,
 * else no verdict ("[[A>B]] … [[B>A]]" → null). The label is returned as written; a label
 * outside {@linkcode ARENA_LABELS} (e.g. `[[AB]]`) is returned too, and weighs nothing.
 */
export function arenaVerdict(
  reply: string,
  options: { consistent?: boolean } = {},
): string | null {
  const matches = [...reply.matchAll(/\[\[([AB<>=]+)\]\]/g)].map((m) => m[1]);
  if (matches.length === 0) return null;
  if (!options.consistent) return matches[0];
  const distinct = new Set(matches);
  return distinct.size === 1 ? matches[0] : null;
}

/** True when `label` is one of the five Arena-Hard verdicts. */
export function isArenaLabel(label: string): label is ArenaLabel {
  return (ARENA_LABELS as readonly string[]).includes(label);
}

/**
 * The needle judge's rating: the first `[[n]]` (whole number) divided by 10, as EvalScope does
 * (not clamped: `[[12]]` gives 1.2). Null when there is none.
 */
export function needleRating(reply: string): number | null {
  const m = /\[\[(\d+)\]\]/.exec(reply);
  return m ? Number(m[1]) / 10 : null;
}

/** The numeric judge's default pattern (`score_type: numeric`). */
export const NUMERIC_PATTERN = String.raw`\[\[(\d+(?:\.\d+)?)\]\]`;

/** The pattern judge's default pattern (`score_type: pattern`), matched per line. */
export const LETTER_PATTERN = String.raw`^\s*([AB])\s*$`;

/** The pattern judge's default verdict → score mapping. */
export const DEFAULT_SCORE_MAPPING: Readonly<Record<string, number>> = { A: 1, B: 0 };

/**
 * A numeric judge's score: the **last** match of `pattern` (group 1) as a number, clamped to
 * [0, 1]. Null when nothing matches or the group is not a number.
 */
export function numericScore(reply: string, pattern: string = NUMERIC_PATTERN): number | null {
  const re = new RegExp(pattern, "g");
  let last: RegExpExecArray | null = null;
  for (const m of reply.matchAll(re)) last = m;
  if (last === null) return null;
  const x = Number(last[1] ?? last[0]);
  if (!Number.isFinite(x)) return null;
  return Math.min(1, Math.max(0, x));
}

/**
 * A pattern judge's score: the **first** match of `pattern` (group 1, else the whole match)
 * looked up in `mapping`. The default pattern is a line holding only `A` or `B` (matched line
 * by line); a user's pattern is used as written. Null when nothing matches or the verdict is not
 * in the mapping.
 */
export function patternScore(
  reply: string,
  options: { pattern?: string; mapping?: Readonly<Record<string, number>> } = {},
): { verdict: string; score: number } | null {
  const re = options.pattern === undefined
    ? new RegExp(LETTER_PATTERN, "m")
    : new RegExp(options.pattern);
  const m = re.exec(reply);
  if (!m) return null;
  const verdict = m[1] ?? m[0];
  const mapping = options.mapping ?? DEFAULT_SCORE_MAPPING;
  if (!Object.hasOwn(mapping, verdict)) return null;
  return { verdict, score: mapping[verdict] };
}
