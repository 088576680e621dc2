/**
 * The SQuAD answer normalisation EvalScope's `normalize_answer` applies (needle_haystack):
 * lower-case, drop ASCII punctuation, drop the articles a/an/the, collapse white space.
 *
 * @module
 */
import { pySplitSpace } from "../math/py_compat.ts";

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** `normalize_answer(s)`: `white_space_fix(remove_articles(remove_punc(lower(s))))`. */
export function squadNormalize(text: string): string {
  const lower = text.toLowerCase().replace(PUNCTUATION, "");
  return pySplitSpace(lower.replace(ARTICLES, " ")).join(" ");
}
