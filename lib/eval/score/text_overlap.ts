/**
 * BLEU-1…4 and ROUGE-1/2/L for one prediction against one reference (general_qa). Pure.
 *
 * Tokens: text containing CJK characters is split into single CJK characters plus runs of
 * letters/digits (EvalScope segments Chinese with jieba, which lmeter does not ship, so Chinese
 * scores differ slightly from EvalScope's); other text is split into words and punctuation marks,
 * lower-cased for ROUGE.
 *
 * BLEU-n is NLTK's `sentence_bleu` with all weight on n-grams: brevity penalty × modified n-gram
 * precision, no smoothing. ROUGE-n: n-gram overlap recall/precision/F1; ROUGE-L: longest common
 * subsequence recall/precision/F1.
 *
 * @module
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Splits text into tokens (see the module doc). */
export function tokenize(text: string): string[] {
  if (CJK.test(text)) {
    return text.match(
      /[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+|[^\s\w\u3400-\u9fff\uf900-\ufaff]/gu,
    ) ??
      [];
  }
  return text.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** `{"bleu-1": …, "bleu-2": …, "bleu-3": …, "bleu-4": …}` */
export function bleuScores(prediction: string, reference: string): Record<string, number> {
  const hyp = tokenize(prediction);
  const ref = tokenize(reference);
  const out: Record<string, number> = {};
  for (let n = 1; n <= 4; n++) out[`bleu-${n}`] = bleuN(hyp, ref, n);
  return out;
}

function bleuN(hyp: string[], ref: string[], n: number): number {
  if (hyp.length === 0) return 0;
  const h = ngramCounts(hyp, n);
  const r = ngramCounts(ref, n);
  let total = 0;
  let clipped = 0;
  for (const [g, c] of h) {
    total += c;
    clipped += Math.min(c, r.get(g) ?? 0);
  }
  if (total === 0 || clipped === 0) return 0;
  const bp = hyp.length >= ref.length ? 1 : Math.exp(1 - ref.length / hyp.length);
  return bp * (clipped / total);
}

/** `Rouge-1-R/P/F`, `Rouge-2-R/P/F`, `Rouge-L-R/P/F`. */
export function rougeScores(prediction: string, reference: string): Record<string, number> {
  const hyp = tokenize(prediction.toLowerCase());
  const ref = tokenize(reference.toLowerCase());
  const out: Record<string, number> = {};
  for (const n of [1, 2]) {
    const h = ngramCounts(hyp, n);
    const r = ngramCounts(ref, n);
    let overlap = 0;
    for (const [g, c] of h) overlap += Math.min(c, r.get(g) ?? 0);
    setPrf(out, `Rouge-${n}`, overlap, countOf(r), countOf(h));
  }
  setPrf(out, "Rouge-L", lcsLength(hyp, ref), ref.length, hyp.length);
  return out;
}

function setPrf(
  out: Record<string, number>,
  name: string,
  overlap: number,
  refTotal: number,
  hypTotal: number,
): void {
  const r = refTotal > 0 ? overlap / refTotal : 0;
  const p = hypTotal > 0 ? overlap / hypTotal : 0;
  out[`${name}-R`] = r;
  out[`${name}-P`] = p;
  out[`${name}-F`] = r + p > 0 ? (2 * r * p) / (r + p) : 0;
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join("\u0001");
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function countOf(m: Map<string, number>): number {
  let s = 0;
  for (const c of m.values()) s += c;
  return s;
}

/** Length of the longest common subsequence of two token lists (O(n·m) time, O(m) memory). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}
