/**
 * The official DROP bag-of-answers scoring (exact match and F1), as EvalScope runs it: the
 * prediction is one span; each gold answer is a tuple of spans; the best gold wins; F1 is
 * rounded to 2 decimals (NumPy rounding,
 * since the mean is a `np.float64`).
 *
 * @module
 */

import { npRound, PY_SPACE, pyFloat, pyFloatRepr, pySplitSpace } from "../math/py_compat.ts";

/** DROP scores of one prediction. */
export interface DropScores {
  /** 1 when the normalised answer bags are identical, else 0. */
  em: number;
  /** Bag-of-tokens F1 with numbers required to match, rounded to 2 decimals. */
  f1: number;
}

const PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;
const TOKEN_SPLIT = / |-/;

function isNumber(text: string): boolean {
  return pyFloat(text) !== undefined;
}

function normalizeToken(token: string): string {
  let t = token.toLowerCase();
  if (!isNumber(t)) t = [...t].filter((char) => !PUNCTUATION.has(char)).join("");
  const value = pyFloat(t);
  if (value !== undefined) t = pyFloatRepr(value);
  t = t.replace(ARTICLES, " ");
  return pySplitSpace(t).join(" ");
}

/** DROP's `_normalize`: lower-case, strip punctuation and articles, canonical numbers. */
export function normalizeDropAnswer(answer: string): string {
  const tokens = answer.split(TOKEN_SPLIT).map(normalizeToken)
    .filter((token) => token.replace(new RegExp(`[${PY_SPACE}]`, "g"), "").length > 0);
  return pyStripSpaces(tokens.join(" "));
}

function pyStripSpaces(text: string): string {
  return text.replace(new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "g"), "");
}

interface Bags {
  spans: string[];
  bags: Set<string>[];
}

function toBags(answer: string | readonly string[]): Bags {
  const raw = typeof answer === "string" ? [answer] : [...answer];
  const spans = raw.map(normalizeDropAnswer);
  return { spans, bags: spans.map((span) => new Set(pySplitSpace(span))) };
}

function bagF1(predicted: Set<string>, gold: Set<string>): number {
  const common = [...gold].filter((word) => predicted.has(word)).length;
  const precision = predicted.size === 0 ? 1 : common / predicted.size;
  const recall = gold.size === 0 ? 1 : common / gold.size;
  if (precision === 0 && recall === 0) return 0;
  return (2 * precision * recall) / (precision + recall);
}

function numbersAgree(gold: Set<string>, predicted: Set<string>): boolean {
  const goldNumbers = [...gold].filter(isNumber);
  if (goldNumbers.length === 0) return true;
  return goldNumbers.some((word) => predicted.has(word) && isNumber(word));
}

/** Best total of a one-to-one assignment of rows to columns (small matrices: exact search). */
function bestAssignment(scores: number[][]): number {
  const rows = scores.length;
  const cols = rows ? scores[0].length : 0;
  if (rows === 0 || cols === 0) return 0;
  const transposed = rows > cols;
  const m = transposed ? cols : rows;
  const n = transposed ? rows : cols;
  const at = (i: number, j: number) => transposed ? scores[j][i] : scores[i][j];
  if (n > 12) return greedyAssignment(m, n, at);
  // Dynamic programming over the set of used columns (n is the number of answer spans).
  let best = new Map<number, number>([[0, 0]]);
  for (let i = 0; i < m; i++) {
    const next = new Map<number, number>();
    for (const [used, total] of best) {
      for (let j = 0; j < n; j++) {
        if (used & (1 << j)) continue;
        const key = used | (1 << j);
        const value = total + at(i, j);
        if ((next.get(key) ?? -1) < value) next.set(key, value);
      }
    }
    best = next;
  }
  return Math.max(0, ...best.values());
}

function greedyAssignment(m: number, n: number, at: (i: number, j: number) => number): number {
  const used = new Set<number>();
  let total = 0;
  for (let i = 0; i < m; i++) {
    let bestJ = -1;
    for (let j = 0; j < n; j++) {
      if (!used.has(j) && (bestJ < 0 || at(i, j) > at(i, bestJ))) bestJ = j;
    }
    if (bestJ >= 0) {
      used.add(bestJ);
      total += at(i, bestJ);
    }
  }
  return total;
}

function alignedF1(predicted: Set<string>[], gold: Set<string>[]): number {
  const scores = gold.map((goldBag) =>
    predicted.map((predBag) => numbersAgree(goldBag, predBag) ? bagF1(predBag, goldBag) : 0)
  );
  return bestAssignment(scores) / Math.max(gold.length, predicted.length);
}

/**
 * DROP exact match and F1 of `prediction` against every gold answer (each a string or a tuple of
 * spans); the maximum over golds whose first span is not blank.
 */
export function dropScores(
  prediction: string,
  golds: readonly (string | readonly string[])[],
): DropScores {
  const predicted = toBags(prediction);
  let em = 0;
  let f1 = 0;
  for (const gold of golds) {
    const goldBags = toBags(gold);
    const sameSpans = predicted.spans.length === goldBags.spans.length &&
      new Set(predicted.spans).size === new Set(goldBags.spans).size &&
      predicted.spans.every((span) => goldBags.spans.includes(span));
    const score = npRound(alignedF1(predicted.bags, goldBags.bags), 2);
    const first = typeof gold === "string" ? gold : gold[0] ?? "";
    if (pyStripSpaces(first).length > 0) {
      em = Math.max(em, sameSpans ? 1 : 0);
      f1 = Math.max(f1, score);
    }
  }
  return { em, f1 };
}
