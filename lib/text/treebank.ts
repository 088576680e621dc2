/**
 * NLTK's `word_tokenize(text)` (NLTK 3.8, English): Punkt sentences (lib/text/punkt.ts), then
 * `NLTKWordTokenizer`, the improved Treebank tokenizer — a fixed list of regex substitutions that
 * pad quotes, punctuation, brackets, double dashes and contractions with spaces, and a whitespace
 * split.
 *
 * The substitutions are NLTK's, in NLTK's order, rewritten for JavaScript with Python's meaning:
 * `\w`, `\d`, `\s` and `\b` as Python's `re` has them on `str` (lib/text/py_str.ts), `$` also
 * before a final newline, and `(?i)` spelled as the letters Python's case-insensitive match
 * accepts (`i` also matches `İ` and `ı`, `s` also `ſ`).
 *
 * @module
 */
import { PY_DIGIT_RE_SOURCE, PY_SPACE_RE_SOURCE, PY_WORD_RE_SOURCE, pySplit } from "./py_str.ts";
import { sentenceTokenize } from "./punkt.ts";

/**
 * One substitution: `re` (global) replaced by `replacement` wherever it matches. `when` is a cheap
 * test that every match needs (a character it cannot match without); a rule is skipped when it
 * fails, which saves the cost of a replace call on most sentences.
 */
interface Rule {
  re: RegExp;
  replacement: string;
  when: RegExp;
}

/** Python's `$` without MULTILINE: the end, or just before a final newline. */
const END = "(?=\\n?$)";
/** Python's `\b` before a word character / after one. */
const WORD_START = `(?<!${PY_WORD_RE_SOURCE})`;
const WORD_END = `(?!${PY_WORD_RE_SOURCE})`;

/** The letters of `word` as Python's IGNORECASE matches them. */
function anyCase(word: string): string {
  let out = "";
  for (const ch of word) {
    if (ch === "i") out += "[iIİı]";
    else if (ch === "s") out += "[sSſ]";
    else if (ch.toLowerCase() !== ch.toUpperCase()) {
      out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    } else out += ch;
  }
  return out;
}

/** A rule; without `when`, the rule's own pattern (not global) is the test. */
function rule(source: string, replacement: string, when?: RegExp): Rule {
  const re = new RegExp(source, "gu");
  return { re, replacement, when: when ?? new RegExp(source, "u") };
}

const STARTING_QUOTES: readonly Rule[] = [
  rule("([«“‘„]|`+)", " $1 ", /[«“‘„`]/),
  rule('^"', "``", /^"/),
  rule("(``)", " $1 ", /``/),
  rule(`([ ([{<])("|'{2})`, "$1 `` ", /["']/),
  rule(
    `(')(?!${["re", "ve", "ll", "m", "t", "s", "d", "n"].map(anyCase).join("|")})` +
      `(${PY_WORD_RE_SOURCE})${WORD_END}`,
    "$1 $2",
    /'/,
  ),
];

const PUNCTUATION: readonly Rule[] = [
  rule(`([^.])(\\.)([\\])}>"'»”’ ]*)${PY_SPACE_RE_SOURCE}*${END}`, "$1 $2 $3 ", /\./),
  rule(`([:,])([^${PY_DIGIT_RE_SOURCE}])`, " $1 $2", /[:,]/),
  rule(`([:,])${END}`, " $1 ", /[:,]/),
  rule("\\.{2,}", " $& ", /\.\./),
  rule("[;@#$%&]", " $& ", /[;@#$%&]/),
  rule(`([^.])(\\.)([\\])}>"']*)${PY_SPACE_RE_SOURCE}*${END}`, "$1 $2$3 ", /\./),
  rule("[?!]", " $& ", /[?!]/),
  rule("([^'])' ", "$1 ' ", /' /),
  rule("[*]", " $& ", /\*/),
];

const PARENS_BRACKETS = rule("[\\][(){}<>]", " $& ", /[\][(){}<>]/);
const DOUBLE_DASHES = rule("--", " -- ", /--/);

const ENDING_QUOTES: readonly Rule[] = [
  rule("([»”’])", " $1 ", /[»”’]/),
  rule("''", " '' ", /''/),
  rule('"', " '' ", /"/),
  rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 ", /'/),
  rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 ", /'/),
];

/**
 * Robert MacIntyre's contractions, split in two (`cannot` → `can not`); each needs one of the
 * pieces in {@linkcode CONTRACTION_HINT} (none of their letters has another case form in Python).
 */
const CONTRACTIONS: readonly Rule[] = [
  ...[
    ["can", "not"],
    ["d", "'ye"],
    ["gim", "me"],
    ["gon", "na"],
    ["got", "ta"],
    ["lem", "me"],
    ["more", "'n"],
  ].map(([a, b]) => rule(`${WORD_START}(${anyCase(a)})(${anyCase(b)})${WORD_END}`, " $1 $2 ")),
  rule(`${WORD_START}(${anyCase("wan")})(${anyCase("na")})(?=${PY_SPACE_RE_SOURCE})`, " $1 $2 "),
  rule(` (${anyCase("'t")})(${anyCase("is")})${WORD_END}`, " $1 $2 "),
  rule(` (${anyCase("'t")})(${anyCase("was")})${WORD_END}`, " $1 $2 "),
];
const CONTRACTION_HINT = /'|[nN][oO][tT]|[mM][eE]|[nN][aA]|[tT][aA]/;

function apply(text: string, rule: Rule): string {
  return rule.when.test(text) ? text.replace(rule.re, rule.replacement) : text;
}

function applyAll(text: string, rules: readonly Rule[]): string {
  for (const r of rules) text = apply(text, r);
  return text;
}

/** `NLTKWordTokenizer().tokenize(sentence)`: the Treebank-style tokens of one sentence. */
export function treebankTokenize(sentence: string): string[] {
  let text = applyAll(sentence, STARTING_QUOTES);
  text = applyAll(text, PUNCTUATION);
  text = apply(apply(text, PARENS_BRACKETS), DOUBLE_DASHES);
  text = applyAll(` ${text} `, ENDING_QUOTES);
  if (CONTRACTION_HINT.test(text)) text = applyAll(text, CONTRACTIONS);
  return pySplit(text);
}

/** NLTK's `word_tokenize(text)`: English Punkt sentences, each split by the Treebank rules. */
export function wordTokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const sentence of sentenceTokenize(text)) tokens.push(...treebankTokenize(sentence));
  return tokens;
}
