/**
 * MuSR: multistep soft reasoning over long narratives (murder mysteries, object placements,
 * team allocation — one dataset split each), zero-shot chain-of-thought `ANSWER: X`.
 *
 * @module
 */
import {
  defineBenchmark,
  FieldError,
  intField,
  MCQ_SINGLE_COT,
  mcqExtractor,
  mcqPrompt,
  optionLabel,
  textField,
  variantNames,
} from "../lib/eval/define.ts";

const ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  n: "\n",
  t: "\t",
  r: "\r",
};

/**
 * Reads a Python list of string literals (`"['Ada', \"Ben's\"]"`, what `ast.literal_eval`
 * accepts for MuSR's `choices` column); null when the text is not one.
 */
export function parsePyStringList(text: string): string[] | null {
  const out: string[] = [];
  let i = text.indexOf("[");
  if (i < 0 || text.slice(0, i).trim() !== "") return null;
  i++;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  skip();
  if (text[i] === "]") return text.slice(i + 1).trim() === "" ? out : null;
  while (i < text.length) {
    const quote = text[i];
    if (quote !== "'" && quote !== '"') return null;
    let s = "";
    i++;
    while (i < text.length && text[i] !== quote) {
      if (text[i] === "\\") {
        const next = text[i + 1];
        if (next === "u" || next === "x") {
          const len = next === "u" ? 4 : 2;
          s += String.fromCharCode(parseInt(text.slice(i + 2, i + 2 + len), 16));
          i += 2 + len;
          continue;
        }
        s += ESCAPES[next] ?? `\\${next}`;
        i += 2;
        continue;
      }
      s += text[i++];
    }
    if (i >= text.length) return null;
    i++;
    out.push(s);
    skip();
    if (text[i] === ",") {
      i++;
      skip();
      if (text[i] === "]") break;
      continue;
    }
    if (text[i] === "]") break;
    return null;
  }
  return text[i] === "]" && text.slice(i + 1).trim() === "" ? out : null;
}

/** The `musr` benchmark. */
export const musr = defineBenchmark({
  name: "musr",
  prettyName: "MuSR",
  description:
    "Multistep soft reasoning over long generated narratives: murder mysteries, object placements and team allocation (one dataset split each, used as subsets). Zero-shot chain-of-thought, 'ANSWER: X'.",
  version: "1",
  tags: ["reasoning", "multiple_choice"],
  paperUrl: "https://arxiv.org/abs/2310.16049",
  dataset: {
    id: "AI-ModelScope/MuSR",
    hfId: "TAUR-Lab/MuSR",
    evalSplit: "test",
    subsets: ["murder_mysteries", "object_placements", "team_allocation"],
    // The subsets are splits of one configuration: one file per subset.
    patterns: ["{subset}.*", "data/{subset}-[0-9]*", "data/{subset}.*", "{subset}/*"],
  },
  toSample(record) {
    const raw = record.choices;
    const choices = Array.isArray(raw) ? raw.map(String) : parsePyStringList(String(raw ?? ""));
    if (!choices) throw new FieldError("choices", "a Python list of strings", raw);
    const answer = intField(record, "answer_index");
    if (answer < 0 || answer >= choices.length) {
      throw new FieldError("answer_index", `an index below ${choices.length}`, answer);
    }
    return {
      input: `${textField(record, "narrative")}\n\n${textField(record, "question")}`,
      choices,
      target: optionLabel(answer),
    };
  },
  prompt: mcqPrompt(MCQ_SINGLE_COT),
  extract: mcqExtractor(),
  metrics: [{ name: "acc" }],
  variants: variantNames("mcq").filter((n) => !n.includes("zh") && n !== "mcq:ceval"),
});
