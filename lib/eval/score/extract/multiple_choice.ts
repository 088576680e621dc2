/**
 * Multiple-choice letter extraction, exactly as EvalScope's `parse_answers` /
 * `parse_answers_zh`, with its last-capital-letter fallback as an option.
 *
 * @module
 */

import { PY_SPACE, pyIsUpperChar, pyRstrip, pyStrip } from "../math/py_compat.ts";

/** Options of {@link parseMultipleChoice}. */
export interface MultipleChoiceOptions {
  /** The valid option labels: `"ABCD"` or `["A", "B", "C", "D"]`. Default `"ABCD"`. */
  letters?: string | readonly string[];
  /** Several answers may be correct (`ANSWER: A,C`). Default false. */
  multiple?: boolean;
  /** Read the Chinese `答案：` marker instead of `ANSWER:`. Default false. */
  chinese?: boolean;
  /**
   * With no usable marker, take the last standalone capital letter of the whole text when it is
   * a valid label. Default true (EvalScope's fallback, minus capitals inside words). False gives
   * lmeter's stricter reading.
   */
  fallback?: boolean;
}

const S = `[${PY_SPACE}]*`;
const MARKER = new RegExp(`ANSWER${S}:${S}\\**${S}`, "giu");
const MARKER_ZH = new RegExp(`答案${S}[:：]${S}\\**${S}`, "gu");
const LABEL = "[A-Za-z\\p{Nd}]";
const BRACKETED = new RegExp(
  `^[([（【]${S}(${LABEL}(?:${S}[,，]${S}${LABEL})*)${S}[)\\]）】]`,
  "u",
);
const PLAIN = /^([A-Za-z\p{Nd}][A-Za-z\p{Nd} ,]*)/u;
const PLAIN_ZH = /^([A-Za-z0-9][A-Za-z0-9,，]*)/;
const LABEL_TOKEN = /[A-Za-z\p{Nd}]+/gu;

/** The leading part of a capture made only of valid labels (`"B, not C"` → `"B"`). */
function labelPrefix(capture: string, allowed: ReadonlySet<string>): string {
  let end = 0;
  for (const token of capture.matchAll(LABEL_TOKEN)) {
    const word = token[0];
    if (!allowed.has(word) && ![...word].every((char) => allowed.has(char))) break;
    end = (token.index ?? 0) + word.length;
  }
  return capture.slice(0, end);
}

/** The label after the last marker that is followed by one, scanning markers from the end. */
function lastLabelled(
  text: string,
  chinese: boolean,
  allowed: ReadonlySet<string>,
): string | undefined {
  const markers = [...text.matchAll(chinese ? MARKER_ZH : MARKER)];
  for (let i = markers.length - 1; i >= 0; i--) {
    const marker = markers[i];
    const tail = text.slice((marker.index ?? 0) + marker[0].length);
    for (const pattern of [BRACKETED, chinese ? PLAIN_ZH : PLAIN]) {
      const label = pattern.exec(tail);
      if (!label) continue;
      const prefix = labelPrefix(label[1], allowed);
      if (prefix) return prefix;
    }
  }
  return undefined;
}

/** A Latin letter or a digit: what makes a capital part of a word (`Athanks`, `B2`). */
const WORDISH = /[\p{Script=Latin}\p{Nd}]/u;

/**
 * EvalScope's fallback, limited to standalone letters: the last uppercase character of the text
 * decides, and counts only when it is a valid label standing alone — no Latin letter or digit
 * right before or after it (`A`, `(A)`, `A.`, `**A**`, `我选A`). Deliberate: EvalScope also
 * takes a capital inside a word, so "Athanks" answered A and "C. Because" answered B; here both
 * give no answer (lmeter credits a subset of what EvalScope credits, never more).
 */
function lastCapital(text: string, allowed: ReadonlySet<string>): string[] {
  const chars = [...text];
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!pyIsUpperChar(chars[i])) continue;
    if (WORDISH.test(chars[i - 1] ?? "") || WORDISH.test(chars[i + 1] ?? "")) return [];
    return allowed.has(chars[i]) ? [chars[i]] : [];
  }
  return [];
}

function subsetOf(items: readonly string[], allowed: ReadonlySet<string>): boolean {
  return items.every((item) => allowed.has(item));
}

function readEnglish(matched: string, multiple: boolean, allowed: ReadonlySet<string>): string[] {
  let answer = pyRstrip(pyStrip(matched), ".");
  if (!multiple) return allowed.has(answer) ? [answer] : [];
  answer = answer.replaceAll(" and ", "").replaceAll(" ", "").replaceAll("，", ",");
  const byComma = answer.split(",");
  if (subsetOf(byComma, allowed)) return byComma;
  const byChar = [...answer];
  return subsetOf(byChar, allowed) ? byChar : [];
}

function readChinese(matched: string, multiple: boolean, allowed: ReadonlySet<string>): string[] {
  let answer = pyRstrip(pyStrip(matched), "。.");
  if (!multiple) return allowed.has(answer) ? [answer] : [];
  answer = answer.replaceAll(" 和 ", "").replaceAll(" ", "").replaceAll("，", ",");
  const items = answer.includes(",") ? answer.split(",") : [...answer];
  return subsetOf(items, allowed) ? items : [];
}

/**
 * The chosen option letters, sorted and joined (`"AC"`), or `""` when none can be read. Reads
 * the last `ANSWER:` (or `答案：`) marker that is followed by a label — case-insensitive, `**`
 * allowed, `(A)` `[A]` `（A）` `【A】` and lists `(A, C)` accepted, keeping only the leading
 * valid labels (`ANSWER: B, not C` → `B`). Single mode needs exactly one valid label.
 * Without a usable marker, the last-capital-letter fallback applies when enabled.
 */
export function parseMultipleChoice(text: string, options: MultipleChoiceOptions = {}): string {
  const letters = options.letters ?? "ABCD";
  const allowed = new Set(typeof letters === "string" ? [...letters] : letters);
  const chinese = options.chinese ?? false;
  const multiple = options.multiple ?? false;
  const matched = lastLabelled(text, chinese, allowed);
  let answers: string[];
  if (matched === undefined) {
    answers = (options.fallback ?? true) ? lastCapital(text, allowed) : [];
  } else {
    answers = chinese
      ? readChinese(matched, multiple, allowed)
      : readEnglish(matched, multiple, allowed);
  }
  return [...new Set(answers)].sort().join("");
}
