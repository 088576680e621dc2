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
 * One substitution: `re` (global) replaced by `replacement` wherever it matches. A rule runs only
 * when the sentence has one of the characters in `needs` (see {@linkcode charClasses}; characters
 * the rules before it may insert count as the ones they are made from) and, if given, `when`
 * matches; either way a sentence it could not change is not copied.
 */
interface Rule {
  re: RegExp;
  replacement: string;
  needs: number;
  when?: RegExp;
  /** For the rules anchored at the final period: the sticky pattern and the replacement. */
  finalPeriod?: FinalPeriod;
}

/** See {@linkcode replaceAtFinalPeriod}. */
interface FinalPeriod {
  sticky: RegExp;
  /** The replacement of the match (`$1 $2 $3 `). */
  expand: (m: RegExpExecArray) => string;
}

// The character groups the rules look for, as bits of a sentence's charClasses().
const OPEN_QUOTE = 1; // « “ ‘ „ `
const DOUBLE_QUOTE = 2; // "
const QUOTE = 4; // '
const PERIOD = 8;
const COLON_COMMA = 16;
const SYMBOL = 32; // ; @ # $ % &
const QUESTION_BANG = 64;
const STAR = 128;
const BRACKET = 256; // [ ] ( ) { } < >
const DASH = 512;
const CLOSE_QUOTE = 1024; // » ” ’
const ANY = 0;

const ASCII_CLASSES = new Uint16Array(128);
for (
  const [chars, bit] of [
    ["`", OPEN_QUOTE],
    ['"', DOUBLE_QUOTE],
    ["'", QUOTE],
    [".", PERIOD],
    [":,", COLON_COMMA],
    [";@#$%&", SYMBOL],
    ["?!", QUESTION_BANG],
    ["*", STAR],
    ["[](){}<>", BRACKET],
    ["-", DASH],
  ] as const
) {
  for (const ch of chars) ASCII_CLASSES[ch.charCodeAt(0)] = bit;
}

/** The groups of characters present in `text` (bits above). */
function charClasses(text: string): number {
  let classes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) classes |= ASCII_CLASSES[c];
    else if (c === 0xab || c === 0x201c || c === 0x2018 || c === 0x201e) classes |= OPEN_QUOTE;
    else if (c === 0xbb || c === 0x201d || c === 0x2019) classes |= CLOSE_QUOTE;
  }
  return classes;
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

function rule(source: string, replacement: string, needs: number, when?: RegExp): Rule {
  return { re: new RegExp(source, "gu"), replacement, needs, when };
}

/** A rule anchored at the final period (see {@linkcode replaceAtFinalPeriod}). */
function finalPeriodRule(
  source: string,
  replacement: string,
  expand: FinalPeriod["expand"],
): Rule {
  const finalPeriod = { sticky: new RegExp(source, "uy"), expand };
  return { ...rule(source, replacement, PERIOD), finalPeriod };
}

const STARTING_QUOTES: readonly Rule[] = [
  rule("([«“‘„]|`+)", " $1 ", OPEN_QUOTE),
  rule('^"', "``", DOUBLE_QUOTE, /^"/),
  rule("(``)", " $1 ", OPEN_QUOTE | DOUBLE_QUOTE, /``/),
  rule(`([ ([{<])("|'{2})`, "$1 `` ", DOUBLE_QUOTE | QUOTE, /[ ([{<](?:"|'')/),
  rule(
    `(')(?!${["re", "ve", "ll", "m", "t", "s", "d", "n"].map(anyCase).join("|")})` +
      `(${PY_WORD_RE_SOURCE})${WORD_END}`,
    "$1 $2",
    QUOTE,
  ),
];

const PUNCTUATION: readonly Rule[] = [
  finalPeriodRule(
    `([^.])(\\.)([\\])}>"'»”’ ]*)${PY_SPACE_RE_SOURCE}*${END}`,
    "$1 $2 $3 ",
    (m) => `${m[1]} ${m[2]} ${m[3]} `,
  ),
  rule(`([:,])([^${PY_DIGIT_RE_SOURCE}])`, " $1 $2", COLON_COMMA),
  rule(`([:,])${END}`, " $1 ", COLON_COMMA),
  rule("\\.{2,}", " $& ", PERIOD, /\.\./),
  rule("[;@#$%&]", " $& ", SYMBOL),
  finalPeriodRule(
    `([^.])(\\.)([\\])}>"']*)${PY_SPACE_RE_SOURCE}*${END}`,
    "$1 $2$3 ",
    (m) => `${m[1]} ${m[2]}${m[3]} `,
  ),
  rule("[?!]", " $& ", QUESTION_BANG),
  rule("([^'])' ", "$1 ' ", QUOTE, /' /),
  rule("[*]", " $& ", STAR),
];

const PARENS_BRACKETS = rule("[\\][(){}<>]", " $& ", BRACKET);
const DOUBLE_DASHES = rule("--", " -- ", DASH, /--/);

const ENDING_QUOTES: readonly Rule[] = [
  rule("([»”’])", " $1 ", CLOSE_QUOTE),
  rule("''", " '' ", QUOTE, /''/),
  rule('"', " '' ", DOUBLE_QUOTE),
  rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 ", QUOTE | DOUBLE_QUOTE, /'[sSmMdD ]/),
  rule(
    "([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ",
    "$1 $2 ",
    QUOTE | DOUBLE_QUOTE,
    /'(?:ll|LL|re|RE|ve|VE) |n't |N'T /,
  ),
];

/**
 * Robert MacIntyre's contractions, split in two (`cannot` → `can not`), each with a piece of it
 * that a quick case-blind test looks for first (their letters have no case forms in Python
 * other than ASCII's, and JavaScript's `i` flag matches a superset of those).
 */
const CONTRACTIONS: readonly Rule[] = [
  [`${WORD_START}(${anyCase("can")})(${anyCase("not")})${WORD_END}`, /not/i],
  [`${WORD_START}(${anyCase("d")})(${anyCase("'ye")})${WORD_END}`, /'ye/i],
  [`${WORD_START}(${anyCase("gim")})(${anyCase("me")})${WORD_END}`, /mme/i],
  [`${WORD_START}(${anyCase("gon")})(${anyCase("na")})${WORD_END}`, /nna/i],
  [`${WORD_START}(${anyCase("got")})(${anyCase("ta")})${WORD_END}`, /tta/i],
  [`${WORD_START}(${anyCase("lem")})(${anyCase("me")})${WORD_END}`, /mme/i],
  [`${WORD_START}(${anyCase("more")})(${anyCase("'n")})${WORD_END}`, /e'n/i],
  [`${WORD_START}(${anyCase("wan")})(${anyCase("na")})(?=${PY_SPACE_RE_SOURCE})`, /nna/i],
  [` (${anyCase("'t")})(${anyCase("is")})${WORD_END}`, / 't/i],
  [` (${anyCase("'t")})(${anyCase("was")})${WORD_END}`, / 't/i],
].map(([source, when]) => rule(source as string, " $1 $2 ", ANY, when as RegExp));
/** Every piece the contractions' quick tests look for. */
const CONTRACTION_HINT = /not|'ye|mme|nna|tta|e'n| 't/i;

function apply(text: string, rule: Rule, classes: number): string {
  if (rule.needs !== ANY && !(classes & rule.needs)) return text;
  if (rule.finalPeriod) return replaceAtFinalPeriod(text, rule.finalPeriod);
  if (rule.when && !rule.when.test(text)) return text;
  return text.replace(rule.re, rule.replacement);
}

/**
 * The two final-period rules, `([^.])(\.)(closers*)\s*$`: after their period come only closing
 * marks and whitespace, so the period they match is the text's last one, the character before it
 * starts the one possible match, and that match runs to the end. So instead of scanning the whole
 * sentence, try the sticky pattern there once.
 */
function replaceAtFinalPeriod(text: string, { sticky, expand }: FinalPeriod): string {
  const period = text.lastIndexOf(".");
  if (period < 1) return text;
  let start = period - 1;
  // Start on a whole code point: a surrogate pair is one character to Python and to `u` regexes.
  const unit = text.charCodeAt(start);
  if (unit >= 0xdc00 && unit <= 0xdfff && start > 0) {
    const high = text.charCodeAt(start - 1);
    if (high >= 0xd800 && high <= 0xdbff) start--;
  }
  sticky.lastIndex = start;
  const m = sticky.exec(text);
  return m ? text.slice(0, start) + expand(m) : text;
}

function applyAll(text: string, rules: readonly Rule[], classes: number): string {
  for (const r of rules) text = apply(text, r, classes);
  return text;
}

/** `NLTKWordTokenizer().tokenize(sentence)`: the Treebank-style tokens of one sentence. */
export function treebankTokenize(sentence: string): string[] {
  return [...cachedTreebankTokens(sentence)];
}

/** NLTK's `word_tokenize(text)`: English Punkt sentences, each split by the Treebank rules. */
export function wordTokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const sentence of sentenceTokenize(text)) tokens.push(...cachedTreebankTokens(sentence));
  return tokens;
}

/**
 * The tokens of recent sentences. IFEval scores each response up to 9 times (strict, then the
 * loose variants without the first or last line or the `*`s), and the variants share most of
 * their sentences; the cache is emptied when it is full.
 */
const tokenCache = new Map<string, readonly string[]>();
const TOKEN_CACHE_SIZE = 20_000;

function cachedTreebankTokens(sentence: string): readonly string[] {
  let tokens = tokenCache.get(sentence);
  if (tokens === undefined) {
    tokens = tokenizeSentence(sentence);
    if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.clear();
    tokenCache.set(sentence, tokens);
  }
  return tokens;
}

function tokenizeSentence(sentence: string): string[] {
  const classes = charClasses(sentence);
  let text = applyAll(sentence, STARTING_QUOTES, classes);
  text = applyAll(text, PUNCTUATION, classes);
  text = apply(apply(text, PARENS_BRACKETS, classes), DOUBLE_DASHES, classes);
  text = applyAll(` ${text} `, ENDING_QUOTES, classes);
  if (CONTRACTION_HINT.test(text)) text = applyAll(text, CONTRACTIONS, classes);
  return pySplit(text);
}
