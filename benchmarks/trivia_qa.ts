/**
 * TriviaQA (rc.wikipedia): answer a trivia question from Wikipedia context; the answer after
 * the last `ANSWER:` is right when it equals an alias or contains one (case-insensitive).
 *
 * @module
 */
import {
  defineBenchmark,
  type Extractor,
  objectField,
  optionalText,
  pyStrip,
  type Scorer,
  textField,
  textList,
} from "../lib/eval/define.ts";

/** EvalScope's prompt, wording included ("Keep your The last line…"). */
const PROMPT =
  'Read the content and answer the following question.\n\nContent: {content}\n\nQuestion: {question}\n\nKeep your The last line of your response should be of the form "ANSWER: [ANSWER]" (without quotes) where [ANSWER] is the answer to the problem.\n';

/** Characters Python's `str.isprintable()` rejects (controls, format, unassigned, separators). */
const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function pyEscape(code: number): string {
  const hex = code.toString(16);
  if (code < 0x100) return `\\x${hex.padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${hex.padStart(4, "0")}`;
  return `\\U${hex.padStart(8, "0")}`;
}

/** Python's `repr()` of a string (single quotes unless the text has ' and no "). */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && NOT_PRINTABLE.test(ch)) out += pyEscape(code);
    else out += ch;
  }
  return out + quote;
}

/** The context as EvalScope puts it in the prompt: a string as is, a list as Python prints it. */
export function contentText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map((v) => pyRepr(String(v))).join(", ")}]`;
  return String(value ?? "");
}

/** The text after the last `ANSWER:` (to the end of its line), else the whole response. */
const triviaExtractor: Extractor = {
  name: "trivia_qa:answer",
  extract(text) {
    const matches = [...text.matchAll(/ANSWER:\s*(.*)/g)];
    return pyStrip(matches.length ? matches[matches.length - 1][1] : text);
  },
};

const norm = (s: string) => pyStrip(s).toLowerCase();

/** Right when the answer equals an alias or contains one (case-insensitive), any alias. */
const triviaScorer: Scorer = {
  id: "trivia_qa:alias-in-answer",
  kind: "rule",
  score({ extracted, sample }) {
    const answer = norm(extracted);
    const aliases = Array.isArray(sample.target) ? sample.target : [sample.target];
    const ok = aliases.some((a) => {
      const alias = norm(a);
      return answer === alias || (alias !== "" && answer.includes(alias));
    });
    return { value: { acc: ok ? 1 : 0 }, extracted, main: "acc" };
  },
};

/** The `trivia_qa` benchmark. */
export const triviaQa = defineBenchmark({
  name: "trivia_qa",
  prettyName: "TriviaQA",
  description:
    "Trivia questions with Wikipedia evidence (rc.wikipedia). Zero-shot; the answer after the last 'ANSWER:' is right when it equals or contains any alias of the answer (case-insensitive).",
  version: "1",
  tags: ["qa", "reading_comprehension"],
  paperUrl: "https://arxiv.org/abs/1705.03551",
  dataset: {
    id: "evalscope/trivia_qa",
    hfId: "mandarjoshi/trivia_qa",
    evalSplit: "validation",
    subsets: ["rc.wikipedia"],
  },
  toSample(record) {
    const answer = objectField(record, "answer");
    const pages = objectField(record, "entity_pages");
    return {
      input: textField(record, "question"),
      target: [...textList(answer, "aliases"), ...textList(answer, "normalized_aliases")],
      metadata: {
        question_id: optionalText(record, "question_id") ?? null,
        content: contentText(pages.wiki_context),
      },
    };
  },
  prompt: {
    style: "text",
    template: PROMPT,
    fewShotNum: 0,
    values: (s) => ({ content: String(s.metadata?.content ?? "") }),
  },
  extract: triviaExtractor,
  scorer: triviaScorer,
  metrics: [{ name: "acc", options: { allow_inclusion: true } }],
});
