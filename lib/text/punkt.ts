/**
 * NLTK's Punkt sentence tokenizer (`PunktSentenceTokenizer.tokenize`, NLTK 3.8) with the English
 * parameters NLTK ships (`data/punkt_english.json`, MIT, see `data/README.md`; compiled in as
 * `data/punkt_english_gen.ts` by `scripts/build_punkt_data.ts`): the same sentence
 * strings as `nltk.sent_tokenize(text)`, offline. Only tokenizing is ported, not training.
 *
 * How Punkt decides (Kiss & Strunk 2006, as NLTK implements it):
 *
 * 1. every `.`, `?` or `!` followed by a non-word mark or by whitespace and a token is a candidate
 *    break; its context is the word before it and the token after it;
 * 2. the context is split into Punkt's word tokens, and each token is typed (lower case; numbers
 *    become `##number##`); a first pass marks `.?!` and tokens ending in `.` as breaks, except
 *    known abbreviations and ellipses;
 * 3. a second pass revisits period-final tokens with the next token: known collocations,
 *    abbreviations or ellipses before an orthographic sentence starter or a frequent sentence
 *    starter, and initials or ordinals before a word that never starts sentences in lower case;
 * 4. closing quotes and brackets after a break move into the sentence they close.
 *
 * Python semantics kept: Python's `\s`, `\w`, `\d` (lib/text/py_str.ts), `str.isupper()` of a
 * token's first character, `str.rstrip()`, and the ASCII whitespace that NLTK's
 * `_get_last_whitespace_index` looks for.
 *
 * @module
 */
import {
  PY_DIGIT_RE_SOURCE,
  PY_NON_SPACE_RE_SOURCE as NS,
  PY_SPACE_RE_SOURCE as S,
  pyIsLower,
  pyIsUpper,
  pyRstrip,
  pyStrip,
} from "./py_str.ts";
import { PUNKT_ENGLISH_JSON } from "./data/punkt_english_gen.ts";

/** The learned parameters of one Punkt model (NLTK's `PunktParameters`). */
export interface PunktParameters {
  /** Abbreviation types, lower case and without their final period (`dr`, `u.s`). */
  abbrevTypes: ReadonlySet<string>;
  /** Collocations: a period-final type mapped to the types that follow it without a break. */
  collocations: ReadonlyMap<string, ReadonlySet<string>>;
  /** Types that often start a sentence (`however`, `the`). */
  sentStarters: ReadonlySet<string>;
  /** Orthographic context flags of each type (see the `ORTHO_*` masks). */
  orthoContext: ReadonlyMap<string, number>;
}

/** The parameters file's shape (`lib/text/data/punkt_english.json`). */
interface PunktParametersFile {
  abbrev_types: string[];
  collocations: string[][];
  sent_starters: string[];
  ortho_context: Record<string, number>;
}

// Orthographic context flags: beginning / middle / unknown position × upper / lower case.
const ORTHO_BEG_UC = 1 << 1;
const ORTHO_MID_UC = 1 << 2;
const ORTHO_UNK_UC = 1 << 3;
const ORTHO_BEG_LC = 1 << 4;
const ORTHO_MID_LC = 1 << 5;
const ORTHO_UNK_LC = 1 << 6;
const ORTHO_UC = ORTHO_BEG_UC | ORTHO_MID_UC | ORTHO_UNK_UC;
const ORTHO_LC = ORTHO_BEG_LC | ORTHO_MID_LC | ORTHO_UNK_LC;

// PunktLanguageVars, English: the regexes of NLTK, with Python's character classes.
const NON_WORD = `[)";}\\]*:@'({\\[?!]`;
const MULTI_CHAR = `(?:-{2,}|\\.{2,}|(?:\\.${S}){2,}\\.)`;
const WORD_START = `[^("\`{\\[:;&#*@)}\\]\\-,]`;
const WORD_TOKEN = new RegExp(
  `${MULTI_CHAR}|(?=${WORD_START})${NS}+?` +
    `(?=${S}|$|${NON_WORD}|${MULTI_CHAR}|,(?=$|${S}|${NON_WORD}|${MULTI_CHAR}))|${NS}`,
  "gu",
);
/** A candidate break; group 1 is what follows it (`after_tok`), group 2 the next token. */
const PERIOD_CONTEXT = new RegExp(`[.?!](?=(${NON_WORD}|${S}+(${NS}+)))`, "gu");
/** Closing marks after a break that belong to the sentence before it (`re.MULTILINE` `$`). */
const BOUNDARY_REALIGNMENT = new RegExp(`^["')\\]}]+?(?:${S}+|(?=--)|(?=\\n|$))`, "u");

// PunktToken's regexes.
const NUMERIC = new RegExp(
  `^-?[.,]?${PY_DIGIT_RE_SOURCE}[${PY_DIGIT_RE_SOURCE},.\\-]*\\.?$`,
  "u",
);
const ELLIPSIS = /^\.\.+$/;
/** `[^\W\d]\.$`: a letter (Python's `\w` without decimal digits) and a period. */
const INITIAL = /^[\p{L}\p{Nl}\p{No}_]\.$/u;

/** False when `tok` cannot match {@linkcode NUMERIC}: it starts with an ASCII letter. */
function mayBeNumber(tok: string): boolean {
  const c = tok.charCodeAt(0) | 0x20;
  return c < 0x61 || c > 0x7a;
}

/** Marks that never start a sentence (`PunktSentenceTokenizer.PUNCTUATION`). */
const PUNCTUATION = new Set([";", ":", ",", ".", "!", "?"]);
const SENT_END_CHARS = new Set([".", "?", "!"]);

/** One word token of a context with its annotations (NLTK's `PunktToken`). */
class Token {
  readonly tok: string;
  /** Lower case, numbers as `##number##`. */
  readonly type: string;
  readonly periodFinal: boolean;
  sentbreak = false;
  abbr = false;
  ellipsis = false;

  constructor(tok: string) {
    this.tok = tok;
    const lower = tok.toLowerCase();
    this.type = mayBeNumber(lower) && NUMERIC.test(lower) ? "##number##" : lower;
    this.periodFinal = tok.endsWith(".");
  }

  /** The type without a final period. */
  get typeNoPeriod(): string {
    const type = this.type;
    return type.length > 1 && type.endsWith(".") ? type.slice(0, -1) : type;
  }

  /** The type without its final period if that period is a sentence break. */
  get typeNoSentperiod(): string {
    return this.sentbreak ? this.typeNoPeriod : this.type;
  }

  get firstUpper(): boolean {
    return pyIsUpper(String.fromCodePoint(this.tok.codePointAt(0)!));
  }

  get firstLower(): boolean {
    return pyIsLower(String.fromCodePoint(this.tok.codePointAt(0)!));
  }

  get isInitial(): boolean {
    return INITIAL.test(this.tok);
  }
}

let englishParameters: PunktParameters | undefined;

/**
 * NLTK's English Punkt parameters, parsed on first use from the text compiled into lmeter
 * (`data/punkt_english_gen.ts`, made from `data/punkt_english.json`).
 */
export function englishPunktParameters(): PunktParameters {
  englishParameters ??= punktParameters(JSON.parse(PUNKT_ENGLISH_JSON) as PunktParametersFile);
  return englishParameters;
}

function punktParameters(file: PunktParametersFile): PunktParameters {
  const collocations = new Map<string, Set<string>>();
  for (const [first, second] of file.collocations) {
    let next = collocations.get(first);
    if (!next) collocations.set(first, next = new Set());
    next.add(second);
  }
  return {
    abbrevTypes: new Set(file.abbrev_types),
    collocations,
    sentStarters: new Set(file.sent_starters),
    orthoContext: new Map(Object.entries(file.ortho_context)),
  };
}

/**
 * The sentences of `text` as NLTK's `sent_tokenize(text)` (English Punkt) returns them: slices of
 * the text, closing quotes and brackets kept with their sentence, no trailing whitespace.
 */
export function sentenceTokenize(text: string): string[] {
  const params = englishPunktParameters();
  const sentences: string[] = [];
  for (const [start, end] of realignBoundaries(text, sliceText(text, params))) {
    sentences.push(text.slice(start, end));
  }
  return sentences;
}

/** `_slices_from_text`: the [start, end) of each sentence before realignment. */
function sliceText(text: string, params: PunktParameters): [number, number][] {
  const slices: [number, number][] = [];
  let lastBreak = 0;
  for (const { index, context, after, next } of potentialEndContexts(text)) {
    if (!cachedContainsSentbreak(context, params)) continue;
    slices.push([lastBreak, index + 1]);
    // The next sentence starts at the next token, or at the punctuation that follows.
    lastBreak = next === undefined ? index + 1 : index + 1 + after.length - next.length;
  }
  slices.push([lastBreak, pyRstrip(text).length]);
  return slices;
}

interface EndContext {
  /** Index of the `.`, `?` or `!`. */
  index: number;
  /** The word before it, the mark and what follows (`acting!!! I`). */
  context: string;
  after: string;
  next: string | undefined;
}

/**
 * `_match_potential_end_contexts`: each candidate break with the word before it, dropping a
 * candidate whose word overlaps the next candidate's (`acting!!!` yields its last `!` only).
 */
function potentialEndContexts(text: string): EndContext[] {
  const found: EndContext[] = [];
  let previous: RegExpMatchArray | undefined;
  let previousStart = 0;
  let previousStop = 0;
  PERIOD_CONTEXT.lastIndex = 0;
  for (let match; (match = PERIOD_CONTEXT.exec(text));) {
    const index = match.index;
    const space = lastAsciiWhitespaceIndex(text, previousStop, index);
    const start = space ? space + previousStop + 1 : previousStart;
    if (previous && previousStop <= start) found.push(endContext(text, previous, previousStart));
    previous = match;
    previousStart = start;
    previousStop = index;
  }
  if (previous) found.push(endContext(text, previous, previousStart));
  return found;
}

function endContext(text: string, match: RegExpMatchArray, wordStart: number): EndContext {
  const index = match.index!;
  const after = match[1];
  return {
    index,
    // The word, the mark and what follows it lie side by side in the text.
    context: text.slice(wordStart, index + 1 + after.length),
    after,
    next: match[2],
  };
}

/**
 * `_get_last_whitespace_index(text[from:to])`: the index, within that slice, of its last ASCII
 * whitespace (`string.whitespace`), or 0 when there is none (or it is the slice's first char).
 */
function lastAsciiWhitespaceIndex(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return i - from;
  }
  return 0;
}

/** Verdicts of {@linkcode containsSentbreak} by context, for the English parameters. */
const sentbreakCache = new Map<string, boolean>();
const SENTBREAK_CACHE_SIZE = 20_000;

/** {@linkcode containsSentbreak} remembered: contexts recur (`it. The`), within a text and across texts. */
function cachedContainsSentbreak(context: string, params: PunktParameters): boolean {
  let verdict = sentbreakCache.get(context);
  if (verdict === undefined) {
    verdict = containsSentbreak(context, params);
    if (sentbreakCache.size >= SENTBREAK_CACHE_SIZE) sentbreakCache.clear();
    sentbreakCache.set(context, verdict);
  }
  return verdict;
}

/** `text_contains_sentbreak`: does some token of `context`, other than the last, end a sentence? */
function containsSentbreak(context: string, params: PunktParameters): boolean {
  const tokens = punktWords(context);
  for (const token of tokens) firstPass(token, params);
  for (let i = 0; i < tokens.length - 1; i++) {
    secondPass(tokens[i], tokens[i + 1], params);
    if (tokens[i].sentbreak) return true;
  }
  return false;
}

/** `_tokenize_words`: Punkt's word tokens, line by line, blank lines skipped. */
function punktWords(text: string): Token[] {
  const tokens: Token[] = [];
  for (const line of text.split("\n")) {
    if (!pyStrip(line)) continue;
    WORD_TOKEN.lastIndex = 0;
    for (let match; (match = WORD_TOKEN.exec(line));) tokens.push(new Token(match[0]));
  }
  return tokens;
}

/** `_first_pass_annotation`: breaks, ellipses and abbreviations from the token alone. */
function firstPass(token: Token, params: PunktParameters): void {
  const tok = token.tok;
  if (SENT_END_CHARS.has(tok)) {
    token.sentbreak = true;
  } else if (ELLIPSIS.test(tok)) {
    token.ellipsis = true;
  } else if (token.periodFinal && !tok.endsWith("..")) {
    const stem = tok.slice(0, -1).toLowerCase();
    const afterHyphen = stem.slice(stem.lastIndexOf("-") + 1);
    if (params.abbrevTypes.has(stem) || params.abbrevTypes.has(afterHyphen)) token.abbr = true;
    else token.sentbreak = true;
  }
}

/** `_second_pass_annotation`: revisit a period-final token in the light of the next one. */
function secondPass(token: Token, next: Token, params: PunktParameters): void {
  if (!token.periodFinal) return;
  const type = token.typeNoPeriod;
  const nextType = next.typeNoSentperiod;
  const isInitial = token.isInitial;

  // Collocation heuristic: a known pair is never split.
  if (params.collocations.get(type)?.has(nextType)) {
    token.sentbreak = false;
    token.abbr = true;
    return;
  }
  // An abbreviation or ellipsis also ends a sentence before a likely sentence starter.
  if ((token.abbr || token.ellipsis) && !isInitial) {
    if (orthoHeuristic(next, params) === true) {
      token.sentbreak = true;
      return;
    }
    if (next.firstUpper && params.sentStarters.has(nextType)) {
      token.sentbreak = true;
      return;
    }
  }
  // Initials and ordinals: not a break before a word that does not start sentences.
  if (isInitial || type === "##number##") {
    const starter = orthoHeuristic(next, params);
    if (starter === false) {
      token.sentbreak = false;
      token.abbr = true;
      return;
    }
    if (
      starter === "unknown" && isInitial && next.firstUpper &&
      !((params.orthoContext.get(nextType) ?? 0) & ORTHO_LC)
    ) {
      token.sentbreak = false;
      token.abbr = true;
    }
  }
}

/** `_ortho_heuristic`: does `token` start a sentence, judged by how its type was capitalised? */
function orthoHeuristic(token: Token, params: PunktParameters): boolean | "unknown" {
  if (PUNCTUATION.has(token.tok)) return false;
  const ortho = params.orthoContext.get(token.typeNoSentperiod) ?? 0;
  if (token.firstUpper && (ortho & ORTHO_LC) && !(ortho & ORTHO_MID_UC)) return true;
  if (token.firstLower && ((ortho & ORTHO_UC) || !(ortho & ORTHO_BEG_LC))) return false;
  return "unknown";
}

/** `_realign_boundaries`: closing quotes and brackets after a break join the sentence before. */
function realignBoundaries(text: string, slices: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let realign = 0;
  for (let i = 0; i < slices.length; i++) {
    const start = slices[i][0] + realign;
    const end = slices[i][1];
    if (i === slices.length - 1) {
      if (start < end) out.push([start, end]);
      continue;
    }
    const [nextStart, nextEnd] = slices[i + 1];
    const m = BOUNDARY_REALIGNMENT.exec(text.slice(nextStart, nextEnd));
    if (m) {
      out.push([start, nextStart + pyRstrip(m[0]).length]);
      realign = m[0].length;
    } else {
      realign = 0;
      if (start < end) out.push([start, end]);
    }
  }
  return out;
}
