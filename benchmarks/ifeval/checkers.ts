/**
 * IFEval's instruction checkers that need no language tools: pure functions
 * `(response, kwargs, prompt) → boolean` with the verdicts of Google's reference
 * (`instruction_following_eval/instructions.py`), Python string and `re` semantics included.
 * The checkers that need NLTK's tokenizers or langdetect are in `language_checkers.ts`.
 *
 * @module
 */
import {
  PY_SPACE_CHARS,
  PY_WORD_RE_SOURCE,
  pyLstrip,
  pyRstrip,
  pySplit,
  pyStrip,
} from "../../lib/text/mod.ts";
import { pyCountMatches, pySearch } from "./py_regex.ts";
import { pyJsonLoads } from "./py_json.ts";

/** One instruction's arguments as the data gives them (`null` entries already dropped). */
export type Kwargs = Readonly<Record<string, unknown>>;

/** Decides whether `response` follows one instruction. Throws on arguments it cannot use. */
export type Checker = (response: string, kwargs: Kwargs, prompt: string) => boolean;

/** An instruction whose arguments are missing or malformed (the reference would draw random ones). */
export class KwargsError extends Error {
  constructor(what: string) {
    super(what);
    this.name = "KwargsError";
  }
}

/** A required integer argument (the reference draws a random one when it is missing or < 0). */
export function intArg(kwargs: Kwargs, name: string): number {
  const v = kwargs[name];
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new KwargsError(`"${name}" must be a number ≥ 0, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** A required string argument. */
export function textArg(kwargs: Kwargs, name: string): string {
  const v = kwargs[name];
  if (typeof v !== "string" || v === "") {
    throw new KwargsError(`"${name}" must be a non-empty string, got ${JSON.stringify(v)}`);
  }
  return v;
}

function listArg(kwargs: Kwargs, name: string): string[] {
  const v = kwargs[name];
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === "string")) {
    throw new KwargsError(`"${name}" must be a non-empty list of strings`);
  }
  return v as string[];
}

/** `less than` → count < n; `at least` → count ≥ n (the reference's two relations). */
export function compare(count: number, threshold: number, relation: string): boolean {
  if (relation === "less than") return count < threshold;
  if (relation === "at least") return count >= threshold;
  throw new KwargsError(`relation must be "less than" or "at least", got "${relation}"`);
}

/** Python's `count_words`: the number of `\w+` runs (Unicode `\w`, so marks split words). */
export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD_RUN)) n++;
  return n;
}
const WORD_RUN = new RegExp(`${PY_WORD_RE_SOURCE}+`, "gu");

const PLACEHOLDER = /\[[^\n]*?\]/g;
const BULLET_STAR = new RegExp(`(?<![^\\n])[${PY_SPACE_CHARS}]*\\*[^*][^\\n]*(?![^\\n])`, "g");
const BULLET_DASH = new RegExp(`(?<![^\\n])[${PY_SPACE_CHARS}]*-[^\\n]*(?![^\\n])`, "g");
const HIGHLIGHT = /\*[^\n*]*\*/g;
const DOUBLE_HIGHLIGHT = /\*\*[^\n*]*\*\*/g;
const PARAGRAPH_DIVIDER = new RegExp(`[${PY_SPACE_CHARS}]?\\*\\*\\*[${PY_SPACE_CHARS}]?`);
const TITLE = /<<[^\n]+>>/g;
const CONSTRAINED = ["My answer is yes.", "My answer is no.", "My answer is maybe."];
const FIRST_WORD_STOP = new Set([".", ",", "?", "!", "'", '"']);

function count(re: RegExp, text: string): number {
  let n = 0;
  for (const _ of text.matchAll(re)) n++;
  return n;
}

/** `detectable_content:number_placeholders`: at least n `[…]` placeholders. */
export const numberPlaceholders: Checker = (r, kw) =>
  count(PLACEHOLDER, r) >= intArg(kw, "num_placeholders");

/** `detectable_format:number_bullet_lists`: exactly n `* ` or `-` bullet lines. */
export const numberBulletLists: Checker = (r, kw) =>
  count(BULLET_STAR, r) + count(BULLET_DASH, r) === intArg(kw, "num_bullets");

/** `detectable_format:constrained_response`: one of "My answer is yes./no./maybe.". */
export const constrainedResponse: Checker = (r) => {
  const text = pyStrip(r);
  return CONSTRAINED.some((option) => text.includes(option));
};

/** `detectable_format:number_highlighted_sections`: at least n non-blank `*…*` or `**…**`. */
export const numberHighlightedSections: Checker = (r, kw) => {
  let n = 0;
  for (const m of r.matchAll(HIGHLIGHT)) if (pyStrip(pyStrip(m[0], "*")) !== "") n++;
  for (const m of r.matchAll(DOUBLE_HIGHLIGHT)) if (pyStrip(m[0].slice(2, -2)) !== "") n++;
  return n >= intArg(kw, "num_highlights");
};

/** `detectable_format:multiple_sections`: at least n `<splitter> <digits>` marks. */
export const multipleSections: Checker = (r, kw) => {
  const splitter = pyStrip(textArg(kw, "section_spliter"));
  return pyCountMatches(`\\s?${splitter}\\s?\\d+\\s?`, r) >= intArg(kw, "num_sections");
};

/** `length_constraints:number_paragraphs`: exactly n paragraphs between `***` dividers. */
export const numberParagraphs: Checker = (r, kw) => {
  const paragraphs = r.split(PARAGRAPH_DIVIDER);
  let n = paragraphs.length;
  for (let i = 0; i < paragraphs.length; i++) {
    if (pyStrip(paragraphs[i]) !== "") continue;
    if (i === 0 || i === paragraphs.length - 1) n--;
    else return false;
  }
  return n === intArg(kw, "num_paragraphs");
};

/** `detectable_content:postscript`: a line part starting with the marker (case-insensitive). */
export const postscript: Checker = (r, kw) => {
  const marker = pyStrip(textArg(kw, "postscript_marker"));
  const text = r.toLowerCase();
  const pattern = marker === "P.P.S"
    ? "\\s*p\\.\\s?p\\.\\s?s"
    : marker === "P.S."
    ? "\\s*p\\.\\s?s\\."
    : `\\s*${marker.toLowerCase()}`;
  // `.*$` after the marker always matches under MULTILINE, so a search decides.
  return pySearch(pattern, text);
};

/** `keywords:existence`: every keyword found (each one a Python regex, case-insensitive). */
export const keywordsExistence: Checker = (r, kw) =>
  listArg(kw, "keywords").every((k) => pySearch(k, r, { ignoreCase: true }));

/** `keywords:frequency`: the keyword (a regex) matches less than / at least n times. */
export const keywordsFrequency: Checker = (r, kw) => {
  const keyword = pyStrip(textArg(kw, "keyword"));
  const n = pyCountMatches(keyword, r, { ignoreCase: true });
  return compare(n, intArg(kw, "frequency"), textArg(kw, "relation"));
};

/** `length_constraints:number_words`: less than / at least n `\w+` words. */
export const numberWords: Checker = (r, kw) =>
  compare(countWords(r), intArg(kw, "num_words"), textArg(kw, "relation"));

/** `detectable_format:json_format`: the response (one optional code fence off) parses as JSON. */
export const jsonFormat: Checker = (r) => {
  let text = pyStrip(r);
  for (const fence of ["```json", "```Json", "```JSON", "```"]) {
    if (text.startsWith(fence)) text = text.slice(fence.length);
  }
  if (text.endsWith("```")) text = text.slice(0, -3);
  return pyJsonLoads(pyStrip(text));
};

/** `length_constraints:nth_paragraph_first_word`: n `\n\n` paragraphs, the nth starting with a word. */
export const nthParagraphFirstWord: Checker = (r, kw) => {
  const want = intArg(kw, "num_paragraphs");
  const nth = intArg(kw, "nth_paragraph");
  if (nth <= 0 || nth > want) throw new KwargsError(`"nth_paragraph" must be 1…num_paragraphs`);
  const expected = textArg(kw, "first_word").toLowerCase();
  const paragraphs = r.split("\n\n");
  let n = paragraphs.length;
  for (const p of paragraphs) if (pyStrip(p) === "") n--;
  if (nth > n) return false;
  const paragraph = pyStrip(paragraphs[nth - 1]);
  if (paragraph === "") return false;
  const word = pyLstrip(pyLstrip(pyStrip(pySplit(paragraph)[0]), "'"), '"');
  let first = "";
  for (const ch of word) {
    if (FIRST_WORD_STOP.has(ch)) break;
    first += ch.toLowerCase();
  }
  return n === want && first === expected;
};

/** `keywords:forbidden_words`: no `\b<word>\b` match (case-insensitive). */
export const forbiddenWords: Checker = (r, kw) =>
  !listArg(kw, "forbidden_words").some((w) => pySearch(`\\b${w}\\b`, r, { ignoreCase: true }));

/** `combination:two_responses`: two different answers separated by `******`. */
export const twoResponses: Checker = (r) => {
  const parts = r.split("******");
  const valid: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (pyStrip(parts[i]) === "") {
      if (i !== 0 && i !== parts.length - 1) return false;
    } else valid.push(parts[i]);
  }
  return valid.length === 2 && pyStrip(valid[0]) !== pyStrip(valid[1]);
};

/** `combination:repeat_prompt`: the response starts with the request, case-insensitively. */
export const repeatPrompt: Checker = (r, kw) =>
  pyStrip(r).toLowerCase().startsWith(pyStrip(textArg(kw, "prompt_to_repeat")).toLowerCase());

/** `startend:end_checker`: the response (quotes off) ends with the phrase, case-insensitively. */
export const endChecker: Checker = (r, kw) =>
  pyStrip(pyStrip(r), '"').toLowerCase().endsWith(
    pyStrip(pyStrip(textArg(kw, "end_phrase"))).toLowerCase(),
  );

/** `detectable_format:title`: a `<<title>>` with non-blank text. */
export const title: Checker = (r) => {
  for (const m of r.matchAll(TITLE)) {
    if (pyStrip(pyRstrip(pyLstrip(m[0], "<"), ">")) !== "") return true;
  }
  return false;
};

/**
 * `keywords:letter_frequency`: the letter, as given, occurs less than / at least n times in the
 * lower-cased response (Google's current code; EvalScope draws a random letter for `#` and `!`).
 */
export const letterFrequency: Checker = (r, kw) => {
  const given = textArg(kw, "letter");
  if ([...given].length > 1) throw new KwargsError(`"letter" must be one character`);
  const letter = pyStrip(given).toLowerCase();
  let n = 0;
  if (letter !== "") { for (const ch of r.toLowerCase()) if (ch === letter) n++; }
  return compare(n, intArg(kw, "let_frequency"), textArg(kw, "let_relation"));
};

/** `punctuation:no_comma`: no `,` at all. */
export const noComma: Checker = (r) => !r.includes(",");

/** `startend:quotation`: the stripped response is wrapped in double quotes. */
export const quotation: Checker = (r) => {
  const text = pyStrip(r);
  return text.length > 1 && text[0] === '"' && text[text.length - 1] === '"';
};
